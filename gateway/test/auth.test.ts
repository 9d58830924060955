/**
 * Sign-in, sign-out, session cookies, expiry, revocation and throttling,
 * through HTTP against a real portal store.
 */
import { createHash } from 'node:crypto';

import { hashPassword } from '../auth/passwords';
import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { DEMO_PASSWORD, startTestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  server.clock.reset();
});

const VIEWER = '{ viewer { email name role permissions customer { number name currency } } }';
const SIGN_IN = 'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { viewer { email } } }';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function tokenOf(client: TestClient): string {
  const token = client.cookie?.split('=')[1];
  if (token === undefined) {
    throw new Error('client has no session cookie');
  }
  return token;
}

describe('sign-in', () => {
  it('returns the viewer and sets an HttpOnly session cookie', async () => {
    const client = new TestClient(server.baseUrl);
    const response = await client.graphql(SIGN_IN, { email: 'alice@acme.example', password: DEMO_PASSWORD });

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ signIn: { viewer: { email: 'alice@acme.example' } } });

    const cookie = client.setCookies.at(-1) ?? '';
    expect(cookie).toMatch(/^rover_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${7 * 86_400}`);
    expect(cookie).not.toContain('Secure');
  });

  it('lets the cookie open the viewer', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await client.graphql(VIEWER);

    expect(response.data).toEqual({
      viewer: {
        email: 'alice@acme.example',
        name: 'Alice Anderson',
        role: 'ADMIN',
        permissions: ['invoices:read', 'invoices:pay', 'orders:read', 'tickets:read', 'tickets:write'],
        customer: { number: 'C-10001', name: 'Acme Corporation', currency: 'USD' },
      },
    });
  });

  it('stores only the SHA-256 of the token', async () => {
    const client = await signedInClient(server.baseUrl, 'erin@acme.example');
    const token = tokenOf(client);

    await expect(server.portal.sessions.findByTokenHash(token)).resolves.toBeNull();
    const stored = await server.portal.sessions.findByTokenHash(sha256(token));
    expect(stored?.contactId).toBeDefined();
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(7 * 86_400_000);
  });

  it('matches e-mails case-insensitively', async () => {
    const client = await signedInClient(server.baseUrl, '  Alice@ACME.example ');
    const response = await client.graphql('{ viewer { email } }');

    expect(response.data).toEqual({ viewer: { email: 'alice@acme.example' } });
  });

  it('rejects every bad sign-in with the same error', async () => {
    // Mallory has a credential but no portal access in the ERP.
    await server.portal.credentials.upsert('mallory@acme.example', await hashPassword(DEMO_PASSWORD));

    const attempts = [
      { email: 'alice@acme.example', password: 'wrong password' },
      { email: 'nobody@acme.example', password: DEMO_PASSWORD },
      { email: 'mallory@acme.example', password: DEMO_PASSWORD },
    ];
    const bodies: unknown[] = [];
    for (const attempt of attempts) {
      const client = new TestClient(server.baseUrl);
      const response = await client.graphql(SIGN_IN, attempt);

      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toBe('Invalid e-mail or password.');
      expect(client.cookie).toBeNull();
      bodies.push(response.errors);
    }

    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    await server.portal.signInThrottle.clear('email:alice@acme.example');
  });

  it('issues a new token on every sign-in', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const first = tokenOf(client);
    await client.signIn('alice@acme.example', DEMO_PASSWORD);
    const second = tokenOf(client);

    expect(second).not.toBe(first);
    await expect(server.portal.sessions.findByTokenHash(sha256(first))).resolves.toBeNull();
  });
});

describe('secure cookies', () => {
  it('adds Secure when configured', async () => {
    const secureServer = await startTestServer({ config: { cookieSecure: true } });
    try {
      const client = await signedInClient(secureServer.baseUrl, 'alice@acme.example');
      expect(client.setCookies.at(-1)).toContain('; Secure');
    } finally {
      await secureServer.close();
    }
  });
});

describe('sign-out', () => {
  it('ends the session and clears the cookie', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const oldCookie = client.cookie;

    const response = await client.graphql('mutation { signOut }');
    expect(response.data).toEqual({ signOut: true });
    expect(client.setCookies.at(-1)).toMatch(/^rover_session=; Max-Age=0; Path=\/;/);
    expect(client.cookie).toBeNull();

    // Replaying the old cookie opens nothing.
    const replay = new TestClient(server.baseUrl);
    replay.cookie = oldCookie;
    expect((await replay.graphql('{ viewer { email } }')).data).toEqual({ viewer: null });
  });

  it('answers true without a session', async () => {
    const response = await new TestClient(server.baseUrl).graphql('mutation { signOut }');
    expect(response.data).toEqual({ signOut: true });
  });
});

describe('session expiry', () => {
  it('ends a session after the idle time', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');

    server.clock.advance(59 * 60_000);
    expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: { email: 'alice@acme.example' } });

    // The request above refreshed the session, so the idle time restarts.
    server.clock.advance(59 * 60_000);
    expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: { email: 'alice@acme.example' } });

    server.clock.advance(61 * 60_000);
    const expired = await client.graphql('{ viewer { email } invoices(first: 1) { totalCount } }');
    expect(expired.data).toBeNull();
    expect(expired.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(client.cookie).toBeNull();
  });

  it('ends a session after the maximum age even when active', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');

    // A request every 55 minutes for 7 days never reaches the idle limit.
    for (let elapsed = 0; elapsed + 55 < 7 * 24 * 60; elapsed += 55) {
      server.clock.advance(55 * 60_000);
      const response = await client.graphql('{ viewer { email } }');
      expect(response.data).toEqual({ viewer: { email: 'alice@acme.example' } });
    }

    server.clock.advance(60 * 60_000);
    expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: null });
  });

  it('refreshes the last-seen time at most every 5 minutes', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const writes = (): string[] => server.portalStatements.map((event) => event.sql).filter((text) => text.startsWith('update'));

    server.portalStatements.length = 0;
    server.clock.advance(4 * 60_000);
    await client.graphql('{ viewer { email } }');
    expect(writes()).toHaveLength(0);

    server.clock.advance(2 * 60_000);
    await client.graphql('{ viewer { email } }');
    await client.graphql('{ viewer { email } }');
    expect(writes()).toHaveLength(1);
  });
});

describe('revoked portal access', () => {
  afterEach(async () => {
    await server.erpQuery("UPDATE erp_contacts SET portal_access = 1 WHERE email = 'erin@acme.example'");
  });

  it('ends the session on the next request', async () => {
    const client = await signedInClient(server.baseUrl, 'erin@acme.example');
    const token = tokenOf(client);
    expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: { email: 'erin@acme.example' } });

    await server.erpQuery("UPDATE erp_contacts SET portal_access = 0 WHERE email = 'erin@acme.example'");

    const response = await client.graphql('{ viewer { email } invoices(first: 1) { totalCount } }');
    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(client.cookie).toBeNull();
    await expect(server.portal.sessions.findByTokenHash(sha256(token))).resolves.toBeNull();

    // And a new sign-in fails like a wrong password.
    const again = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email: 'erin@acme.example', password: DEMO_PASSWORD });
    expect(again.errors?.[0]?.message).toBe('Invalid e-mail or password.');
    await server.portal.signInThrottle.clear('email:erin@acme.example');
  });
});

describe('sign-in throttling', () => {
  it('locks an e-mail after 10 failures, even for the right password', async () => {
    const email = 'carol@initech.example';
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: `guess ${attempt}` });
      expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }

    const locked = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: DEMO_PASSWORD });
    expect(locked.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 900 });
    expect(locked.errors?.[0]?.message).toContain('Too many failed sign-ins');

    // Other e-mails from the same address still work.
    await signedInClient(server.baseUrl, 'ken@initech.example');

    // Failures older than the 15-minute window no longer count.
    server.clock.advance(16 * 60_000);
    await signedInClient(server.baseUrl, email);
  });

  it('locks a client address after 100 failures', async () => {
    const since = server.clock.now();
    for (let failure = 0; failure < 100; failure += 1) {
      await server.portal.signInThrottle.recordFailure('ip:127.0.0.1', since);
    }

    const response = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email: 'bob@globex.example', password: DEMO_PASSWORD });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');

    await server.portal.signInThrottle.clear('ip:127.0.0.1');
    await signedInClient(server.baseUrl, 'bob@globex.example');
  });

  it('does not extend the lock for attempts it rejects', async () => {
    const email = 'bob@globex.example';
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: `guess ${attempt}` });
    }
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const locked = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: `locked guess ${attempt}` });
      expect(locked.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    }

    const since = new Date(server.clock.now().getTime() - 60_000);
    await expect(server.portal.signInThrottle.countFailuresSince(`email:${email}`, since)).resolves.toBe(10);
    await server.portal.signInThrottle.clear(`email:${email}`);
    await server.portal.signInThrottle.clear('ip:127.0.0.1');
  });

  it('counts no failure for a successful sign-in', async () => {
    await server.portal.signInThrottle.clear('ip:127.0.0.1');
    await signedInClient(server.baseUrl, 'erin@acme.example');

    const since = new Date(server.clock.now().getTime() - 60_000);
    await expect(server.portal.signInThrottle.countFailuresSince('email:erin@acme.example', since)).resolves.toBe(0);
    await expect(server.portal.signInThrottle.countFailuresSince('ip:127.0.0.1', since)).resolves.toBe(0);
  });

  it('keeps the counts in the portal store', async () => {
    await new TestClient(server.baseUrl).graphql(SIGN_IN, { email: 'gina@globex.example', password: 'wrong' });

    const since = new Date(server.clock.now().getTime() - 60_000);
    await expect(server.portal.signInThrottle.countFailuresSince('email:gina@globex.example', since)).resolves.toBe(1);
  });
});

describe('CSRF prevention', () => {
  it('rejects a GET query without a preflight header', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await client.get(`/graphql?query=${encodeURIComponent('{ viewer { email } }')}`);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('answers a GET query with the apollo-require-preflight header', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await client.get(`/graphql?query=${encodeURIComponent('{ viewer { email } }')}`, { 'apollo-require-preflight': 'true' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { email: 'alice@acme.example' } } });
  });

  it('rejects a mutation sent as GET', async () => {
    const response = await new TestClient(server.baseUrl).get(
      `/graphql?query=${encodeURIComponent('mutation { signOut }')}`,
      { 'apollo-require-preflight': 'true' },
    );
    expect(response.status).toBe(405);
  });
});
