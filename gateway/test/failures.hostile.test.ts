/**
 * Hostile tests: backing stores that fail while the gateway runs. A locked or
 * damaged SQLite file must give a coded error, never a crash or SQL text, and
 * the gateway must serve normally once the store is back. The logs must not
 * contain passwords or session tokens.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { sql } from 'kysely';

import type { TestClient } from './client';
import { signedInClient, TestClient as AnonymousClient } from './client';
import type { TestServer } from './harness';
import { DEMO_PASSWORD, startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let bob: TestClient;
let erpFile: string;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  bob = await signedInClient(server.baseUrl, 'bob@globex.example');
  const [main] = await server.erpQuery<{ file: string }>("SELECT file FROM pragma_database_list WHERE name = 'main'");
  erpFile = main!.file;
});

afterAll(async () => {
  await server.close();
});

const LOCK_SECONDS = 7;

/**
 * Starts a separate Node process that keeps an exclusive write transaction
 * open on `file` for `seconds`, then commits and exits. Resolves once the
 * lock is taken. The returned `released` resolves when the process exits.
 */
async function holdWriteLock(file: string, seconds: number): Promise<{ released: Promise<void> }> {
  const driver = path.join(process.cwd(), 'node_modules', 'better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(file)}, { timeout: 1000 });
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${seconds * 1000});
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited early with code ${code}`)));
  });
  return { released };
}

const CREATE_TICKET = 'mutation { createTicket(input: { subject: "Locked store", description: "Hostile test" }) { ticket { number } } }';

describe('locked ERP file', () => {
  it('fails a write with UPSTREAM_UNAVAILABLE, then recovers', async () => {
    const lock = await holdWriteLock(erpFile, LOCK_SECONDS);

    const during = await alice.graphql(CREATE_TICKET);
    expect(during.status).toBe(200);
    expect(during.data).toBeNull();
    expect(during.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'erp' });
    expect(during.text).not.toMatch(/SQLITE|locked|erp_service_cases|insert into/i);

    await lock.released;
    const after = await alice.graphql(CREATE_TICKET);
    expect(after.errors).toBeUndefined();
    expect(after.data?.['createTicket'].ticket.number).toMatch(/^CS-\d+$/);
  }, 30_000);

  // better-sqlite3 waits for the busy timeout (5 s) on the event loop thread,
  // so one write that waits for a lock freezes every other request as well.
  // Timers in this process stall too, so the check compares completion
  // times: an unrelated read must finish long before the waiting write.
  it('keeps other customers responsive during a lock wait', async () => {
    const lock = await holdWriteLock(erpFile, LOCK_SECONDS);
    try {
      const write = alice.graphql(CREATE_TICKET).then((response) => ({ response, finishedAt: Date.now() }));
      await new Promise((resolve) => setTimeout(resolve, 100));

      const read = await bob.graphql('{ viewer { email } }');
      const readFinishedAt = Date.now();
      const { response: written, finishedAt: writeFinishedAt } = await write;

      expect(read.data).toEqual({ viewer: { email: 'bob@globex.example' } });
      expect(written.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      expect(writeFinishedAt - readFinishedAt).toBeGreaterThan(2_000);
    } finally {
      await lock.released;
    }
  }, 30_000);
});

describe('missing ERP table', () => {
  afterEach(async () => {
    const [hidden] = await server.erpQuery<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'erp_contacts_hidden'");
    if (hidden!.n > 0) {
      await server.erpQuery('ALTER TABLE erp_contacts_hidden RENAME TO erp_contacts');
    }
  });

  it('gives a coded error without SQL, then recovers', async () => {
    await server.erpQuery('ALTER TABLE erp_contacts RENAME TO erp_contacts_hidden');

    const during = await alice.graphql('{ viewer { email } }');
    const code = during.errors?.[0]?.extensions?.['code'];
    expect(['INTERNAL_SERVER_ERROR', 'UPSTREAM_UNAVAILABLE']).toContain(code);
    expect(during.text).not.toMatch(/erp_contacts|no such table|select |SqliteError|\/work\/|node_modules|stacktrace/i);

    const pdf = await alice.get('/documents/invoices/INV-100001.pdf');
    const pdfText = await pdf.text();
    expect(pdf.status).toBeGreaterThanOrEqual(500);
    expect(pdfText).not.toMatch(/erp_contacts|no such table|select |SqliteError|\/work\/|node_modules/i);

    await server.erpQuery('ALTER TABLE erp_contacts_hidden RENAME TO erp_contacts');
    const after = await alice.graphql('{ viewer { email } }');
    expect(after.data).toEqual({ viewer: { email: 'alice@acme.example' } });
  });
});

describe('missing portal store table', () => {
  afterEach(async () => {
    const hidden = await server.portalDatabase.db
      .selectFrom('sqlite_master' as never)
      .select('name' as never)
      .where('name' as never, '=', 'portal_sessions_hidden' as never)
      .execute();
    if (hidden.length > 0) {
      await sql`ALTER TABLE portal_sessions_hidden RENAME TO portal_sessions`.execute(server.portalDatabase.db);
    }
  });

  it('gives a coded sign-in error, then recovers', async () => {
    await sql`ALTER TABLE portal_sessions RENAME TO portal_sessions_hidden`.execute(server.portalDatabase.db);

    const client = new AnonymousClient(server.baseUrl);
    const during = await client.graphql(
      'mutation S($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { email } } }',
      { e: 'erin@acme.example', p: DEMO_PASSWORD },
    );
    expect(['INTERNAL_SERVER_ERROR', 'UPSTREAM_UNAVAILABLE']).toContain(during.errors?.[0]?.extensions?.['code']);
    expect(during.text).not.toMatch(/portal_sessions|no such table|insert into|SqliteError|\/work\/|node_modules/i);
    expect(client.cookie).toBeNull();

    await sql`ALTER TABLE portal_sessions_hidden RENAME TO portal_sessions`.execute(server.portalDatabase.db);
    await client.signIn('erin@acme.example', DEMO_PASSWORD);
    expect((await client.graphql('{ viewer { email } }')).data).toEqual({ viewer: { email: 'erin@acme.example' } });
  });
});

describe('double submits', () => {
  // The API has no idempotency key, so a repeated submit opens a second
  // ticket. This test pins that parallel submits neither fail nor share a number.
  it('of createTicket get distinct numbers', async () => {
    const mutation = 'mutation { createTicket(input: { subject: "Double click", description: "Submitted twice" }) { ticket { number } } }';
    const [first, second] = await Promise.all([alice.graphql(mutation), alice.graphql(mutation)]);

    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data?.['createTicket'].ticket.number).not.toBe(second.data?.['createTicket'].ticket.number);
  });
});

describe('logs', () => {
  it('never contain passwords or session tokens', async () => {
    const carol = await signedInClient(server.baseUrl, 'carol@initech.example');
    const token = carol.cookie!.split('=')[1]!;
    await carol.graphql('{ invoices(first: 3) { edges { node { number } } } }');
    await carol.get('/documents/invoices/INV-999999.pdf');
    await carol.graphql('mutation { signOut }');
    await new AnonymousClient(server.baseUrl).graphql(
      'mutation S($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { email } } }',
      { e: 'ken@initech.example', p: 'hostile-wrong-password-7731' },
    );

    const leaking = (secret: string): unknown[] =>
      server.logRecords.filter((record) => JSON.stringify(record).includes(secret)).map((record) => record['msg']);
    expect(leaking(token)).toEqual([]);
    expect(leaking(DEMO_PASSWORD)).toEqual([]);
    expect(leaking('hostile-wrong-password-7731')).toEqual([]);
  });
});
