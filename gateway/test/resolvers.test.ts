/**
 * Every query and mutation through HTTP, with expectations read from the ERP
 * tables directly.
 */
import { fromGlobalId } from '../graphql/global-id';
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let acmeId: string;

interface Edge<Node> {
  cursor: string;
  node: Node;
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  const [customer] = await server.erpQuery<{ id: number }>("SELECT id FROM erp_customers WHERE customer_number = 'C-10001'");
  acmeId = String(customer!.id);
});

afterAll(async () => {
  await server.close();
});

/** ERP money columns on SQLite hold ten-thousandths; this prints them as the API does. */
function money(scaled: number | bigint): string {
  const value = BigInt(scaled);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

async function data(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await alice.graphql(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('Query.invoices', () => {
  it('lists the newest invoices first by default', async () => {
    const result = await data('{ invoices(first: 10) { totalCount edges { node { number invoiceDate } } } }');
    const dates = (result['invoices'].edges as Edge<{ invoiceDate: string }>[]).map((edge) => edge.node.invoiceDate);
    const [count] = await server.erpQuery<{ n: number }>(`SELECT COUNT(*) AS n FROM erp_invoices WHERE customer_id = ${acmeId}`);

    expect(result['invoices'].totalCount).toBe(count!.n);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('maps every invoice field', async () => {
    const [row] = await server.erpQuery<Record<string, any>>(
      `SELECT i.*, o.order_number FROM erp_invoices i LEFT JOIN erp_orders o ON o.id = i.order_id
       WHERE i.customer_id = ${acmeId} AND i.balance <> 0 AND i.order_id IS NOT NULL ORDER BY i.due_date LIMIT 1`,
    );
    const lines = await server.erpQuery<Record<string, any>>(`SELECT * FROM erp_invoice_lines WHERE invoice_id = ${row!['id']} ORDER BY line_number`);

    const result = await data(
      `query One($number: String!) {
        invoice(number: $number) {
          id number type status invoiceDate dueDate isOverdue pdfUrl
          amount { amount currency } balance { amount currency }
          lines { lineNumber sku description quantity unitPrice { amount currency } amount { amount currency } }
          order { number }
        }
      }`,
      { number: row!['invoice_number'] },
    );

    const invoice = result['invoice'];
    expect(fromGlobalId(invoice.id)).toEqual({ typeName: 'Invoice', id: String(row!['id']) });
    expect(invoice).toMatchObject({
      number: row!['invoice_number'],
      type: row!['invoice_type'],
      status: 'OUTSTANDING',
      invoiceDate: row!['invoice_date'],
      dueDate: row!['due_date'],
      isOverdue: row!['due_date'] < '2026-11-30',
      pdfUrl: `${server.baseUrl}/documents/invoices/${row!['invoice_number']}.pdf`,
      amount: { amount: money(row!['amount']), currency: 'USD' },
      balance: { amount: money(row!['balance']), currency: 'USD' },
      order: { number: row!['order_number'] },
    });
    expect(invoice.lines).toEqual(
      lines.map((line) => ({
        lineNumber: line['line_number'],
        sku: line['item_number'],
        description: line['description'],
        quantity: money(line['quantity']),
        unitPrice: { amount: money(line['unit_price']), currency: 'USD' },
        amount: { amount: money(line['amount']), currency: 'USD' },
      })),
    );
  });

  it('returns null for an unknown number', async () => {
    expect(await data('{ invoice(number: "INV-999999") { number } }')).toEqual({ invoice: null });
  });

  it.each([
    ['status: OUTSTANDING', 'balance <> 0'],
    ['status: PAID', 'balance = 0'],
    ['type: CREDIT_MEMO', "invoice_type = 'CREDIT_MEMO'"],
    ['overdue: true', "balance <> 0 AND due_date < '2026-11-30'"],
    ['dueDateFrom: "2026-10-01", dueDateTo: "2026-10-31"', "due_date BETWEEN '2026-10-01' AND '2026-10-31'"],
    ['numberContains: "cm-1000"', "invoice_number LIKE '%CM-1000%'"],
  ])('filters by %s', async (filter, condition) => {
    const result = await data(`{ invoices(first: 100, filter: { ${filter} }) { totalCount edges { node { number } } } }`);
    const rows = await server.erpQuery<{ invoice_number: string }>(
      `SELECT invoice_number FROM erp_invoices WHERE customer_id = ${acmeId} AND ${condition}`,
    );

    expect(rows.length).toBeGreaterThan(0);
    expect(result['invoices'].totalCount).toBe(rows.length);
    const numbers = (result['invoices'].edges as Edge<{ number: string }>[]).map((edge) => edge.node.number);
    const expected = new Set(rows.map((row) => row.invoice_number));
    expect(numbers).toHaveLength(Math.min(100, rows.length));
    expect(numbers.filter((number) => !expected.has(number))).toEqual([]);
  });

  it('sorts by amount', async () => {
    const result = await data('{ invoices(first: 20, orderBy: { field: AMOUNT }) { edges { node { amount { amount } } } } }');
    const amounts = (result['invoices'].edges as Edge<{ amount: { amount: string } }>[]).map((edge) => Number(edge.node.amount.amount));

    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  });
});

describe('Query.orders', () => {
  it('maps orders with lines, shipments and invoices', async () => {
    const [row] = await server.erpQuery<Record<string, any>>(
      `SELECT o.* FROM erp_orders o WHERE o.customer_id = ${acmeId}
       AND EXISTS (SELECT 1 FROM erp_shipments s WHERE s.order_id = o.id AND s.tracking_number IS NOT NULL)
       AND EXISTS (SELECT 1 FROM erp_invoices i WHERE i.order_id = o.id) LIMIT 1`,
    );
    const shipments = await server.erpQuery<Record<string, any>>(`SELECT * FROM erp_shipments WHERE order_id = ${row!['id']}`);
    const invoices = await server.erpQuery<{ invoice_number: string }>(`SELECT invoice_number FROM erp_invoices WHERE order_id = ${row!['id']}`);
    const lines = await server.erpQuery<Record<string, any>>(`SELECT * FROM erp_order_lines WHERE order_id = ${row!['id']} ORDER BY line_number`);

    const result = await data(
      `query One($number: String!) {
        order(number: $number) {
          id number purchaseOrderNumber orderDate status total { amount currency }
          lines { lineNumber sku description quantityOrdered quantityShipped unitPrice { amount } amount { amount } }
          shipments { number shipDate carrier trackingNumber trackingUrl status }
          invoices { number }
        }
      }`,
      { number: row!['order_number'] },
    );

    const order = result['order'];
    expect(fromGlobalId(order.id)).toEqual({ typeName: 'Order', id: String(row!['id']) });
    expect(order).toMatchObject({
      number: row!['order_number'],
      purchaseOrderNumber: row!['customer_po'],
      orderDate: row!['order_date'],
      status: row!['status'],
      total: { amount: money(row!['total_amount']), currency: 'USD' },
    });
    expect(order.lines).toEqual(
      lines.map((line) => ({
        lineNumber: line['line_number'],
        sku: line['item_number'],
        description: line['description'],
        quantityOrdered: money(line['quantity_ordered']),
        quantityShipped: money(line['quantity_shipped']),
        unitPrice: { amount: money(line['unit_price']) },
        amount: { amount: money(line['amount']) },
      })),
    );
    expect(order.invoices.map((invoice: { number: string }) => invoice.number).sort()).toEqual(invoices.map((invoice) => invoice.invoice_number).sort());
    expect(order.shipments).toHaveLength(shipments.length);
    for (const shipment of order.shipments as Record<string, string | null>[]) {
      const source = shipments.find((candidate) => candidate['shipment_number'] === shipment['number'])!;
      expect(shipment['carrier']).toBe(source['carrier']);
      expect(shipment['trackingNumber']).toBe(source['tracking_number']);
      expect(shipment['shipDate']).toBe(source['ship_date']);
      if (source['tracking_number'] === null) {
        expect(shipment['trackingUrl']).toBeNull();
      } else {
        expect(shipment['trackingUrl']).toContain(encodeURIComponent(source['tracking_number']));
      }
    }
  });

  it('filters by a list of statuses', async () => {
    const result = await data('{ orders(first: 100, filter: { status: [OPEN, SHIPPED] }) { totalCount edges { node { status } } } }');
    const [count] = await server.erpQuery<{ n: number }>(
      `SELECT COUNT(*) AS n FROM erp_orders WHERE customer_id = ${acmeId} AND status IN ('OPEN', 'SHIPPED')`,
    );

    expect(result['orders'].totalCount).toBe(count!.n);
    for (const edge of result['orders'].edges as Edge<{ status: string }>[]) {
      expect(['OPEN', 'SHIPPED']).toContain(edge.node.status);
    }
  });

  it('matches nothing for an empty status list', async () => {
    expect(await data('{ orders(filter: { status: [] }) { totalCount edges { cursor } } }')).toEqual({ orders: { totalCount: 0, edges: [] } });
  });

  it('returns null for an unknown number', async () => {
    expect(await data('{ order(number: "SO-999999") { number } }')).toEqual({ order: null });
  });
});

describe('Query.tickets', () => {
  it('lists tickets with public comments only', async () => {
    const [row] = await server.erpQuery<Record<string, any>>(
      `SELECT c.* FROM erp_service_cases c WHERE c.customer_id = ${acmeId}
       AND EXISTS (SELECT 1 FROM erp_case_comments m WHERE m.case_id = c.id AND m.is_public = 0)
       AND EXISTS (SELECT 1 FROM erp_case_comments m WHERE m.case_id = c.id AND m.is_public = 1) LIMIT 1`,
    );
    const comments = await server.erpQuery<Record<string, any>>(
      `SELECT * FROM erp_case_comments WHERE case_id = ${row!['id']} AND is_public = 1 ORDER BY created_at, id`,
    );

    const result = await data(
      `query One($number: String!) {
        ticket(number: $number) {
          id number subject description status priority createdAt updatedAt closedAt
          comments { id authorName fromSupport body createdAt }
        }
      }`,
      { number: row!['case_number'] },
    );

    const ticket = result['ticket'];
    expect(fromGlobalId(ticket.id)).toEqual({ typeName: 'Ticket', id: String(row!['id']) });
    expect(ticket).toMatchObject({
      number: row!['case_number'],
      subject: row!['subject'],
      description: row!['description'],
      status: row!['status'],
      priority: row!['priority'],
      createdAt: row!['created_at'],
      updatedAt: row!['updated_at'],
      closedAt: row!['closed_at'],
    });
    expect(ticket.comments).toEqual(
      comments.map((comment) => ({
        id: expect.any(String),
        authorName: comment['author_name'],
        fromSupport: comment['from_support'] === 1,
        body: comment['body'],
        createdAt: comment['created_at'],
      })),
    );
  });

  it('filters by status, priority and search text', async () => {
    const result = await data('{ tickets(first: 100, filter: { status: [NEW, IN_PROGRESS], priority: HIGH }) { totalCount edges { node { status priority } } } }');
    const [count] = await server.erpQuery<{ n: number }>(
      `SELECT COUNT(*) AS n FROM erp_service_cases WHERE customer_id = ${acmeId} AND status IN ('NEW', 'IN_PROGRESS') AND priority = 'HIGH'`,
    );
    expect(result['tickets'].totalCount).toBe(count!.n);

    const [sample] = await server.erpQuery<{ case_number: string }>(`SELECT case_number FROM erp_service_cases WHERE customer_id = ${acmeId} LIMIT 1`);
    const search = await data('query Search($text: String!) { tickets(filter: { search: $text }) { edges { node { number } } } }', { text: sample!.case_number });
    expect(search['tickets'].edges).toEqual([{ node: { number: sample!.case_number } }]);
  });

  it('returns null for an unknown number', async () => {
    expect(await data('{ ticket(number: "CS-999999") { number } }')).toEqual({ ticket: null });
  });
});

describe('Mutation.createTicket', () => {
  const CREATE = `mutation Create($input: CreateTicketInput!) {
    createTicket(input: $input) { ticket { number subject description status priority closedAt comments { id } } }
  }`;

  it('creates a trimmed ticket that the lists show', async () => {
    const created = await data(CREATE, { input: { subject: '  Damaged carton  ', description: '\nThe carton of RV-1020 arrived crushed.\n', priority: 'HIGH' } });
    const ticket = created['createTicket'].ticket;

    expect(ticket).toMatchObject({
      subject: 'Damaged carton',
      description: 'The carton of RV-1020 arrived crushed.',
      status: 'NEW',
      priority: 'HIGH',
      closedAt: null,
      comments: [],
    });

    const newest = await data('{ tickets(first: 1) { edges { node { number } } } }');
    expect(newest['tickets'].edges[0].node.number).toBe(ticket.number);

    const [row] = await server.erpQuery<{ customer_id: number; subject: string }>(
      `SELECT customer_id, subject FROM erp_service_cases WHERE case_number = '${ticket.number}'`,
    );
    expect(String(row!.customer_id)).toBe(acmeId);
  });

  it('defaults the priority to MEDIUM', async () => {
    const created = await data(CREATE, { input: { subject: 'Invoice copy', description: 'Please resend the October invoice.' } });
    expect(created['createTicket'].ticket.priority).toBe('MEDIUM');
  });

  it.each([
    ['a blank subject', { subject: '   ', description: 'x' }, 'input.subject', 'input.subject must not be empty or only white space.'],
    ['a long subject', { subject: 's'.repeat(256), description: 'x' }, 'input.subject', 'input.subject must be at most 255 characters after trimming, got 256.'],
    ['an empty description', { subject: 'ok', description: '' }, 'input.description', 'input.description must not be empty or only white space.'],
    ['a long description', { subject: 'ok', description: 'd'.repeat(32_001) }, 'input.description', 'input.description must be at most 32,000 characters after trimming, got 32,001.'],
  ])('rejects %s', async (_label, input, argumentName, message) => {
    const response = await alice.graphql(CREATE, { input });

    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message, path: ['createTicket'], locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT', argumentName } },
    ]);
  });

  it('accepts the longest subject', async () => {
    const created = await data(CREATE, { input: { subject: 's'.repeat(255), description: 'x' } });
    expect(created['createTicket'].ticket.subject).toHaveLength(255);
  });
});
