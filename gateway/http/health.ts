/**
 * Liveness and readiness probes. /livez responds as long as the process
 * serves HTTP. /readyz also checks that the ERP database and the portal store
 * respond, and returns 503 with the status of each check otherwise.
 */
import type { FastifyInstance } from 'fastify';

import type { HealthCheck } from '../../connectors/sources';

/** A check that takes longer than this counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

type CheckStatus = 'ok' | 'failed' | 'timed out';

export function registerHealthRoutes(app: FastifyInstance, checks: readonly HealthCheck[]): void {
  app.get('/livez', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const results = await Promise.all(
      checks.map(async (check) => {
        const status = await runCheck(check, (error) => request.log.warn({ err: error, check: check.name }, 'Readiness check failed'));
        return [check.name, status] as const;
      }),
    );

    const ready = results.every(([, status]) => status === 'ok');
    void reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
    return { status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) };
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
