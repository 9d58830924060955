/**
 * Liveness and readiness probes. /livez responds as long as the process
 * serves HTTP. /readyz also checks that the ERP database and the portal store
 * respond, and returns 503 with the status of each check otherwise.
 * Optional checks (Salesforce) are reported but only turn the status into
 * "degraded" with 200, because the portal still serves everything else.
 */
import type { FastifyInstance } from 'fastify';

import type { HealthCheck } from '../../connectors/sources';

/** A check that takes longer than this counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

type CheckStatus = 'ok' | 'failed' | 'timed out';

export interface ReadinessOptions {
  /** Checks whose failure leaves the gateway ready. */
  optionalChecks?: readonly HealthCheck[];
  /** Extra fields of the response body, computed per request. */
  details?: () => Record<string, unknown>;
}

export function registerHealthRoutes(app: FastifyInstance, checks: readonly HealthCheck[], options: ReadinessOptions = {}): void {
  app.get('/livez', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const run = (check: HealthCheck) => runCheck(check, (error) => request.log.warn({ err: error, check: check.name }, 'Readiness check failed'));
    const [required, optional] = await Promise.all([
      Promise.all(checks.map(async (check) => [check.name, await run(check)] as const)),
      Promise.all((options.optionalChecks ?? []).map(async (check) => [check.name, await run(check)] as const)),
    ]);

    const ready = required.every(([, status]) => status === 'ok');
    let status = ready ? 'ok' : 'unavailable';
    if (ready && optional.some(([, result]) => result !== 'ok')) {
      status = 'degraded';
    }
    void reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
    return {
      status,
      checks: Object.fromEntries([...required, ...optional]),
      ...options.details?.(),
    };
  });
}

async function runCheck(check: HealthCheck, onFailure: (error: unknown) => void): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), CHECK_TIMEOUT_MS);
  });

  try {
    const outcome = await Promise.race([check.check().then(() => 'ok' as const), timeout]);
    if (outcome === 'timed out') {
      onFailure(new Error(`${check.name} did not respond within ${CHECK_TIMEOUT_MS} ms`));
    }
    return outcome;
  } catch (error) {
    onFailure(error);
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}
