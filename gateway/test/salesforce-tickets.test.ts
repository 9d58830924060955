/**
 * Tickets from Salesforce through HTTP GraphQL: which Cases each customer
 * can read, the comments that reach the portal, and the two writes. The read cache is on,
 * so these tests also show that cached results never cross customers.
 */
import type { GraphQLResponse, TestClient } from './client';
import { signedInClient } from './client';
import { countCalls, startSalesforceGateway, type SalesforceGateway } from './salesforce';

let gateway: SalesforceGateway;
let alice: TestClient;
let bob: TestClient;

const ADD_COMMENT = `mutation Add($number: String!, $body: String!) {
  addTicketComment(ticketNumber: $number, body: $body) {
    comment { id authorName fromSupport body createdAt }
    ticket { number comments { body } }
  }
}`;

beforeAll(async () => {
  gateway = await startSalesforceGateway({ env: { SALESFORCE_CACHE_TTL_SECONDS: '60' } });
  alice = await signedInClient(gateway.server.baseUrl, 'alice@acme.example');
  bob = await signedInClient(gateway.server.baseUrl, 'bob@globex.example');
});

afterAll(async () => {
  await gateway?.close();
});

/** Case numbers on one Account, read from the fake's store. */
function caseNumbersOf(accountId: string): string[] {
  return gateway.fake.data
    .records('Case')
    .filter((record) => record['AccountId'] === accountId)
    .map((record) => String(record['CaseNumber']))
    .sort();
}

async function ticketNumbers(client: TestClient): Promise<string[]> {
  const response = await client.graphql('{ tickets(first: 100) { totalCount edges { node { number } } } }');
  expect(response.errors).toBeUndefined();
  const numbers = (response.data!['tickets'].edges as { node: { number: string } }[]).map((edge) => edge.node.number);
  expect(response.data!['tickets'].totalCount).toBe(numbers.length);
  return numbers.sort();
}

describe('customer isolation', () => {
  test('each customer lists only its Account', async () => {
    // Bob reads first, so a cache that ignored the Account would hand his page to Alice.
    const bobs = await ticketNumbers(bob);
    const alices = await ticketNumbers(alice);

    expect(bobs).toEqual(caseNumbersOf(gateway.accounts.globex));
    expect(alices).toEqual(caseNumbersOf(gateway.accounts.acme));
    expect(alices.filter((number) => bobs.includes(number))).toEqual([]);
  });

  test("another Account's case by number is null", async () => {
    const [bobsCase] = caseNumbersOf(gateway.accounts.globex);
    expect((await bob.graphql('query T($n: String!) { ticket(number: $n) { number } }', { n: bobsCase })).data?.['ticket']).toEqual({ number: bobsCase });

    const response = await alice.graphql(
      'query T($n: String!) { ticket(number: $n) { number subject } tickets(filter: { search: $n }) { totalCount edges { node { number } } } }',
      { n: bobsCase },
    );

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ ticket: null, tickets: { totalCount: 0, edges: [] } });
  });

  test("comment on another Account's case is NOT_FOUND", async () => {
    const [bobsCase] = caseNumbersOf(gateway.accounts.globex);
    const commentsBefore = gateway.fake.data.records('CaseComment').length;

    const response = await alice.graphql(ADD_COMMENT, { number: bobsCase, body: 'Trying to write into Globex' });

    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(response.errors?.[0]?.message).toBe(`No ticket of your company has the number "${bobsCase}". Check the number in the ticket list.`);
    expect(gateway.fake.data.records('CaseComment')).toHaveLength(commentsBefore);
  });
});

describe('comments from Salesforce', () => {
  test('unpublished comments never appear', async () => {
    const response = await alice.graphql('{ tickets(first: 100) { edges { node { number comments { body fromSupport authorName } } } } }');
    expect(response.errors).toBeUndefined();
    const listedBodies = (response.data!['tickets'].edges as { node: { comments: { body: string }[] } }[]).flatMap((edge) => edge.node.comments.map((comment) => comment.body));

    const acmeCaseIds = new Set(gateway.fake.data.records('Case').filter((record) => record['AccountId'] === gateway.accounts.acme).map((record) => record['Id']));
    const stored = gateway.fake.data.records('CaseComment').filter((record) => acmeCaseIds.has(record['ParentId']));
    const internal = stored.filter((record) => record['IsPublished'] === false).map((record) => String(record['CommentBody']));

    expect(internal.length).toBeGreaterThan(0);
    expect(listedBodies.filter((body) => internal.includes(body))).toEqual([]);
    expect(listedBodies).toHaveLength(stored.length - internal.length);
  });

  test('portal comment shows its contact as author', async () => {
    const response = await alice.graphql('{ tickets(first: 100) { edges { node { comments { body fromSupport authorName } } } } }');
    const comments = (response.data!['tickets'].edges as { node: { comments: Record<string, unknown>[] } }[]).flatMap((edge) => edge.node.comments);

    expect(comments).toContainEqual({ body: 'The order was PO-7781, if that helps.', fromSupport: false, authorName: 'Alice Anderson' });
    expect(comments.filter((comment) => String(comment['body']).startsWith('[Customer portal]'))).toEqual([]);
  });
});

describe('writes to Salesforce', () => {
  test('addTicketComment adds a published CaseComment', async () => {
    const [number] = caseNumbersOf(gateway.accounts.acme);

    let response: GraphQLResponse | undefined;
    const calls = await countCalls(gateway, async () => {
      response = await alice.graphql(ADD_COMMENT, { number, body: '  Any update on this?  ' });
    });

    expect(response?.errors).toBeUndefined();
    const payload = response!.data!['addTicketComment'];
    expect(payload.comment).toMatchObject({ authorName: 'Alice Anderson', fromSupport: false, body: 'Any update on this?' });
    expect(payload.ticket.number).toBe(number);
    expect(payload.ticket.comments.at(-1)).toEqual({ body: 'Any update on this?' });

    const stored = gateway.fake.data.records('CaseComment').at(-1);
    expect(stored?.['IsPublished']).toBe(true);
    expect(stored?.['CommentBody']).toBe('[Customer portal] Alice Anderson <alice@acme.example> wrote:\n\nAny update on this?');
    // Case lookup, create and read-back, then the payload's ticket and its comments.
    expect(calls).toEqual({ apiCalls: 5, authCalls: 0, logged: 5 });
  });

  test('comment too long for Salesforce costs no call', async () => {
    const [number] = caseNumbersOf(gateway.accounts.acme);

    // 4,000 characters pass the gateway's check, but the author line leaves less room in Salesforce.
    for (const length of [4_000, 4_001]) {
      let response: GraphQLResponse | undefined;
      const calls = await countCalls(gateway, async () => {
        response = await alice.graphql(ADD_COMMENT, { number, body: 'x'.repeat(length) });
      });

      expect(response?.data).toBeNull();
      expect(response?.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argumentName: 'body' }]);
      expect(calls.logged).toBe(0);
    }
  });

  test('createTicket creates a Case for the Contact', async () => {
    const response = await alice.graphql(
      'mutation { createTicket(input: { subject: "Forklift manual missing", description: "Please send the PDF.", priority: HIGH }) { ticket { number status priority subject } } }',
    );

    expect(response.errors).toBeUndefined();
    const ticket = response.data!['createTicket'].ticket;
    expect(ticket).toMatchObject({ status: 'NEW', priority: 'HIGH', subject: 'Forklift manual missing' });

    const stored = gateway.fake.data.records('Case').find((record) => record['CaseNumber'] === ticket.number);
    const aliceContact = gateway.fake.data.records('Contact').find((record) => record['Email'] === 'alice@acme.example');
    expect(stored).toMatchObject({ AccountId: gateway.accounts.acme, ContactId: aliceContact?.['Id'], Origin: 'Customer Portal', Priority: 'High' });

    // The write bumps the Account's cache generation, so the list shows the Case at once.
    expect(await ticketNumbers(alice)).toContain(ticket.number);
  });
});
