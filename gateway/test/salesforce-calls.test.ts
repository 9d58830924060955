/**
 * Salesforce API calls per GraphQL request, counted by the connector and by
 * the fake's request log: each request costs a fixed number of calls,
 * never one per Case.
 */
import type { TestClient } from './client';
import { signedInClient } from './client';
import { countCalls, startSalesforceGateway, type SalesforceGateway } from './salesforce';

let gateway: SalesforceGateway;
let alice: TestClient;

const PAGE_WITH_COMMENTS = `{
  tickets(first: 50) { edges { node { number comments { body fromSupport } } } }
}`;

const DASHBOARD = `{
  dashboard {
    asOf
    invoices { outstandingCount trend(months: 12) { month } }
    tickets { open closed createdLast30Days }
    orders { open closed placedLast30Days }
  }
}`;

beforeAll(async () => {
  gateway = await startSalesforceGateway();

  // 60 more Cases on Acme's Account, each with two published comments and an internal note.
  const cases = gateway.fake.data.addCases(
    Array.from({ length: 60 }, (_, index) => ({
      accountId: gateway.accounts.acme,
      subject: `Load test ${index}`,
      status: index % 3 === 0 ? 'Closed' : 'Working',
      createdDate: new Date(Date.now() - index * 60_000),
    })),
  );
  gateway.fake.data.addComments(
    cases.flatMap((created) => [
      { caseId: created.Id, body: `Answer on ${created.CaseNumber}` },
      { caseId: created.Id, body: 'Internal note', published: false },
      { caseId: created.Id, body: 'Follow-up' },
    ]),
  );

  alice = await signedInClient(gateway.server.baseUrl, 'alice@acme.example');
});

afterAll(async () => {
  await gateway?.close();
});

async function data(query: string): Promise<Record<string, any>> {
  const response = await alice.graphql(query);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('Salesforce calls per request', () => {
  test('50-row page with comments', async () => {
    // Cold: one sign-in, the Account lookup by customer number, the page query and one comment query.
    const cold = await countCalls(gateway, () => data(PAGE_WITH_COMMENTS));
    expect(cold).toEqual({ apiCalls: 3, authCalls: 1, logged: 3 });

    // Warm: the session and the Account id are reused.
    let result: Record<string, any> = {};
    const warm = await countCalls(gateway, async () => {
      result = await data(PAGE_WITH_COMMENTS);
    });
    expect(warm).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });

    const edges = result['tickets'].edges as { node: { number: string; comments: { body: string }[] } }[];
    expect(edges).toHaveLength(50);
    const loadTestComments = edges.filter((edge) => edge.node.comments.some((comment) => comment.body.startsWith('Answer on')));
    expect(loadTestComments.length).toBeGreaterThan(40);
    expect(loadTestComments.every((edge) => edge.node.comments.map((comment) => comment.body).join('|') === `Answer on ${edge.node.number}|Follow-up`)).toBe(true);
  });

  test('page of 50 with totalCount adds one count query', async () => {
    await data(PAGE_WITH_COMMENTS);

    const calls = await countCalls(gateway, () => data('{ tickets(first: 50) { totalCount edges { node { number comments { body } } } } }'));

    expect(calls).toEqual({ apiCalls: 3, authCalls: 0, logged: 3 });
  });

  test('dashboard costs two aggregate queries', async () => {
    await data(DASHBOARD);

    let result: Record<string, any> = {};
    const calls = await countCalls(gateway, async () => {
      result = await data(DASHBOARD);
    });

    expect(calls).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });
    const soql = gateway.fake.dataRequests().map((entry) => entry.soql ?? '');
    expect(soql.every((text) => /COUNT\(/.test(text))).toBe(true);
    expect(result['dashboard'].tickets.open + result['dashboard'].tickets.closed).toBeGreaterThanOrEqual(60);
    expect(result['dashboard'].invoices).not.toBeNull();
    expect(result['dashboard'].orders).not.toBeNull();
  });

  test('ticket page with comments costs two calls', async () => {
    const first = await data('{ tickets(first: 1) { edges { node { number } } } }');
    const number = first['tickets'].edges[0].node.number as string;

    const calls = await countCalls(gateway, () =>
      data(`{ ticket(number: "${number}") { number status comments { body } } }`),
    );

    expect(calls).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });
  });

  test('cost grows by URL chunks, not by Case', async () => {
    const small = await countCalls(gateway, () => data('{ tickets(first: 5) { edges { node { comments { body } } } } }'));
    const large = await countCalls(gateway, () => data('{ tickets(first: 100) { edges { node { comments { body } } } } }'));

    expect(small.apiCalls).toBe(2);
    // 100 Case ids do not fit in one 2,000-character query URL, so the comments take two IN queries.
    expect(large.apiCalls).toBe(3);
    const commentQueries = gateway.fake.dataRequests().filter((entry) => /FROM CaseComment/.test(entry.soql ?? ''));
    expect(commentQueries).toHaveLength(2);
    expect(commentQueries.every((entry) => entry.urlLength <= 2_000)).toBe(true);
  });
});
