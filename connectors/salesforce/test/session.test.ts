import { generateKeyPairSync } from 'node:crypto';

import { UpstreamUnavailableError } from '../../errors';
import { DEV_CREDENTIALS } from '../dev-credentials';
import { ACME, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

const count = (env: TestEnvironment) => env.source.countTickets(scopeOf(ACME), {});

describe('session renewal', () => {
  let env: TestEnvironment;

  beforeEach(async () => {
    env = await startTestEnvironment();
    env.fake.data.addCases([{ accountId: env.accounts.acme, subject: 'One' }]);
    await count(env);
    env.fake.clearRequests();
  });

  afterEach(async () => {
    await env.stop();
  });

  test('expired session renewed once', async () => {
    env.fake.expireSessions();

    expect(await count(env)).toBe(1);
    expect(env.source.stats().authCalls).toBe(2);
    expect(env.fake.requests().map((entry) => `${entry.kind} ${entry.status}`)).toEqual(['data 401', 'token 200', 'data 200']);
  });

  test('invalid session fails after one renewal', async () => {
    env.fake.faults.invalidSession();

    const started = Date.now();
    const failure = await count(env).catch((error: unknown) => error);
    const elapsedMs = Date.now() - started;

    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect((failure as Error).message).toMatch(/INVALID_SESSION_ID again right after the access token was renewed/);
    expect(env.source.stats().authCalls).toBe(2);
    expect(env.fake.requests().map((entry) => `${entry.kind} ${entry.status}`)).toEqual(['data 401', 'token 200', 'data 401']);
    // jsforce's own retries would take about 15 s; this path sends no retry at all.
    expect(elapsedMs).toBeLessThan(1_000);
  });

  test('concurrent requests share renewal', async () => {
    env.fake.expireSessions();

    const results = await Promise.all([count(env), count(env), count(env)]);
    expect(results).toEqual([1, 1, 1]);
    expect(env.source.stats().authCalls).toBe(2);
  });
});

describe('sign-in flows', () => {
  test('refresh token flow', async () => {
    const env = await startTestEnvironment({
      env: (fake) => ({ SALESFORCE_AUTH: 'refresh_token', SALESFORCE_REFRESH_TOKEN: fake.issueRefreshToken() }),
    });
    try {
      expect(await count(env)).toBe(0);
      env.fake.expireSessions();
      expect(await count(env)).toBe(0);
      expect(env.fake.requests().filter((entry) => entry.kind === 'token').map((entry) => entry.status)).toEqual([200, 200]);
    } finally {
      await env.stop();
    }
  });

  test('JWT bearer flow', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificate = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const env = await startTestEnvironment({
      fake: { apps: [{ clientId: DEV_CREDENTIALS.clientId, jwtCertificate: certificate }] },
      env: { SALESFORCE_AUTH: 'jwt', SALESFORCE_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n') },
    });
    try {
      expect(await count(env)).toBe(0);
      env.fake.expireSessions();
      expect(await count(env)).toBe(0);
      expect(env.source.stats().authCalls).toBe(2);
    } finally {
      await env.stop();
    }
  });

  test('wrong credentials hide secrets', async () => {
    const env = await startTestEnvironment({ env: { SALESFORCE_PASSWORD: 'wrong-password-value', SALESFORCE_CLIENT_SECRET: DEV_CREDENTIALS.clientSecret } });
    try {
      const failure = await count(env).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UpstreamUnavailableError);
      expect((failure as Error).message).toMatch(/invalid_grant: authentication failure.*Check SALESFORCE_USERNAME, SALESFORCE_PASSWORD/);

      const text = env.logs.text() + (failure as Error).message;
      for (const secret of ['wrong-password-value', DEV_CREDENTIALS.clientSecret, DEV_CREDENTIALS.securityToken]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await env.stop();
    }
  });

  test('access tokens stay out of logs', async () => {
    const env = await startTestEnvironment();
    try {
      await count(env);
      expect(env.logs.text()).not.toMatch(/00D000000000001AAA!/);
    } finally {
      await env.stop();
    }
  });
});
