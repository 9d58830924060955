/**
 * Counts the SQL statements that one GraphQL request sends to the ERP and,
 * for the payment fields, to the portal store, so that a resolver which
 * queries once per parent row (N+1) fails here.
 */
import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;

beforeAll(async () => {
  // Payments are on, so that the counts below include whatever they add.
  server = await startTestServer({ payments: {} });
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

  it('orders with documents: 8 statements for 5 or 50 rows', async () => {
    const query = `
      query Orders($first: Int!) {
        orders(first: $first) {
          edges { node { number lines { lineNumber } shipments { number } invoices { number } documents { id title downloadUrl } } }
        }
      }`;
    const small = await countStatements(query, 5);
    const large = await countStatements(query, 50);

    // The 7 statements above, plus the documents of all orders. Every demo
    // order has its confirmation, so all 50 orders have documents.
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(50);
    expect(small.count).toBe(8);
    expect(large.count).toBe(8);
    expect(large.statements.filter((text) => text.includes('"erp_documents"'))).toHaveLength(1);

    const response = await alice.graphql<{ orders: { edges: { node: { documents: unknown[] } }[] } }>(query, { first: 50 });
    expect(response.data!.orders.edges.every((edge) => edge.node.documents.length > 0)).toBe(true);
  });

  it('invoices with payment fields: 4 ERP, 3 portal statements', async () => {
    const query = `
      query Invoices($first: Int!) {
        invoices(first: $first) {
          edges { node { number status pendingPaymentAmount { amount } payableAmount { amount } pendingPayments { paymentId } } }
        }
      }`;
    // A payment on an invoice of the first page, so that the hold query finds lines and reads their payments.
    const firstPage = await alice.graphql<{ invoices: { edges: { node: { number: string; type: string; status: string } }[] } }>(
      '{ invoices(first: 5) { edges { node { number type status } } } }',
    );
    const payable = firstPage.data?.invoices.edges.map((edge) => edge.node).find((node) => node.type === 'INVOICE' && node.status === 'OUTSTANDING');
    if (payable === undefined) {
      throw new Error('None of the 5 newest demo invoices is outstanding, so this test cannot hold one with a payment.');
    }
    const paid = await alice.graphql('mutation ($number: String!) { payInvoices(input: { invoices: [{ number: $number }] }) { checkoutUrl } }', { number: payable.number });
    expect(paid.errors).toBeUndefined();

    const counts: { erp: number; portal: number; nodes: number; pending: number }[] = [];
    for (const first of [5, 50]) {
      server.erpStatements.length = 0;
      server.portalStatements.length = 0;
      const response = await alice.graphql<{ invoices: { edges: { node: { status: string } }[] } }>(query, { first });
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.invoices.edges.map((edge) => edge.node);
      counts.push({
        erp: server.erpStatements.length,
        portal: server.portalStatements.length,
        nodes: nodes.length,
        pending: nodes.filter((node) => node.status === 'PAYMENT_PENDING').length,
      });
    }

    // ERP: contact, customer, business date, invoice page. Portal: session,
    // held lines of all invoices, their payments.
    expect(counts).toEqual([
      { erp: 4, portal: 3, nodes: 5, pending: 1 },
      { erp: 4, portal: 3, nodes: 50, pending: 1 },
    ]);
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
