/**
 * Access rules per field: signed-out requests get UNAUTHENTICATED on every
 * field of customer data, and a role without a permission gets FORBIDDEN on
 * exactly the fields that need it.
 */
import type { GraphQLResponse } from './client';
import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

function codesByPath(response: GraphQLResponse): Record<string, string> {
  return Object.fromEntries(
    (response.errors ?? []).map((error) => [(error.path ?? []).join('.'), String(error.extensions?.['code'])]),
  );
}

describe('signed out', () => {
  const PROTECTED_FIELDS: [string, string][] = [
    ['dashboard', '{ dashboard { asOf } }'],
    ['invoices', '{ invoices { totalCount } }'],
    ['invoice', '{ invoice(number: "INV-100001") { number } }'],
    ['orders', '{ orders { totalCount } }'],
    ['order', '{ order(number: "SO-100001") { number } }'],
    ['tickets', '{ tickets { totalCount } }'],
    ['ticket', '{ ticket(number: "CS-100001") { number } }'],
    ['createTicket', 'mutation { createTicket(input: { subject: "Hello", description: "World" }) { ticket { number } } }'],
  ];

  it.each(PROTECTED_FIELDS)('%s fails with UNAUTHENTICATED', async (field, query) => {
    const response = await new TestClient(server.baseUrl).graphql(query);

    expect(response.status).toBe(200);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.path).toEqual([field]);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(response.errors?.[0]?.message).toBe('Sign in to use this field: no valid session cookie was sent.');
  });

  it('viewer is null without an error', async () => {
    const response = await new TestClient(server.baseUrl).graphql('{ viewer { email } }');
    expect(response.text).toBe('{"data":{"viewer":null}}\n');
  });

  it('a forged cookie opens nothing and is cleared', async () => {
    const client = new TestClient(server.baseUrl);
    client.cookie = `rover_session=${'A'.repeat(43)}`;

    const response = await client.graphql('{ viewer { email } }');
    expect(response.data).toEqual({ viewer: null });
    expect(client.setCookies.at(-1)).toMatch(/^rover_session=; Max-Age=0/);
  });
});

describe('STANDARD role', () => {
  let dave: TestClient;

  beforeAll(async () => {
    dave = await signedInClient(server.baseUrl, 'dave@acme.example');
  });

  it('lists no invoice permission', async () => {
    const response = await dave.graphql('{ viewer { role permissions } }');
    expect(response.data).toEqual({ viewer: { role: 'STANDARD', permissions: ['orders:read', 'tickets:read', 'tickets:write'] } });
  });

  it.each([
    ['invoices', '{ invoices { totalCount } }'],
    ['invoice', '{ invoice(number: "INV-100001") { number } }'],
  ])('%s fails with FORBIDDEN', async (field, query) => {
    const response = await dave.graphql(query);

    expect(response.errors?.[0]?.path).toEqual([field]);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', permission: 'invoices:read' });
    expect(response.errors?.[0]?.message).toBe(
      'The STANDARD role does not include the permission "invoices:read". Ask your company\'s portal administrator for access.',
    );
  });

  it('gets the other dashboard panels', async () => {
    const response = await dave.graphql('{ dashboard { asOf invoices { outstandingCount } orders { open } tickets { open } } }');

    expect(codesByPath(response)).toEqual({ 'dashboard.invoices': 'FORBIDDEN' });
    expect(response.data?.['dashboard']?.invoices).toBeNull();
    expect(response.data?.['dashboard']?.asOf).toBe('2026-11-30');
    expect(typeof response.data?.['dashboard']?.orders.open).toBe('number');
    expect(typeof response.data?.['dashboard']?.tickets.open).toBe('number');
  });

  it('sees orders but not their invoices', async () => {
    const response = await dave.graphql('{ orders(first: 3) { edges { node { number lines { lineNumber } invoices { number } } } } }');
    const edges = response.data?.['orders']?.edges as { node: { number: string; lines: unknown[]; invoices: unknown } }[];

    expect(edges).toHaveLength(3);
    for (const edge of edges) {
      expect(edge.node.lines.length).toBeGreaterThan(0);
      expect(edge.node.invoices).toBeNull();
    }
    expect(codesByPath(response)).toEqual({
      'orders.edges.0.node.invoices': 'FORBIDDEN',
      'orders.edges.1.node.invoices': 'FORBIDDEN',
      'orders.edges.2.node.invoices': 'FORBIDDEN',
    });
  });

  it('reads and writes tickets', async () => {
    const list = await dave.graphql('{ tickets(first: 1) { totalCount } }');
    expect(list.errors).toBeUndefined();

    const created = await dave.graphql(
      'mutation { createTicket(input: { subject: "Pallet count", description: "Please confirm the pallet count." }) { ticket { status } } }',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data).toEqual({ createTicket: { ticket: { status: 'NEW' } } });
  });

  it('cannot download invoice PDFs', async () => {
    const invoices = await server.erpQuery<{ invoice_number: string }>(
      "SELECT invoice_number FROM erp_invoices WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001') LIMIT 1",
    );
    const response = await dave.get(`/documents/invoices/${invoices[0]!.invoice_number}.pdf`);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      code: 'FORBIDDEN',
      message: 'The STANDARD role does not include the permission "invoices:read". Ask your company\'s portal administrator for access.',
    });
  });
});

describe('BILLING role', () => {
  it('reads every field', async () => {
    const erin = await signedInClient(server.baseUrl, 'erin@acme.example');
    const response = await erin.graphql(`{
      dashboard { invoices { outstandingCount } orders { open } tickets { open } }
      invoices(first: 2) { edges { node { number order { number } } } }
      orders(first: 2) { edges { node { invoices { number } } } }
      tickets(first: 2) { totalCount }
    }`);

    expect(response.errors).toBeUndefined();
  });
});
