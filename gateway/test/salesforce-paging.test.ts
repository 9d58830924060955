/**
 * Large Salesforce Accounts through GraphQL pages: every matching Case is
 * returned once, past Salesforce's 2,000-row query pages and jsforce's
 * default 10,000-record limit, at a fixed number of calls per page.
 */
import type { GraphQLResponse, TestClient } from './client';
import { signedInClient } from './client';
import { countCalls, startSalesforceGateway, type SalesforceGateway } from './salesforce';

let gateway: SalesforceGateway;

beforeAll(async () => {
  gateway = await startSalesforceGateway();
});

afterAll(async () => {
  await gateway?.close();
});

const PAGE = `query Page($after: String, $filter: TicketFilter, $orderBy: TicketOrder) {
  tickets(first: 100, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { number } }
  }
}`;

/** Follows endCursor until hasNextPage is false and returns every number with the totalCount of the first page. */
async function readAllPages(client: TestClient, variables: Record<string, unknown>): Promise<{ numbers: string[]; totalCount: number; pages: number }> {
  const numbers: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;

  for (;;) {
    const response: GraphQLResponse = await client.graphql(PAGE, { ...variables, after });
    expect(response.errors).toBeUndefined();
    const connection: Record<string, any> = response.data!['tickets'];
    if (pages === 0) {
      totalCount = connection.totalCount;
    }
    pages += 1;
    numbers.push(...(connection.edges as { node: { number: string } }[]).map((edge) => edge.node.number));
    if (!connection.pageInfo.hasNextPage) {
      return { numbers, totalCount, pages };
    }
    after = connection.pageInfo.endCursor;
  }
}

/** Adds `count` Cases to an Account, every third one closed. */
function addCases(accountId: string, count: number, prefix: string): void {
  gateway.fake.data.addCases(
    Array.from({ length: count }, (_, index) => ({
      accountId,
      subject: `${prefix} ${index}`,
      status: index % 3 === 0 ? 'Closed' : 'New',
      createdDate: new Date(Date.UTC(2026, 0, 1) + index * 1_000),
    })),
  );
}

describe('large Accounts', () => {
  test('4,500 matching Cases come back whole', async () => {
    addCases(gateway.accounts.initech, 6_750, 'Bulk');
    const carol = await signedInClient(gateway.server.baseUrl, 'carol@initech.example');

    // The open ones among the bulk Cases and Carol's demo Case "New".
    const expected = gateway.fake.data
      .records('Case')
      .filter((record) => record['AccountId'] === gateway.accounts.initech && record['Status'] === 'New')
      .map((record) => String(record['CaseNumber']));
    expect(expected).toHaveLength(4_501);

    const result = await readAllPages(carol, { filter: { status: ['NEW'] }, orderBy: { field: 'NUMBER', direction: 'ASC' } });

    expect(result.totalCount).toBe(4_501);
    expect(result.pages).toBe(46);
    expect(result.numbers).toEqual([...expected].sort());
  });

  test('12,000 Cases come back whole', async () => {
    addCases(gateway.accounts.globex, 12_000 - 3, 'Mass');
    const bob = await signedInClient(gateway.server.baseUrl, 'bob@globex.example');

    const result = await readAllPages(bob, { orderBy: { field: 'CREATED_AT', direction: 'DESC' } });

    expect(result.totalCount).toBe(12_000);
    expect(result.numbers).toHaveLength(12_000);
    expect(new Set(result.numbers).size).toBe(12_000);
    expect(result.pages).toBe(120);
  }, 60_000);

  test('4,500 comments in one response', async () => {
    const cases = gateway.fake.data.addCases(
      Array.from({ length: 50 }, (_, index) => ({ accountId: gateway.accounts.acme, subject: `Chatty ${index}`, createdDate: new Date(Date.now() + index * 1_000) })),
    );
    gateway.fake.data.addComments(
      cases.flatMap((created) =>
        Array.from({ length: 90 }, (_, index) => ({ caseId: created.Id, body: `Reply ${index}`, createdDate: new Date(Date.UTC(2026, 0, 1, 0, index)) })),
      ),
    );
    const alice = await signedInClient(gateway.server.baseUrl, 'alice@acme.example');
    await alice.graphql('{ tickets(first: 1) { edges { node { number } } } }');

    let edges: { node: { subject: string; comments: { body: string }[] } }[] = [];
    const calls = await countCalls(gateway, async () => {
      const response = await alice.graphql('{ tickets(first: 50) { edges { node { subject comments { body } } } } }');
      expect(response.errors).toBeUndefined();
      edges = response.data!['tickets'].edges;
    });

    expect(edges.every((edge) => edge.node.subject.startsWith('Chatty'))).toBe(true);
    expect(edges.flatMap((edge) => edge.node.comments)).toHaveLength(4_500);
    expect(edges.every((edge) => edge.node.comments.every((comment, index) => comment.body === `Reply ${index}`))).toBe(true);
    // The page query, then one comment query whose 4,500 rows arrive in three 2,000-row pages.
    expect(calls).toEqual({ apiCalls: 4, authCalls: 0, logged: 4 });
  });

  test('a deep page costs the same as the first', async () => {
    const bob = await signedInClient(gateway.server.baseUrl, 'bob@globex.example');
    const first = await bob.graphql(PAGE, { after: null });
    const cursor = first.data!['tickets'].pageInfo.endCursor as string;

    const calls = await countCalls(gateway, () => bob.graphql(PAGE, { after: cursor }));

    // One page query and one COUNT() for totalCount.
    expect(calls).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });
  });
});
