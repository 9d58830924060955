/**
 * Hostile tests of sign-in, sessions and cross-site requests: throttling
 * under parallel guesses, planted and replayed cookies, revoked access on
 * the PDF route, response timing, CSRF and CORS, and what the log keeps.
 */
import { randomBytes } from 'node:crypto';

import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { DEMO_PASSWORD, startTestServer } from './harness';

let server: TestServer;
let acmeInvoice: string;

const SIGN_IN = 'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { viewer { email } } }';

beforeAll(async () => {
  server = await startTestServer();
  const [row] = await server.erpQuery<{ invoice_number: string }>(
    "SELECT invoice_number FROM erp_invoices WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001') ORDER BY id LIMIT 1",
  );
  acmeInvoice = row!.invoice_number;
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  await server.portal.signInThrottle.clear('ip:127.0.0.1');
});

function errorCode(response: { errors?: { extensions?: Record<string, any> }[] }): unknown {
  return response.errors?.[0]?.extensions?.['code'];
}

describe('throttling', () => {
  // The throttle checks the count before the password and records the
  // failure after it, so parallel guesses all pass the check.
  it('limits parallel guesses to ten', async () => {
    const email = 'gina@globex.example';
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, index) => new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: `guess ${index}` })),
    );

    const checked = guesses.filter((response) => errorCode(response) === 'UNAUTHENTICATED').length;
    const limited = guesses.filter((response) => errorCode(response) === 'RATE_LIMITED').length;
    expect(checked + limited).toBe(30);
    expect(checked).toBeLessThanOrEqual(10);
    await server.portal.signInThrottle.clear(`email:${email}`);
  });

  it('locks the e-mail after sequential guesses', async () => {
    const email = 'ken@initech.example';
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: `sequential ${attempt}` });
    }

    const locked = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password: DEMO_PASSWORD });
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    await server.portal.signInThrottle.clear(`email:${email}`);
  });
});

describe('sign-in timing', () => {
  // Bounded: 6 attempts per kind, each one scrypt verification.
  it('is similar for known and unknown e-mails', async () => {
    const timeSignIn = async (email: string, password: string): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await new TestClient(server.baseUrl).graphql(SIGN_IN, { email, password });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

    const known: number[] = [];
    const unknown: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      known.push(await timeSignIn('erin@acme.example', `wrong ${attempt}`));
      unknown.push(await timeSignIn(`nobody-${attempt}@acme.example`, 'wrong'));
    }
    await server.portal.signInThrottle.clear('email:erin@acme.example');

    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});

describe('session cookies', () => {
  it('never adopt a planted token', async () => {
    const planted = randomBytes(32).toString('base64url');
    const victim = new TestClient(server.baseUrl);
    victim.cookie = `rover_session=${planted}`;

    await victim.signIn('alice@acme.example', DEMO_PASSWORD);
    expect(victim.cookie).not.toBe(`rover_session=${planted}`);

    const attacker = new TestClient(server.baseUrl);
    attacker.cookie = `rover_session=${planted}`;
    expect((await attacker.graphql('{ viewer { email } }')).data).toEqual({ viewer: null });
  });

  it('open no PDF after sign-out', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');
    const replay = new TestClient(server.baseUrl);
    replay.cookie = client.cookie;
    expect((await replay.get(`/documents/invoices/${acmeInvoice}.pdf`)).status).toBe(200);

    await client.graphql('mutation { signOut }');
    const after = await replay.get(`/documents/invoices/${acmeInvoice}.pdf`);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
  });

  it('open no PDF after access is revoked', async () => {
    const client = await signedInClient(server.baseUrl, 'erin@acme.example');
    expect((await client.get(`/documents/invoices/${acmeInvoice}.pdf`)).status).toBe(200);

    await server.erpQuery("UPDATE erp_contacts SET portal_access = 0 WHERE email = 'erin@acme.example'");
    try {
      const after = await client.get(`/documents/invoices/${acmeInvoice}.pdf`);
      expect(after.status).toBe(401);
      expect(client.cookie).toBeNull();
    } finally {
      await server.erpQuery("UPDATE erp_contacts SET portal_access = 1 WHERE email = 'erin@acme.example'");
    }
  });

  it('stay distinct for parallel sign-ins', async () => {
    const clients = Array.from({ length: 5 }, () => new TestClient(server.baseUrl));
    await Promise.all(clients.map((client) => client.signIn('bob@globex.example', DEMO_PASSWORD)));

    const cookies = clients.map((client) => client.cookie);
    expect(new Set(cookies).size).toBe(5);
    for (const client of clients) {
      expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: { email: 'bob@globex.example' } });
    }
  });
});

describe('cross-site requests', () => {
  it('reject a text/plain form POST of a mutation', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const before = await server.erpQuery<{ n: number }>('SELECT COUNT(*) AS n FROM erp_service_cases');

    const response = await alice.post(
      '/graphql',
      JSON.stringify({ query: 'mutation { createTicket(input: { subject: "CSRF", description: "forged" }) { ticket { number } } }' }),
      { 'content-type': 'text/plain' },
    );

    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    const after = await server.erpQuery<{ n: number }>('SELECT COUNT(*) AS n FROM erp_service_cases');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('get no CORS grant for a foreign origin', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const post = await alice.post('/graphql', JSON.stringify({ query: '{ viewer { email } }' }), { origin: 'https://attacker.example' });
    const preflight = await fetch(`${server.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request logs', () => {
  // Fastify logs every request URL with its query string, and a GraphQL GET
  // carries its variables there, even when the mutation is then rejected.
  it('omit a password sent in a GET query string', async () => {
    const password = 'hostile-get-password-5521';
    const query = 'mutation S($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { email } } }';
    const variables = JSON.stringify({ e: 'alice@acme.example', p: password });
    const response = await new TestClient(server.baseUrl).get(
      `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`,
      { 'apollo-require-preflight': 'true' },
    );

    expect(response.status).toBe(405);
    const leaking = server.logRecords.filter((record) => JSON.stringify(record).includes(password)).map((record) => record['msg']);
    expect(leaking).toEqual([]);
  });
});
