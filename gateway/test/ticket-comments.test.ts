/**
 * Mutation.addTicketComment on the ERP ticket source, through HTTP, with
 * expectations read from the ERP tables.
 */
import type { TestClient } from './client';
import { TestClient as AnonymousClient, signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let dave: TestClient;

const ADD_COMMENT = `mutation Add($number: String!, $body: String!) {
  addTicketComment(ticketNumber: $number, body: $body) {
    comment { authorName fromSupport body createdAt }
    ticket { number updatedAt comments { body } }
  }
}`;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  dave = await signedInClient(server.baseUrl, 'dave@acme.example');
});

afterAll(async () => {
  await server.close();
});

/** Returns the number of a customer's newest case. */
async function caseNumberOf(customerNumber: string): Promise<string> {
  const [row] = await server.erpQuery<{ case_number: string }>(
    `SELECT c.case_number FROM erp_service_cases c JOIN erp_customers u ON u.id = c.customer_id
     WHERE u.customer_number = '${customerNumber}' ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
  );
  if (row === undefined) {
    throw new Error(`The demo data has no case for customer ${customerNumber}.`);
  }
  return row.case_number;
}

describe('Mutation.addTicketComment on the ERP', () => {
  test('adds a public comment by the viewer', async () => {
    const number = await caseNumberOf('C-10001');

    const response = await alice.graphql(ADD_COMMENT, { number, body: '\n The replacement part fits. \n' });

    expect(response.errors).toBeUndefined();
    const { comment, ticket } = response.data!['addTicketComment'];
    expect(comment).toMatchObject({ authorName: 'Alice Anderson', fromSupport: false, body: 'The replacement part fits.' });
    expect(ticket.number).toBe(number);
    expect(ticket.updatedAt).toBe(comment.createdAt);
    expect(ticket.comments.at(-1)).toEqual({ body: 'The replacement part fits.' });

    const rows = await server.erpQuery<Record<string, unknown>>(
      `SELECT m.author_name, m.from_support, m.is_public FROM erp_case_comments m JOIN erp_service_cases c ON c.id = m.case_id
       WHERE c.case_number = '${number}' ORDER BY m.id DESC LIMIT 1`,
    );
    expect(rows).toEqual([{ author_name: 'Alice Anderson', from_support: 0, is_public: 1 }]);
  });

  test('STANDARD role may comment', async () => {
    const number = await caseNumberOf('C-10001');

    const response = await dave.graphql(ADD_COMMENT, { number, body: 'Seen, thanks.' });

    expect(response.errors).toBeUndefined();
    expect(response.data!['addTicketComment'].comment.authorName).toMatch(/^Dave/);
  });

  test("another customer's ticket is NOT_FOUND", async () => {
    const number = await caseNumberOf('C-10002');
    const [before] = await server.erpQuery<{ n: number }>('SELECT COUNT(*) AS n FROM erp_case_comments');

    const response = await alice.graphql(ADD_COMMENT, { number, body: 'Hello Globex' });

    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'NOT_FOUND', argumentName: 'ticketNumber' }]);
    expect(await server.erpQuery('SELECT COUNT(*) AS n FROM erp_case_comments')).toEqual([before]);
  });

  test('unknown and overlong numbers are NOT_FOUND', async () => {
    for (const number of ['CS-999999999', '', 'CS-'.repeat(1_000)]) {
      const response = await alice.graphql(ADD_COMMENT, { number, body: 'Hello' });

      expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    }
  });

  test.each([
    ['empty', '', 'body must not be empty or only white space.'],
    ['blank', ' \n ', 'body must not be empty or only white space.'],
    ['too long', 'x'.repeat(4_001), 'body must be at most 4,000 characters after trimming, got 4,001.'],
    ['NUL character', 'before\u0000after', 'body contains the control character U+0000 at index 6. Remove it; tab, line feed and carriage return are the only control characters allowed.'],
  ])('%s body is BAD_USER_INPUT', async (_case, body, message) => {
    const number = await caseNumberOf('C-10001');
    server.erpStatements.length = 0;

    const response = await alice.graphql(ADD_COMMENT, { number, body });

    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName: 'body' } })]);
    // The session's contact and customer are read; no case or comment is.
    expect(server.erpStatements.filter((statement) => /erp_service_cases|erp_case_comments/.test(statement.sql))).toEqual([]);
  });

  test('needs a session', async () => {
    const anonymous = new AnonymousClient(server.baseUrl);

    const response = await anonymous.graphql(ADD_COMMENT, { number: await caseNumberOf('C-10001'), body: 'Hi' });

    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
  });
});
