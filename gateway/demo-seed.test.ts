/**
 * `npm run demo:seed` against PostgreSQL for both the ERP and the portal
 * store: demo data in the ERP, working demo sign-ins in the store, and no
 * sign-ins when the ERP already had data.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

import { sql } from 'kysely';

import { DEMO_CONTACT_EMAILS } from '../connectors/erp/demo';
import { createPortalStore } from '../connectors/portal';
import { createTestDatabase, type TestDatabase } from '../connectors/sql/test/test-databases';
import { DEMO_PASSWORD } from './auth/demo-credentials';
import { verifyPassword } from './auth/passwords';

const REPOSITORY_ROOT = path.resolve(__dirname, '..');

function runDemoSeed(args: string[], environment: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'demo-seed.ts'), ...args],
      { cwd: REPOSITORY_ROOT, timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'info', ...environment } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

describe('demo:seed on PostgreSQL', () => {
  let erp: TestDatabase;
  let portal: TestDatabase;

  beforeAll(async () => {
    erp = await createTestDatabase('postgres');
    portal = await createTestDatabase('postgres');
  });

  afterAll(async () => {
    await erp?.drop();
    await portal?.drop();
  });

  test('writes demo data and demo sign-ins', async () => {
    const result = await runDemoSeed(['--invoices', '30', '--orders', '15', '--tickets', '4'], { ERP_DATABASE_URL: erp.url, PORTAL_DATABASE_URL: portal.url });
    const customers = await sql<{ count: string }>`SELECT count(*) AS count FROM erp_customers`.execute(erp.database.db);
    const credentials = createPortalStore(portal.database).credentials;
    const alice = await credentials.findByEmail('alice@acme.example');

    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('Demo sign-ins ready in the portal store');
    expect(Number(customers.rows[0]?.count)).toBe(3);
    for (const email of DEMO_CONTACT_EMAILS) {
      expect([email, (await credentials.findByEmail(email)) !== null]).toEqual([email, true]);
    }
    expect(await verifyPassword(DEMO_PASSWORD, alice?.passwordHash ?? '')).toBe(true);
  }, 60_000);

  test('writes no sign-ins next to an ERP that already has data', async () => {
    await sql`DELETE FROM portal_credentials`.execute(portal.database.db);

    const result = await runDemoSeed([], { ERP_DATABASE_URL: erp.url, PORTAL_DATABASE_URL: portal.url });
    const remaining = await sql<{ count: string }>`SELECT count(*) AS count FROM portal_credentials`.execute(portal.database.db);

    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('The ERP database already contains customers, so it was left unchanged. Run with --replace to regenerate the demo data.');
    expect(result.stdout).not.toContain('Demo sign-ins ready');
    expect(Number(remaining.rows[0]?.count)).toBe(0);
  }, 60_000);

  test('exits with 1 when the ERP database is missing', async () => {
    // The same server and user, with a database name that no test creates.
    const missingErpUrl = erp.url.replace(/^([a-z]+:\/\/[^/]+)\/[^/?]*/i, '$1/rover_test_missing_database');
    const result = await runDemoSeed([], { ERP_DATABASE_URL: missingErpUrl, PORTAL_DATABASE_URL: portal.url });

    expect(missingErpUrl).not.toBe(erp.url);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Writing demo data failed');
  }, 60_000);

  test('--no-credentials leaves the portal store alone', async () => {
    const result = await runDemoSeed(['--replace', '--no-credentials', '--invoices', '10'], { ERP_DATABASE_URL: erp.url, PORTAL_DATABASE_URL: portal.url });
    const remaining = await sql<{ count: string }>`SELECT count(*) AS count FROM portal_credentials`.execute(portal.database.db);

    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Demo sign-ins ready');
    expect(Number(remaining.rows[0]?.count)).toBe(0);
  }, 60_000);
});
