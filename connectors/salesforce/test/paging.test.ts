import { SalesforceClient } from '../client';
import { ACME, GLOBEX, INITECH, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

let env: TestEnvironment;

beforeAll(async () => {
  env = await startTestEnvironment();
});

afterAll(async () => {
  await env.stop();
});

/** Adds `caseCount` Cases to the Account, each with `perCase` published comments and one internal note. */
function addCasesWithComments(accountId: string, caseCount: number, perCase: number): string[] {
  const cases = env.fake.data.addCases(Array.from({ length: caseCount }, (_, index) => ({ accountId, subject: `Case ${index}` })));
  env.fake.data.addComments(
    cases.flatMap((created) => [
      ...Array.from({ length: perCase }, (_, index) => ({ caseId: created.Id, body: `Answer ${index}`, createdDate: new Date(Date.UTC(2026, 0, 1, 0, index)) })),
      { caseId: created.Id, body: 'Internal note', published: false },
    ]),
  );
  return cases.map((created) => created.Id);
}

describe('results across nextRecordsUrl pages', () => {
  test('4,500 comments come back whole', async () => {
    const ids = addCasesWithComments(env.accounts.acme, 50, 90);
    await env.source.countTickets(scopeOf(ACME), {});
    env.fake.clearRequests();

    const before = env.source.stats().apiCalls;
    const lists = await env.source.commentsByTicketId(ACME.id, ids);

    expect(lists.flat()).toHaveLength(4_500);
    expect(lists.every((list) => list.length === 90 && list.every((comment, index) => comment.body === `Answer ${index}`))).toBe(true);
    // One query and two nextRecordsUrl pages of 2,000 rows.
    expect(env.source.stats().apiCalls - before).toBe(3);
    expect(env.fake.dataRequests().map((entry) => entry.path.replace(/\/query\/.*/, '/query/{locator}'))).toEqual([
      '/services/data/v62.0/query',
      '/services/data/v62.0/query/{locator}',
      '/services/data/v62.0/query/{locator}',
    ]);
  });

  test('12,000 comments over two chunks', async () => {
    const ids = addCasesWithComments(env.accounts.initech, 100, 120);
    const lists = await env.source.commentsByTicketId(INITECH.id, ids);
    expect(lists.flat()).toHaveLength(12_000);
    expect(new Set(lists.flat().map((comment) => comment.id)).size).toBe(12_000);
  });

  test('12,000 Cases pass maxFetch', async () => {
    env.fake.data.addCases(Array.from({ length: 12_000 }, (_, index) => ({ accountId: env.accounts.globex, subject: `Bulk ${index}` })));
    expect(await env.source.countTickets(scopeOf(GLOBEX), {})).toBe(12_000);

    const client = new SalesforceClient(env.config, env.logs.logger);
    const result = await client.query<{ Id: string }>(`SELECT Id FROM Case WHERE AccountId = '${env.accounts.globex}' ORDER BY Id`);
    expect(result.totalSize).toBe(12_000);
    expect(new Set(result.records.map((record) => record.Id)).size).toBe(12_000);
    expect(client.counters.apiCalls).toBe(6);
  });
});
