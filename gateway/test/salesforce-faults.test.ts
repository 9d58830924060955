/**
 * Salesforce failures through the gateway. Ticket fields fail with
 * UPSTREAM_UNAVAILABLE while invoices and orders in the same response
 * resolve. The circuit breaker stops calls and recovers, and an expired
 * session is renewed once.
 */
import type { GraphQLResponse, TestClient } from './client';
import { signedInClient } from './client';
import { countCalls, startSalesforceGateway, type SalesforceGateway } from './salesforce';

const BREAKER_COOLDOWN_MS = 300;

let gateway: SalesforceGateway;
let alice: TestClient;
let baseline: Record<string, any>;

const MIXED = `{
  invoices(first: 3) { totalCount edges { node { number balance { amount } } } }
  orders(first: 3) { totalCount edges { node { number status } } }
  tickets(first: 3) { totalCount edges { node { number comments { body } } } }
  dashboard { invoices { outstandingCount } orders { open closed } tickets { open closed } }
}`;

const TICKETS_AND_INVOICES = `{
  invoices(first: 3) { edges { node { number } } }
  tickets(first: 3) { edges { node { number } } }
}`;

beforeAll(async () => {
  gateway = await startSalesforceGateway({
    env: {
      SALESFORCE_TIMEOUT_MS: '300',
      SALESFORCE_BREAKER_FAILURES: '3',
      SALESFORCE_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
    },
  });
  alice = await signedInClient(gateway.server.baseUrl, 'alice@acme.example');

  const response = await alice.graphql(MIXED);
  expect(response.errors).toBeUndefined();
  baseline = response.data!;
});

afterAll(async () => {
  await gateway?.close();
});

afterEach(async () => {
  // Let the breaker's cool-down pass so that the next test starts healthy.
  gateway.fake.faults.clear();
  await sleep(BREAKER_COOLDOWN_MS + 50);
  const response = await alice.graphql('{ tickets(first: 1) { edges { node { number } } } }');
  expect(response.errors).toBeUndefined();
  expect(gateway.source.stats().breaker).toBe('closed');
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Checks that only ticket fields failed, each with UPSTREAM_UNAVAILABLE, and that the ERP fields match the healthy response. */
function expectTicketsUnavailable(response: GraphQLResponse): void {
  expect(response.status).toBe(200);
  expect(response.data?.['invoices']).toEqual(baseline['invoices']);
  expect(response.data?.['orders']).toEqual(baseline['orders']);
  expect(response.data?.['dashboard'].invoices).toEqual(baseline['dashboard'].invoices);
  expect(response.data?.['dashboard'].orders).toEqual(baseline['dashboard'].orders);

  expect(response.data?.['tickets']).toBeNull();
  expect(response.data?.['dashboard'].tickets).toBeNull();

  const errors = response.errors ?? [];
  expect(errors.map((error) => error.path?.join('.')).sort()).toEqual(['dashboard.tickets', 'tickets']);
  for (const error of errors) {
    expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'salesforce' });
    expect(error.message).toBe('A backing system (salesforce) is unavailable right now. Try again in a minute; the rest of the response is still valid.');
  }
}

describe('Salesforce down', () => {
  test('5xx leaves invoices and orders intact', async () => {
    gateway.fake.faults.serverError({ status: 503 });

    expectTicketsUnavailable(await alice.graphql(MIXED));
  });

  test('REQUEST_LIMIT_EXCEEDED leaves the rest intact', async () => {
    gateway.fake.faults.requestLimitExceeded();

    expectTicketsUnavailable(await alice.graphql(MIXED));
  });

  test('timeout leaves the rest intact', async () => {
    gateway.fake.faults.slow({ delayMs: 2_000 });

    const started = Date.now();
    const response = await alice.graphql(MIXED);

    expectTicketsUnavailable(response);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('ticket by number is null with the error', async () => {
    const number = baseline['tickets'].edges[0].node.number as string;
    gateway.fake.faults.serverError({ status: 500 });

    const response = await alice.graphql('query One($number: String!) { ticket(number: $number) { number } invoices(first: 1) { totalCount } }', { number });

    expect(response.data?.['ticket']).toBeNull();
    expect(response.data?.['invoices']).toEqual({ totalCount: baseline['invoices'].totalCount });
    expect(response.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['ticket'], 'UPSTREAM_UNAVAILABLE']]);
  });

  test('addTicketComment fails with UPSTREAM_UNAVAILABLE', async () => {
    const number = baseline['tickets'].edges[0].node.number as string;
    const commentsBefore = gateway.fake.data.records('CaseComment').length;
    gateway.fake.faults.serverError({ status: 503 });

    const response = await alice.graphql('mutation Add($n: String!) { addTicketComment(ticketNumber: $n, body: "Any news?") { comment { id } } }', { n: number });

    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(gateway.fake.data.records('CaseComment')).toHaveLength(commentsBefore);
  });
});

describe('circuit breaker', () => {
  test('opens, stops calls, reports, recovers', async () => {
    gateway.fake.faults.serverError({ status: 503 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectTicketsUnavailable(await alice.graphql(MIXED));
    }
    expect(gateway.source.stats().breaker).toBe('open');

    // While open, ticket fields fail without a request to Salesforce.
    const whileOpen = await countCalls(gateway, async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expectTicketsUnavailable(await alice.graphql(MIXED));
      }
    });
    expect(whileOpen).toEqual({ apiCalls: 0, authCalls: 0, logged: 0 });

    // An open breaker degrades readiness without taking the gateway out of service.
    const ready = await fetch(`${gateway.server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { erp: 'ok', 'portal-store': 'ok', salesforce: 'failed' }, salesforce: { breaker: 'open' } });
    const metrics = await (await fetch(`${gateway.server.baseUrl}/metrics`)).text();
    expect(metrics).toContain('rover_salesforce_circuit_breaker_state{state="open"} 1');

    // After the cool-down the breaker lets one probe call through. A request
    // that needs one call is that probe, and its success closes the breaker.
    gateway.fake.faults.clear();
    await sleep(BREAKER_COOLDOWN_MS + 50);
    const probe = await countCalls(gateway, async () => {
      const response = await alice.graphql('{ tickets(first: 3) { edges { node { number } } } }');
      expect(response.errors).toBeUndefined();
    });
    expect(probe.apiCalls).toBe(1);
    expect(gateway.source.stats().breaker).toBe('closed');

    const recovered = await alice.graphql(MIXED);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(baseline);
  });
});

describe('Salesforce sessions', () => {
  test('expired session renewed once', async () => {
    gateway.fake.expireSessions();

    let response: GraphQLResponse | undefined;
    const calls = await countCalls(gateway, async () => {
      response = await alice.graphql(TICKETS_AND_INVOICES);
    });

    expect(response?.errors).toBeUndefined();
    expect(response?.data?.['tickets'].edges).toEqual(baseline['tickets'].edges.map((edge: any) => ({ node: { number: edge.node.number } })));
    // The rejected request and its resend after one sign-in.
    expect(calls).toEqual({ apiCalls: 2, authCalls: 1, logged: 2 });
    expect(gateway.fake.dataRequests().map((entry) => entry.status)).toEqual([401, 200]);
  });

  test('invalid session fails fast after one renewal', async () => {
    gateway.fake.faults.invalidSession();

    let response: GraphQLResponse | undefined;
    const started = Date.now();
    const calls = await countCalls(gateway, async () => {
      response = await alice.graphql(TICKETS_AND_INVOICES);
    });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toEqual({ apiCalls: 2, authCalls: 1, logged: 2 });
    expect(response?.data?.['invoices']).toEqual({ edges: baseline['invoices'].edges.map((edge: any) => ({ node: { number: edge.node.number } })) });
    expect(response?.data?.['tickets']).toBeNull();
    expect(response?.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['tickets'], 'UPSTREAM_UNAVAILABLE']]);
  });
});
