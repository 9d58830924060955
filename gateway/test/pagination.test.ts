/**
 * Cursor pagination through HTTP: every row exactly once across pages, in
 * the order the sort and its id tie-breaker define, and clear errors for
 * cursors that do not fit the request.
 */
import { fromGlobalId } from '../graphql/global-id';
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let acmeId: string;

interface Page {
  edges: { cursor: string; node: { id: string; number: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const INVOICE_PAGE = `
  query Page($first: Int!, $after: String, $orderBy: InvoiceOrder) {
    invoices(first: $first, after: $after, orderBy: $orderBy) {
      edges { cursor node { id number } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  const [customer] = await server.erpQuery<{ id: number }>("SELECT id FROM erp_customers WHERE customer_number = 'C-10001'");
  acmeId = String(customer!.id);
});

afterAll(async () => {
  await server.close();
});

async function page(variables: Record<string, unknown>): Promise<Page> {
  const response = await alice.graphql<{ invoices: Page }>(INVOICE_PAGE, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.invoices;
}

async function walk(orderBy: Record<string, string>, first: number): Promise<{ ids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;

  // Bounded: 400 pages is far more than the demo data holds.
  for (let count = 0; count < 400; count += 1) {
    const current: Page = await page({ first, after, orderBy });
    pages.push(current);
    if (!current.pageInfo.hasNextPage) {
      break;
    }
    after = current.pageInfo.endCursor;
  }

  const ids = pages.flatMap((current) => current.edges.map((edge) => fromGlobalId(edge.node.id)!.id));
  return { ids, pages };
}

async function expectedIds(orderExpression: string, direction: 'ASC' | 'DESC'): Promise<string[]> {
  const rows = await server.erpQuery<{ id: number }>(
    `SELECT id FROM erp_invoices WHERE customer_id = ${acmeId} ORDER BY ${orderExpression} ${direction}, id ${direction}`,
  );
  return rows.map((row) => String(row.id));
}

describe('invoice pages', () => {
  it('walks STATUS, which has many ties, in id order within each status', async () => {
    const { ids, pages } = await walk({ field: 'STATUS', direction: 'ASC' }, 7);

    expect(ids).toEqual(await expectedIds('CASE WHEN balance <> 0 THEN 0 ELSE 1 END', 'ASC'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.slice(0, -1).every((current) => current.edges.length === 7)).toBe(true);
  });

  it('walks DUE_DATE descending', async () => {
    const { ids } = await walk({ field: 'DUE_DATE', direction: 'DESC' }, 25);
    expect(ids).toEqual(await expectedIds('due_date', 'DESC'));
  });

  it('walks AMOUNT across negative credit memos', async () => {
    const { ids } = await walk({ field: 'AMOUNT', direction: 'ASC' }, 100);
    expect(ids).toEqual(await expectedIds('amount', 'ASC'));
  });

  it('ends with hasNextPage false and an empty page after it', async () => {
    const { pages } = await walk({ field: 'NUMBER', direction: 'ASC' }, 50);
    const last = pages.at(-1)!;

    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.pageInfo.hasPreviousPage).toBe(false);
    expect(last.pageInfo.startCursor).toBe(last.edges[0]?.cursor);
    expect(last.pageInfo.endCursor).toBe(last.edges.at(-1)?.cursor);

    const beyond = await page({ first: 50, after: last.pageInfo.endCursor, orderBy: { field: 'NUMBER', direction: 'ASC' } });
    expect(beyond).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

describe('pagination errors', () => {
  async function firstError(variables: Record<string, unknown>) {
    const response = await alice.graphql(INVOICE_PAGE, variables);
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    return response.errors?.[0];
  }

  it('rejects first: 1000', async () => {
    const error = await firstError({ first: 1000 });
    expect(error?.message).toBe('first must be between 1 and 100, got 1000.');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('rejects first: 0', async () => {
    expect((await firstError({ first: 0 }))?.message).toBe('first must be between 1 and 100, got 0.');
  });

  it('rejects a malformed cursor', async () => {
    const error = await firstError({ first: 5, after: 'garbage!' });
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(error?.message).toContain('after is not a cursor issued by this API');
  });

  it('rejects a cursor from another sort order', async () => {
    const first = await page({ first: 5, orderBy: { field: 'NUMBER', direction: 'ASC' } });
    const error = await firstError({ first: 5, after: first.pageInfo.endCursor, orderBy: { field: 'DUE_DATE', direction: 'ASC' } });

    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(error?.message).toBe(
      'after is a cursor for Invoice sorted by NUMBER ASC, but this request lists Invoice sorted by DUE_DATE ASC. Start again from the first page when you change the sort order.',
    );
  });

  it('rejects a forged cursor whose value does not fit the sort', async () => {
    const forged = Buffer.from(JSON.stringify({ l: 'Invoice', f: 'DUE_DATE', d: 'ASC', v: 'not a date', i: '1' })).toString('base64url');
    const error = await firstError({ first: 5, after: forged, orderBy: { field: 'DUE_DATE', direction: 'ASC' } });

    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(error?.message).toContain('is not a YYYY-MM-DD date');
  });
});
