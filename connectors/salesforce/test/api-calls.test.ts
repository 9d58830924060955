import { MAX_QUERY_URL_LENGTH } from '../ticket-reads';
import { ACME, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

let env: TestEnvironment;

beforeAll(async () => {
  env = await startTestEnvironment();
  const cases = env.fake.data.addCases(
    Array.from({ length: 60 }, (_, index) => ({
      accountId: env.accounts.acme,
      subject: `Case ${index}`,
      status: index % 4 === 0 ? 'Closed' : 'Working',
      createdDate: new Date(Date.UTC(2026, 2, 10) + index * 60_000),
    })),
  );
  env.fake.data.addComments(
    cases.flatMap((created) => [
      { caseId: created.Id, body: `First answer on ${created.CaseNumber}` },
      { caseId: created.Id, body: 'Internal note', published: false },
      { caseId: created.Id, body: 'Second answer' },
    ]),
  );
});

afterAll(async () => {
  await env.stop();
});

/** Runs `work` and returns how many data API and token requests it made, as the source counts them. */
async function measure(work: () => Promise<unknown>): Promise<{ apiCalls: number; authCalls: number; logged: number }> {
  const before = env.source.stats();
  env.fake.clearRequests();
  await work();
  const after = env.source.stats();
  return { apiCalls: after.apiCalls - before.apiCalls, authCalls: after.authCalls - before.authCalls, logged: env.fake.dataRequests().length };
}

async function pageWithComments(): Promise<number> {
  const page = await env.source.listTickets(scopeOf(ACME), { filter: {}, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, first: 50, after: null });
  const comments = await env.source.commentsByTicketId(
    ACME.id,
    page.items.map((item) => item.node.id),
  );
  expect(page.items).toHaveLength(50);
  expect(comments.every((list) => list.length === 2)).toBe(true);
  return page.items.length;
}

describe('API calls', () => {
  test('50-row page with comments', async () => {
    // Cold: sign-in, the Account lookup, the page query, one comment query.
    expect(await measure(pageWithComments)).toEqual({ apiCalls: 3, authCalls: 1, logged: 3 });

    // Warm: the Account id is remembered and the session reused.
    expect(await measure(pageWithComments)).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });
  });

  test('dashboard counts', async () => {
    const counts = await measure(() => env.source.ticketCounts(scopeOf(ACME, '2026-03-31')));
    expect(counts).toEqual({ apiCalls: 2, authCalls: 0, logged: 2 });

    const soql = env.fake.dataRequests().map((entry) => entry.soql ?? '');
    expect(soql[0]).toMatch(/^SELECT Status, IsClosed, COUNT\(Id\) total FROM Case WHERE .* GROUP BY Status, IsClosed$/);
    expect(soql[1]).toMatch(/^SELECT COUNT\(\) FROM Case WHERE /);
    expect(await env.source.ticketCounts(scopeOf(ACME, '2026-03-31'))).toEqual({ open: 45, closed: 15, recent: 60 });
  });

  test('chunked IN under URL budget', async () => {
    const all = await env.source.listTickets(scopeOf(ACME), { filter: {}, orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 100, after: null });
    const numbers = all.items.map((item) => item.node.number);
    const requested = [...numbers, ...Array.from({ length: 440 }, (_, index) => String(90_000_000 + index))];

    const calls = await measure(async () => {
      const tickets = await env.source.ticketsByNumber(ACME.id, requested);
      expect(tickets.slice(0, 60).map((ticket) => ticket?.number)).toEqual(numbers);
      expect(tickets.slice(60).every((ticket) => ticket === null)).toBe(true);
    });

    const logged = env.fake.dataRequests();
    expect(calls.apiCalls).toBe(logged.length);
    expect(logged.length).toBeGreaterThan(1);
    expect(logged.length).toBeLessThan(requested.length / 20);
    for (const entry of logged) {
      expect(entry.urlLength).toBeLessThanOrEqual(MAX_QUERY_URL_LENGTH);
    }
  });

  test('pinned API version', async () => {
    await pageWithComments();
    const versions = new Set(env.fake.requests().filter((entry) => entry.kind === 'data').map((entry) => entry.apiVersion));
    expect([...versions]).toEqual([env.config.apiVersion]);
    expect(env.config.apiVersion).toBe('62.0');
  });
});
