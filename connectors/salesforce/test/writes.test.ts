import { ConnectorInputError } from '../../errors';
import { portalAuthorLine } from '../case-records';
import { ACME, ALICE, BOB, GLOBEX, startTestEnvironment, type TestEnvironment } from './support';

const ERIN = { ...ALICE, id: 'contact-erin', email: 'erin@acme.example', name: 'Erin Evans' };

let env: TestEnvironment;

beforeEach(async () => {
  env = await startTestEnvironment();
  env.fake.data.addContacts([{ accountId: env.accounts.acme, firstName: 'Alice', lastName: 'Anderson', email: 'ALICE@acme.example' }]);
});

afterEach(async () => {
  await env.stop();
});

function caseRecord(id: string) {
  return env.fake.data.records('Case').find((record) => record.Id === id);
}

describe('createTicket', () => {
  test('links the Salesforce Contact', async () => {
    const ticket = await env.source.createTicket(ACME, ALICE, { subject: '  Printer broken  ', description: 'It smokes.', priority: 'HIGH' });

    expect(ticket).toMatchObject({ customerId: ACME.id, subject: 'Printer broken', description: 'It smokes.', status: 'NEW', priority: 'HIGH' });
    const contactId = env.fake.data.records('Contact')[0]?.Id;
    expect(caseRecord(ticket.id)).toMatchObject({
      AccountId: env.accounts.acme,
      ContactId: contactId,
      Origin: 'Customer Portal',
      Priority: 'High',
      SuppliedEmail: null,
      CreatedById: env.fake.users.integration.id,
    });

    // Account lookup, Contact lookup, POST, read-back.
    expect(env.source.stats().apiCalls).toBe(4);
    const listed = await env.source.ticketsByNumber(ACME.id, [ticket.number]);
    expect(listed[0]?.id).toBe(ticket.id);
  });

  test('supplies e-mail without Contact', async () => {
    const ticket = await env.source.createTicket(ACME, ERIN, { subject: 'Question', description: 'Hello', priority: 'MEDIUM' });
    expect(caseRecord(ticket.id)).toMatchObject({ ContactId: null, SuppliedEmail: 'erin@acme.example', SuppliedName: 'Erin Evans', Priority: 'Medium' });
  });

  test('configured origin and priority', async () => {
    const local = await startTestEnvironment({ env: { SALESFORCE_CASE_ORIGIN: 'Web', SALESFORCE_PRIORITY_MAP: 'Low=LOW,Normal=MEDIUM,Medium=MEDIUM,High=HIGH' } });
    try {
      const ticket = await local.source.createTicket(ACME, ALICE, { subject: 'Origin', description: 'Check', priority: 'MEDIUM' });
      expect(local.fake.data.records('Case').find((record) => record.Id === ticket.id)).toMatchObject({ Origin: 'Web', Priority: 'Normal' });
    } finally {
      await local.stop();
    }
  });

  test.each([
    ['subject', { subject: 'x'.repeat(256), description: 'ok', priority: 'LOW' }, /Subject is 256 characters long, but at most 255 fit/],
    ['description', { subject: 'ok', description: 'x'.repeat(32_001), priority: 'LOW' }, /Description is 32,001 characters long, but at most 32,000 fit/],
    ['subject', { subject: '   ', description: 'ok', priority: 'LOW' }, /Subject must not be empty/],
    ['priority', { subject: 'ok', description: 'ok', priority: 'URGENT' }, /Priority "URGENT" is not one of LOW, MEDIUM, HIGH/],
  ])('rejects invalid %s before calling', async (field, input, message) => {
    const failure = await env.source.createTicket(ACME, ALICE, input as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorInputError);
    expect((failure as ConnectorInputError).field).toBe(field);
    expect((failure as Error).message).toMatch(message);
    expect(env.source.stats()).toMatchObject({ apiCalls: 0, authCalls: 0 });
    expect(env.fake.requests()).toEqual([]);
  });

  test('accepts input at the limits', async () => {
    const ticket = await env.source.createTicket(ACME, ALICE, { subject: 's'.repeat(255), description: 'd'.repeat(32_000), priority: 'LOW' });
    expect(ticket.subject).toHaveLength(255);
    expect(ticket.description).toHaveLength(32_000);
  });

  test("refuses a contact of another customer", async () => {
    await expect(env.source.createTicket(ACME, BOB, { subject: 'x', description: 'y', priority: 'LOW' })).rejects.toThrow(/belongs to customer cust-globex/);
    expect(env.fake.requests()).toEqual([]);
  });
});

describe('addComment', () => {
  test('published comment with contact author', async () => {
    const [created] = env.fake.data.addCases([{ accountId: env.accounts.acme, subject: 'Open case' }]);

    const comment = await env.source.addComment(ACME, ALICE, created!.CaseNumber, '  Any news?  ');
    expect(comment).toMatchObject({ ticketId: created!.Id, authorName: 'Alice Anderson', fromSupport: false, body: 'Any news?' });

    const stored = env.fake.data.records('CaseComment').find((record) => record.Id === comment?.id);
    expect(stored).toMatchObject({ IsPublished: true, CommentBody: `${portalAuthorLine('Alice Anderson', 'alice@acme.example')}Any news?` });

    const [comments] = await env.source.commentsByTicketId(ACME.id, [created!.Id]);
    expect(comments).toEqual([comment]);
  });

  test("foreign ticket returns null", async () => {
    const [foreign] = env.fake.data.addCases([{ accountId: env.accounts.globex, subject: 'Globex case' }]);

    expect(await env.source.addComment(ACME, ALICE, foreign!.CaseNumber, 'Hello')).toBeNull();
    expect(env.fake.data.records('CaseComment')).toHaveLength(0);
    expect(env.fake.dataRequests().filter((entry) => entry.method === 'POST')).toHaveLength(0);

    expect(await env.source.addComment(GLOBEX, BOB, foreign!.CaseNumber, 'Hello')).not.toBeNull();
  });

  test('length includes the author line', async () => {
    const [created] = env.fake.data.addCases([{ accountId: env.accounts.acme, subject: 'Open case' }]);
    const room = 4_000 - portalAuthorLine(ALICE.name, ALICE.email).length;

    const failure = await env.source.addComment(ACME, ALICE, created!.CaseNumber, 'x'.repeat(room + 1)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorInputError);
    expect((failure as Error).message).toMatch(/including the line naming you as the author/);
    expect(env.fake.requests()).toEqual([]);

    const fitting = await env.source.addComment(ACME, ALICE, created!.CaseNumber, 'x'.repeat(room));
    expect(fitting?.body).toHaveLength(room);
  });

});
