/**
 * Counts the SQL statements that one GraphQL request sends to the ERP, so
 * that a resolver which queries once per parent row (N+1) fails here.
 */
import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
});

afterAll(async () => {
  await server.close();
});

const INVOICES_WITH_CHILDREN = `
  query Invoices($first: Int!) {
    invoices(first: $first) {
      edges { node { number lines { lineNumber amount { amount } } order { number } } }
    }
  }`;

const ORDERS_WITH_CHILDREN = `
  query Orders($first: Int!) {
    orders(first: $first) {
      edges { node { number lines { lineNumber } shipments { number trackingUrl } invoices { number } } }
    }
  }`;

async function countStatements(query: string, first: number): Promise<{ count: number; statements: string[]; nodes: number }> {
  server.erpStatements.length = 0;
  const response = await alice.graphql(query, { first });
  expect(response.errors).toBeUndefined();

  const connection = (response.data?.['invoices'] ?? response.data?.['orders']) as { edges: unknown[] };
  const statements = server.erpStatements.map((event) => event.sql);
  return { count: statements.length, statements, nodes: connection.edges.length };
}

describe('SQL statements per request', () => {
  it('invoices with lines and order: 6 statements for 5 or 50 rows', async () => {
    const small = await countStatements(INVOICES_WITH_CHILDREN, 5);
    const large = await countStatements(INVOICES_WITH_CHILDREN, 50);

    // Contact, customer, business date, invoice page, lines of all
    // invoices, orders of all invoices.
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(50);
    expect(small.count).toBe(6);
    expect(large.count).toBe(6);
    expect(large.statements.filter((text) => text.includes('"erp_invoice_lines"'))).toHaveLength(1);
    expect(large.statements.filter((text) => /from "erp_orders"/.test(text))).toHaveLength(1);
  });

  it('orders with lines, shipments and invoices: 7 statements for 5 or 50 rows', async () => {
    const small = await countStatements(ORDERS_WITH_CHILDREN, 5);
    const large = await countStatements(ORDERS_WITH_CHILDREN, 50);

    // Contact, customer, business date, order page, lines, shipments and
    // invoices of all orders.
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(50);
    expect(small.count).toBe(7);
    expect(large.count).toBe(7);
    expect(large.statements.filter((text) => text.includes('"erp_order_lines"'))).toHaveLength(1);
    expect(large.statements.filter((text) => text.includes('"erp_shipments"'))).toHaveLength(1);
    expect(large.statements.filter((text) => /from "erp_invoices"/.test(text))).toHaveLength(1);
  });

  it('reads the portal store once for a session that needs no refresh', async () => {
    server.portalStatements.length = 0;
    await alice.graphql('{ viewer { email } }');

    expect(server.portalStatements.map((event) => event.sql.split(' ')[0])).toEqual(['select']);
  });

  it('sends no ERP statement for a signed-out request', async () => {
    server.erpStatements.length = 0;
    const response = await new TestClient(server.baseUrl).graphql('{ viewer { email } }');

    expect(response.data).toEqual({ viewer: null });
    expect(server.erpStatements).toHaveLength(0);
  });
});
