/**
 * Hostile tests of customer isolation. Signed in as alice (Acme), every
 * probe for a Globex document must get exactly the response to a key that
 * no customer has, however the key is spelled. The probes are single
 * lookups, aliased batches, cursors from bob's session, PDF paths and
 * ticket comments.
 */
import { fromGlobalId } from '../graphql/global-id';
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let bob: TestClient;

let globex: { invoice: string; order: string; ticket: string; invoiceNumbers: string[] };
let acme: { invoice: string; invoiceIds: Set<string> };

const MISSING = { invoice: 'INV-999999', order: 'SO-999999', ticket: 'CS-999999' };

const LOOKUPS = {
  invoice: 'query Q($n: String!) { invoice(number: $n) { number lines { description } } }',
  order: 'query Q($n: String!) { order(number: $n) { number lines { description } } }',
  ticket: 'query Q($n: String!) { ticket(number: $n) { number comments { body } } }',
} as const;

async function customerColumn(column: string, table: string, customerNumber: string): Promise<string[]> {
  const rows = await server.erpQuery<{ value: string | number }>(
    `SELECT ${column} AS value FROM ${table}
     WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = '${customerNumber}') ORDER BY id`,
  );
  return rows.map((row) => String(row.value));
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  bob = await signedInClient(server.baseUrl, 'bob@globex.example');

  const globexInvoices = await customerColumn('invoice_number', 'erp_invoices', 'C-10002');
  globex = {
    invoice: globexInvoices.find((number) => number.startsWith('INV-'))!,
    order: (await customerColumn('order_number', 'erp_orders', 'C-10002'))[0]!,
    ticket: (await customerColumn('case_number', 'erp_service_cases', 'C-10002'))[0]!,
    invoiceNumbers: globexInvoices,
  };
  const acmeInvoices = await customerColumn('invoice_number', 'erp_invoices', 'C-10001');
  acme = {
    invoice: acmeInvoices.find((number) => number.startsWith('INV-'))!,
    invoiceIds: new Set(await customerColumn('id', 'erp_invoices', 'C-10001')),
  };
});

afterAll(async () => {
  await server.close();
});

/** Variants of a document number: case, white space, look-alike characters and SQL wildcards. */
function spellings(number: string): [string, string][] {
  return [
    ['exact', number],
    ['lower case', number.toLowerCase()],
    ['leading space', ` ${number}`],
    ['trailing space', `${number} `],
    ['trailing newline', `${number}\n`],
    ['trailing NUL', `${number}\u0000`],
    ['full-width letters', number.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 0xfee0))],
    ['Unicode hyphen', number.replace('-', '\u2010')],
    ['last digit as _', `${number.slice(0, -1)}_`],
    ['last digit as %', `${number.slice(0, -1)}%`],
    ['only %', '%'],
    ['quote injection', `${number}' OR '1'='1`],
  ];
}

async function lookup(kind: keyof typeof LOOKUPS, client: TestClient, number: string): Promise<{ status: number; body: unknown }> {
  const response = await client.graphql(LOOKUPS[kind], { n: number });
  return { status: response.status, body: JSON.parse(response.text) as unknown };
}

describe('lookups by number', () => {
  for (const kind of ['invoice', 'order', 'ticket'] as const) {
    it(`${kind} spellings of Globex answer like missing`, async () => {
      const missing = await lookup(kind, alice, MISSING[kind]);
      expect(missing).toEqual({ status: 200, body: { data: { [kind]: null } } });

      for (const [label, number] of spellings(globex[kind])) {
        const foreign = await lookup(kind, alice, number);
        expect({ label, ...foreign }).toEqual({ label, ...missing });
      }
    });
  }

  it('matches own invoice numbers exactly', async () => {
    const exact = await lookup('invoice', alice, acme.invoice);
    expect(exact.body).toMatchObject({ data: { invoice: { number: acme.invoice } } });

    for (const [label, number] of spellings(acme.invoice).slice(1)) {
      const variant = await lookup('invoice', alice, number);
      expect({ label, ...variant }).toEqual({ label, status: 200, body: { data: { invoice: null } } });
    }
  });

  it('returns null for every Globex number in one aliased request', async () => {
    const numbers = globex.invoiceNumbers.slice(0, 200);
    const selection = numbers.map((number, index) => `i${index}: invoice(number: ${JSON.stringify(number)}) { number }`).join('\n');
    const response = await alice.graphql(`{ ${selection} }`);

    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data!).every((value) => value === null)).toBe(true);
    expect(Object.keys(response.data!)).toHaveLength(numbers.length);
  });
});

describe('list filters', () => {
  it.each(['%', '_', '!', '%INV%', "' OR 1=1 --"])('match %j literally', async (text) => {
    const response = await alice.graphql('query Q($s: String) { invoices(filter: { numberContains: $s }) { totalCount } }', { s: text });
    expect(response.data).toEqual({ invoices: { totalCount: 0 } });
  });

  it('count only Acme rows for a prefix every customer has', async () => {
    const response = await alice.graphql('{ invoices(filter: { numberContains: "inv-" }) { totalCount } }');
    const [row] = await server.erpQuery<{ n: number }>(
      "SELECT COUNT(*) AS n FROM erp_invoices WHERE invoice_number LIKE 'INV-%' AND customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001')",
    );
    expect(response.data).toEqual({ invoices: { totalCount: row!.n } });
  });
});

describe('cursors replayed across customers', () => {
  const PAGE = `query Page($after: String, $orderBy: InvoiceOrder) {
    invoices(first: 50, after: $after, orderBy: $orderBy) { edges { cursor node { id number amount { amount } } } }
  }`;

  it.each([
    ['AMOUNT', 'DESC'],
    ['NUMBER', 'ASC'],
    ['INVOICE_DATE', 'DESC'],
    ['STATUS', 'ASC'],
  ])("of bob sorted by %s %s list only Acme rows for alice", async (field, direction) => {
    const orderBy = { field, direction };
    const bobPage = await bob.graphql(PAGE, { orderBy });
    const bobEdges = bobPage.data!['invoices'].edges as { cursor: string }[];
    const bobCursor = bobEdges[2]!.cursor;

    const replayed = await alice.graphql(PAGE, { after: bobCursor, orderBy });
    expect(replayed.errors).toBeUndefined();
    const nodes = (replayed.data!['invoices'].edges as { node: { id: string; number: string } }[]).map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(acme.invoiceIds.has(fromGlobalId(node.id)!.id)).toBe(true);
    }
    for (const globexNumber of globex.invoiceNumbers) {
      expect(replayed.text).not.toContain(`"${globexNumber}"`);
    }
  });
});

describe('invoice PDF paths', () => {
  /** Status, content type and body of a GET, and status and length of a HEAD. */
  async function fetchPdf(urlPath: string) {
    const get = await alice.get(urlPath);
    const head = await fetch(`${server.baseUrl}${urlPath}`, { method: 'HEAD', headers: { cookie: alice.cookie! } });
    return {
      status: get.status,
      type: get.headers.get('content-type'),
      body: await get.text(),
      headStatus: head.status,
      headLength: head.headers.get('content-length'),
    };
  }

  it('of Globex answer like a missing invoice', async () => {
    const missing = await fetchPdf(`/documents/invoices/${MISSING.invoice}.pdf`);
    expect(missing.status).toBe(404);
    expect(missing.headStatus).toBe(404);

    const probes = [
      `/documents/invoices/${globex.invoice}.pdf`,
      `/documents/invoices/${globex.invoice.toLowerCase()}.pdf`,
      `/documents/invoices/${encodeURIComponent(globex.invoice).replace('-', '%2D')}.pdf`,
      `/documents/invoices/%20${globex.invoice}.pdf`,
      `/documents/invoices/..%2F..%2F${globex.invoice}.pdf`,
      `/documents/invoices/${acme.invoice}%2F..%2F${globex.invoice}.pdf`,
      `/documents/invoices/${globex.invoice}%00.pdf`,
      `/documents/invoices/${globex.invoice.slice(0, -1)}_.pdf`,
      `/documents/invoices/${globex.invoice.slice(0, -1)}%25.pdf`,
    ];
    for (const probe of probes) {
      expect({ probe, ...(await fetchPdf(probe)) }).toEqual({ probe, ...missing });
    }
  });

  it('of Acme still download after dot segments', async () => {
    const response = await alice.get(`/documents/invoices/../invoices/${acme.invoice}.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('ticket comments', () => {
  it('on a Globex ticket answer like a missing ticket', async () => {
    const mutation = 'mutation C($n: String!, $b: String!) { addTicketComment(ticketNumber: $n, body: $b) { comment { body } } }';
    const foreign = await alice.graphql(mutation, { n: globex.ticket, b: 'Hostile comment' });
    const missing = await alice.graphql(mutation, { n: MISSING.ticket, b: 'Hostile comment' });

    expect(foreign.status).toBe(missing.status);
    expect(foreign.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'ticketNumber' });
    expect(foreign.text.replace(globex.ticket, '<number>')).toBe(missing.text.replace(MISSING.ticket, '<number>'));

    const stored = await server.erpQuery<{ n: number }>("SELECT COUNT(*) AS n FROM erp_case_comments WHERE body = 'Hostile comment'");
    expect(stored[0]!.n).toBe(0);
  });
});
