import { UpstreamUnavailableError } from '../../errors';
import { SalesforceRequestError } from '../request-errors';
import { ACME, ALICE, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

const count = (env: TestEnvironment) => env.source.countTickets(scopeOf(ACME), {});
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

/** Starts an environment and signs in, so that later counts start from a warm session. */
async function warmEnvironment(settings: Record<string, string> = {}): Promise<TestEnvironment> {
  const env = await startTestEnvironment({ env: settings });
  await count(env);
  env.fake.clearRequests();
  return env;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('unavailability', () => {
  let env: TestEnvironment | undefined;

  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  test('REQUEST_LIMIT_EXCEEDED is not retried', async () => {
    env = await warmEnvironment({ SALESFORCE_RETRIES: '2', SALESFORCE_RETRY_DELAY_MS: '10' });
    env.fake.faults.requestLimitExceeded();

    const failure = await failureOf(count(env));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure?.message).toMatch(/REQUEST_LIMIT_EXCEEDED \(api-usage \d+\/15000\)/);
    expect(env.fake.dataRequests()).toHaveLength(1);
  });

  test('5xx fails at once without retries', async () => {
    env = await warmEnvironment();
    env.fake.faults.serverError({ status: 500 });

    const failure = await failureOf(count(env));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure?.message).toMatch(/HTTP 500/);
    expect(env.fake.dataRequests()).toHaveLength(1);
  });

  test('reads retried after 5xx', async () => {
    env = await warmEnvironment({ SALESFORCE_RETRIES: '2', SALESFORCE_RETRY_DELAY_MS: '10' });

    env.fake.faults.serverError({ status: 503, times: 2 });
    expect(await count(env)).toBe(0);
    expect(env.fake.dataRequests().map((entry) => entry.status)).toEqual([503, 503, 200]);

    env.fake.clearRequests();
    env.fake.faults.serverError({ status: 503 });
    expect(await failureOf(count(env))).toBeInstanceOf(UpstreamUnavailableError);
    expect(env.fake.dataRequests()).toHaveLength(3);
  });

  test('writes are never retried', async () => {
    env = await warmEnvironment({ SALESFORCE_RETRIES: '2', SALESFORCE_RETRY_DELAY_MS: '10' });
    await env.source.createTicket(ACME, ALICE, { subject: 'Warm up', description: 'Reads the contact first.', priority: 'LOW' });
    env.fake.clearRequests();

    // The contact lookup is a read; fail only the POST that follows it.
    env.fake.faults.serverError({ status: 502, method: 'POST' });
    const failure = await failureOf(env.source.createTicket(ACME, ALICE, { subject: 'Once', description: 'Only once.', priority: 'LOW' }));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(env.fake.dataRequests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
    expect(env.fake.data.records('Case').filter((record) => record.Subject === 'Once')).toHaveLength(0);
  });

  test('a slow answer times out', async () => {
    env = await warmEnvironment({ SALESFORCE_TIMEOUT_MS: '150' });
    env.fake.faults.slow({ delayMs: 1_000 });

    const started = Date.now();
    const failure = await failureOf(count(env));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure?.message).toMatch(/did not answer the query on Case within 150 ms \(SALESFORCE_TIMEOUT_MS\)/);
    expect(Date.now() - started).toBeLessThan(600);
  });

  test('an unreachable org is unavailable', async () => {
    env = await warmEnvironment();
    await env.fake.stop();

    const failure = await failureOf(count(env));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure?.message).toMatch(/could not be reached/);
  });
});

describe('circuit breaker', () => {
  let env: TestEnvironment;

  beforeEach(async () => {
    env = await warmEnvironment({ SALESFORCE_BREAKER_FAILURES: '2', SALESFORCE_BREAKER_COOLDOWN_MS: '300' });
  });

  afterEach(async () => {
    await env.stop();
  });

  test('opens after repeated failures', async () => {
    env.fake.faults.serverError();
    await failureOf(count(env));
    await failureOf(count(env));
    expect(env.source.stats().breaker).toBe('open');
    expect(env.fake.dataRequests()).toHaveLength(2);

    const started = Date.now();
    const failure = await failureOf(count(env));
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure?.message).toMatch(/circuit breaker is open/);
    expect(Date.now() - started).toBeLessThan(50);
    expect(env.fake.dataRequests()).toHaveLength(2);
    await expect(env.source.health.check()).rejects.toThrow(UpstreamUnavailableError);
  });

  test('recovers after the cool-down', async () => {
    env.fake.faults.serverError();
    await failureOf(count(env));
    await failureOf(count(env));

    await sleep(320);
    env.fake.faults.clear();
    expect(await count(env)).toBe(0);
    expect(env.source.stats().breaker).toBe('closed');
    await expect(env.source.health.check()).resolves.toBeUndefined();
  });

  test('probe is a real request', async () => {
    const [created] = env.fake.data.addCases([{ accountId: env.accounts.acme, subject: 'Has comments' }]);
    env.fake.faults.serverError();
    await failureOf(count(env));
    await failureOf(count(env));

    await sleep(320);
    // Comments first read the integration user id from the session; only the query may be the probe.
    expect(await failureOf(env.source.commentsByTicketId(ACME.id, [created!.Id]))).toBeInstanceOf(UpstreamUnavailableError);
    expect(env.source.stats().breaker).toBe('open');
  });

  test('a failed probe opens it again', async () => {
    env.fake.faults.serverError();
    await failureOf(count(env));
    await failureOf(count(env));

    await sleep(320);
    await failureOf(count(env));
    expect(env.source.stats().breaker).toBe('open');
    expect(env.fake.dataRequests()).toHaveLength(3);
  });

  test('rejected query keeps breaker closed', async () => {
    const misconfigured = await startTestEnvironment({ env: { SALESFORCE_CASE_PRIORITY_FIELD: 'Missing__c', SALESFORCE_BREAKER_FAILURES: '2' } });
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const failure = await failureOf(misconfigured.source.countTickets(scopeOf(ACME), { priority: 'HIGH' }));
        expect(failure).toBeInstanceOf(SalesforceRequestError);
        expect(failure?.message).toMatch(/INVALID_FIELD: No such column 'Missing__c' on entity 'Case'/);
      }
      expect(misconfigured.source.stats().breaker).toBe('closed');
    } finally {
      await misconfigured.stop();
    }
  });
});

describe('health check', () => {
  test('probes only without recent success', async () => {
    const env = await startTestEnvironment();
    try {
      await env.source.health.check();
      expect(env.fake.dataRequests().map((entry) => entry.path)).toEqual(['/services/data/v62.0/limits']);

      await env.source.health.check();
      await count(env);
      await env.source.health.check();
      expect(env.fake.dataRequests().filter((entry) => entry.path.endsWith('/limits'))).toHaveLength(1);
    } finally {
      await env.stop();
    }
  });
});

describe('limits', () => {
  test('latest Sforce-Limit-Info', async () => {
    const env = await startTestEnvironment({ fake: { apiRequestLimit: 5_000 } });
    try {
      expect(env.source.limits()).toBeNull();
      await count(env);
      await count(env);
      expect(env.source.limits()).toEqual({ used: 3, max: 5_000, observedAt: expect.any(String) });
    } finally {
      await env.stop();
    }
  });
});
