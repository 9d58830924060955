/**
 * An ERP database on PostgreSQL that times out, stops responding or goes away
 * in the middle of a request: the affected fields fail with
 * UPSTREAM_UNAVAILABLE, the rest of the response resolves, /readyz reports
 * the ERP, and the gateway recovers by itself once the database is back.
 *
 * The gateway reaches PostgreSQL through a TCP proxy on 127.0.0.1 that the
 * tests pause or cut. The fault starts right after the statement that loads
 * the signed-in viewer, so the request is already under way.
 */
import { sql } from 'kysely';

import type { QueryEvent } from '../../connectors/sql';
import { createTestDatabase, type TestDatabase } from '../../connectors/sql/test/test-databases';
import { signedInClient, type GraphQLResponse, type TestClient } from './client';
import { startTestServer, type TestServer } from './harness';
import { TcpProxy } from './tcp-proxy';

/** Short limits, so each fault resolves within a few seconds. */
const STATEMENT_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 1_000;

/** The viewer comes from the request context; tickets need the ERP while the query runs. */
const VIEWER_AND_TICKETS = '{ viewer { email customer { name } } tickets(first: 3) { totalCount edges { node { number } } } }';
const DASHBOARD = '{ dashboard { asOf invoices { outstandingCount } orders { open } tickets { open } } }';

describe('ERP database faults on PostgreSQL', () => {
  let postgres: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let alice: TestClient;
  /** Runs once when the next statement that loads a customer has finished. */
  let afterViewerLoaded: (() => void) | null = null;

  const onQuery = (event: QueryEvent) => {
    if (afterViewerLoaded !== null && event.sql.includes('from "erp_customers"')) {
      const fault = afterViewerLoaded;
      afterViewerLoaded = null;
      fault();
    }
  };

  beforeAll(async () => {
    postgres = await createTestDatabase('postgres');
    proxy = await TcpProxy.start(Number(new URL(postgres.url).port || 5432));
    const proxiedUrl = new URL(postgres.url);
    proxiedUrl.port = String(proxy.port);

    server = await startTestServer({
      erpDatabase: { url: proxiedUrl.toString(), poolMax: 4, statementTimeoutMs: STATEMENT_TIMEOUT_MS, connectTimeoutMs: CONNECT_TIMEOUT_MS, onQuery },
    });
    alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  }, 60_000);

  afterAll(async () => {
    afterViewerLoaded = null;
    await server?.close();
    await proxy?.close();
    await postgres?.drop();
  });

  afterEach(() => {
    afterViewerLoaded = null;
    proxy.resume();
    proxy.restore();
  });

  async function expectHealthy(): Promise<void> {
    const response = await alice.graphql(VIEWER_AND_TICKETS);

    expect(response.errors).toBeUndefined();
    expect(response.data?.tickets.totalCount).toBeGreaterThan(0);
  }

  function expectOnlyTicketsFailed(response: GraphQLResponse): void {
    expect(response.status).toBe(200);
    expect(response.data?.viewer).toEqual({ email: 'alice@acme.example', customer: { name: 'Acme Corporation' } });
    expect(response.data?.tickets).toBeNull();
    expect(response.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.upstream])).toEqual([[['tickets'], 'UPSTREAM_UNAVAILABLE', 'erp']]);
  }

  test('locked table times out only its fields', async () => {
    // Another session holds an exclusive lock on erp_invoices until the request is over.
    const lockHolder = postgres.openAnother();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = lockHolder.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE erp_invoices IN ACCESS EXCLUSIVE MODE`.execute(trx);
      locked();
      await released;
    });
    await lockTaken;

    const started = Date.now();
    let response;
    try {
      response = await alice.graphql(DASHBOARD);
    } finally {
      release();
      await holding;
    }

    expect(response.data?.dashboard.asOf).toBe('2026-11-30');
    expect(response.data?.dashboard.invoices).toBeNull();
    expect(response.data?.dashboard.orders.open).toBeGreaterThan(0);
    expect(response.data?.dashboard.tickets.open).toBeGreaterThan(0);
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['dashboard', 'invoices'], 'UPSTREAM_UNAVAILABLE']]);
    expect(Date.now() - started).toBeLessThan(STATEMENT_TIMEOUT_MS * 4);
    await expectHealthy();
  }, 20_000);

  test('unresponsive database fails open fields, then recovers', async () => {
    afterViewerLoaded = () => proxy.pause();

    const started = Date.now();
    const response = await alice.graphql(VIEWER_AND_TICKETS);
    const elapsed = Date.now() - started;
    const readiness = await fetch(`${server.baseUrl}/readyz`);
    const readinessBody = (await readiness.json()) as { checks: Record<string, string> };

    expectOnlyTicketsFailed(response);
    // The client gives up 2 s after the statement timeout, or after the connect timeout for a new connection.
    expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 2_000 + 2_000);
    expect(readiness.status).toBe(503);
    expect(readinessBody.checks.erp).not.toBe('ok');

    proxy.resume();
    await expectHealthy();
    const recovered = await fetch(`${server.baseUrl}/readyz`);
    expect(((await recovered.json()) as { checks: Record<string, string> }).checks.erp).toBe('ok');
  }, 30_000);

  test('vanished database fails open fields, then recovers', async () => {
    afterViewerLoaded = () => proxy.cut();

    const response = await alice.graphql(VIEWER_AND_TICKETS);
    const whileDown = await alice.graphql(VIEWER_AND_TICKETS);

    expectOnlyTicketsFailed(response);
    // With the ERP gone before the request starts, the viewer cannot be loaded either.
    expect(whileDown.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');

    proxy.restore();
    await expectHealthy();
  }, 30_000);

  test('proxy carried the gateway traffic', async () => {
    const before = proxy.forwardedConnections;
    proxy.cut();

    const response = await alice.graphql(VIEWER_AND_TICKETS);

    expect(before).toBeGreaterThan(0);
    // With the proxy cut, the gateway has no other way to the ERP.
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
