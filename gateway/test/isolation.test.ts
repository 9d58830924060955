/**
 * Signed in as alice (Acme), nothing of Globex is reachable by any path, and
 * every probe for a Globex document gets exactly the response to a probe for
 * a document that does not exist.
 */
import { fromGlobalId } from '../graphql/global-id';
import type { GraphQLResponse, TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;

/** Globex documents, and numbers that no customer has. */
let globex: { invoice: string; order: string; ticket: string; invoiceIds: Set<string> };
const MISSING = { invoice: 'INV-999999', order: 'SO-999999', ticket: 'CS-999999' };
let acme: { invoiceIds: Set<string>; orderIds: Set<string>; ticketIds: Set<string> };

async function idsOf(table: string, customerNumber: string): Promise<Set<string>> {
  const rows = await server.erpQuery<{ id: number }>(
    `SELECT id FROM ${table} WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = '${customerNumber}')`,
  );
  return new Set(rows.map((row) => String(row.id)));
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');

  const globexFirst = async (column: string, table: string): Promise<string> => {
    const [row] = await server.erpQuery<Record<string, string>>(
      `SELECT ${column} AS value FROM ${table} WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10002') ORDER BY id LIMIT 1`,
    );
    return row!['value']!;
  };
  globex = {
    invoice: await globexFirst('invoice_number', 'erp_invoices'),
    order: await globexFirst('order_number', 'erp_orders'),
    ticket: await globexFirst('case_number', 'erp_service_cases'),
    invoiceIds: await idsOf('erp_invoices', 'C-10002'),
  };
  acme = {
    invoiceIds: await idsOf('erp_invoices', 'C-10001'),
    orderIds: await idsOf('erp_orders', 'C-10001'),
    ticketIds: await idsOf('erp_service_cases', 'C-10001'),
  };
});

afterAll(async () => {
  await server.close();
});

/** Runs a query with a number and returns the parts of the response that must not differ. */
async function answer(query: string, number: string): Promise<{ status: number; body: unknown }> {
  const response = await alice.graphql(query, { number });
  return { status: response.status, body: JSON.parse(response.text) as unknown };
}

describe('lookups by number', () => {
  it.each([
    ['invoice', 'query Q($number: String!) { invoice(number: $number) { number lines { lineNumber } } }'],
    ['order', 'query Q($number: String!) { order(number: $number) { number lines { lineNumber } } }'],
    ['ticket', 'query Q($number: String!) { ticket(number: $number) { number comments { body } } }'],
  ] as const)('%s of Globex answers like a missing one', async (kind, query) => {
    const foreign = await answer(query, globex[kind]);
    const missing = await answer(query, MISSING[kind]);

    expect(foreign).toEqual({ status: 200, body: { data: { [kind]: null } } });
    expect(foreign).toEqual(missing);
  });

  it.each([
    ['invoices', 'query Q($number: String!) { invoices(filter: { numberContains: $number }) { totalCount edges { cursor } } }', 'invoice'],
    ['orders', 'query Q($number: String!) { orders(filter: { numberContains: $number }) { totalCount edges { cursor } } }', 'order'],
    ['tickets', 'query Q($number: String!) { tickets(filter: { search: $number }) { totalCount edges { cursor } } }', 'ticket'],
  ] as const)('%s searched for a Globex number answers like a missing one', async (_list, query, kind) => {
    const foreign = await answer(query, globex[kind]);
    const missing = await answer(query, MISSING[kind]);

    expect(foreign).toEqual(missing);
    expect(JSON.stringify(foreign.body)).toContain('"totalCount":0');
  });
});

describe('lists and nested edges', () => {
  async function allNodes(field: 'invoices' | 'orders' | 'tickets', selection: string): Promise<Record<string, any>[]> {
    const nodes: Record<string, any>[] = [];
    let after: string | null = null;
    for (let pageCount = 0; pageCount < 50; pageCount += 1) {
      const response: GraphQLResponse = await alice.graphql(
        `query Q($after: String) { ${field}(first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(response.errors).toBeUndefined();
      const connection: { edges: { node: Record<string, any> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } =
        response.data![field];
      nodes.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) {
        break;
      }
      after = connection.pageInfo.endCursor;
    }
    return nodes;
  }

  function sourceId(globalId: string, typeName: string): string {
    const decoded = fromGlobalId(globalId);
    expect(decoded?.typeName).toBe(typeName);
    return decoded!.id;
  }

  it('invoices and their orders are all Acme', async () => {
    const nodes = await allNodes('invoices', 'id order { id invoices { id } }');

    expect(nodes).toHaveLength(acme.invoiceIds.size);
    for (const node of nodes) {
      expect(acme.invoiceIds.has(sourceId(node['id'], 'Invoice'))).toBe(true);
      if (node['order'] !== null) {
        expect(acme.orderIds.has(sourceId(node['order'].id, 'Order'))).toBe(true);
        for (const sibling of node['order'].invoices) {
          expect(acme.invoiceIds.has(sourceId(sibling.id, 'Invoice'))).toBe(true);
        }
      }
    }
  });

  it('orders and their invoices are all Acme', async () => {
    const nodes = await allNodes('orders', 'id invoices { id order { id } }');

    expect(nodes).toHaveLength(acme.orderIds.size);
    for (const node of nodes) {
      expect(acme.orderIds.has(sourceId(node['id'], 'Order'))).toBe(true);
      for (const invoice of node['invoices']) {
        expect(acme.invoiceIds.has(sourceId(invoice.id, 'Invoice'))).toBe(true);
        expect(acme.orderIds.has(sourceId(invoice.order.id, 'Order'))).toBe(true);
      }
    }
  });

  it('tickets are all Acme', async () => {
    const nodes = await allNodes('tickets', 'id');

    expect(nodes).toHaveLength(acme.ticketIds.size);
    for (const node of nodes) {
      expect(acme.ticketIds.has(sourceId(node['id'], 'Ticket'))).toBe(true);
    }
  });

  it('dashboard counts only Acme documents', async () => {
    const response = await alice.graphql('{ dashboard { invoices { outstandingCount } } }');
    const [row] = await server.erpQuery<{ n: number }>(
      "SELECT COUNT(*) AS n FROM erp_invoices WHERE balance <> 0 AND customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001')",
    );
    expect(response.data?.['dashboard'].invoices.outstandingCount).toBe(row!.n);
  });
});

describe('global ids', () => {
  it('open nothing: the schema has no field that takes one', async () => {
    const globexId = Buffer.from(`Invoice:${[...globex.invoiceIds][0]}`).toString('base64url');
    const missingId = Buffer.from('Invoice:999999999').toString('base64url');

    const foreign = await alice.graphql('query Q($id: ID!) { node(id: $id) { id } }', { id: globexId });
    const missing = await alice.graphql('query Q($id: ID!) { node(id: $id) { id } }', { id: missingId });

    expect(foreign.status).toBe(400);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(foreign.text).toBe(missing.text);
  });
});

describe('invoice PDFs', () => {
  it('of Globex answer exactly like a missing invoice', async () => {
    const foreign = await alice.get(`/documents/invoices/${globex.invoice}.pdf`);
    const missing = await alice.get(`/documents/invoices/${MISSING.invoice}.pdf`);

    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.headers.get('content-type')).toBe(missing.headers.get('content-type'));
    const foreignBody = await foreign.text();
    expect(foreignBody).toBe(await missing.text());
    expect(JSON.parse(foreignBody)).toEqual({ code: 'NOT_FOUND', message: 'No invoice of your company has this number. Check the number in the invoice list.' });
  });

  it('of Acme download', async () => {
    const [row] = await server.erpQuery<{ invoice_number: string }>(
      `SELECT invoice_number FROM erp_invoices WHERE id = ${[...acme.invoiceIds][0]}`,
    );
    const response = await alice.get(`/documents/invoices/${row!.invoice_number}.pdf`);
    expect(response.status).toBe(200);
  });
});

describe('new tickets', () => {
  it('belong to the viewer\'s customer', async () => {
    const response = await alice.graphql('mutation { createTicket(input: { subject: "Isolation", description: "Check" }) { ticket { number } } }');
    const number = response.data?.['createTicket'].ticket.number as string;

    const [row] = await server.erpQuery<{ customer_number: string }>(
      `SELECT c.customer_number FROM erp_service_cases s JOIN erp_customers c ON c.id = s.customer_id WHERE s.case_number = '${number}'`,
    );
    expect(row!.customer_number).toBe('C-10001');

    // Bob does not see it.
    const bob = await signedInClient(server.baseUrl, 'bob@globex.example');
    expect((await bob.graphql('query Q($n: String!) { ticket(number: $n) { number } }', { n: number })).data).toEqual({ ticket: null });
  });
});
