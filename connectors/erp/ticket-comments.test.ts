import type { Contact, Customer } from '../domain';
import { ConnectorInputError } from '../errors';
import { COMMENT_MAX_LENGTH } from './ticket-comments';
import { BUSINESS_DATE, EDGE_CUSTOMER_ID, TEST_NOW, describeErpContract } from './test/fixture';

const EDGE_CUSTOMER: Customer = { id: EDGE_CUSTOMER_ID, number: 'C-90001', name: 'Edge Cases Ltd', currency: 'USD', salesforceAccountId: null };
const EDGE_CONTACT: Contact = { id: '100', customerId: EDGE_CUSTOMER_ID, email: 'edge.admin@edge.example', name: 'Edge Admin', role: 'ADMIN', portalAccess: true };

describeErpContract('ticket comments', (fixture) => {
  const tickets = () => fixture().erp.tickets;

  async function commentsOf(ticketNumber: string, customerId = EDGE_CUSTOMER_ID) {
    const [ticket] = await tickets().ticketsByNumber(customerId, [ticketNumber]);
    if (!ticket) {
      throw new Error(`Test data has no ticket ${ticketNumber} for customer ${customerId}.`);
    }
    const [comments] = await tickets().commentsByTicketId(customerId, [ticket.id]);
    return { ticket, comments: comments ?? [] };
  }

  test('addComment appends a public customer comment', async () => {
    const before = await commentsOf('CS-EDGE-4');

    const added = await tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-EDGE-4', '  The part arrived, thanks.\n');

    expect(added).toEqual({
      id: added?.id,
      ticketId: before.ticket.id,
      authorName: 'Edge Admin',
      fromSupport: false,
      body: 'The part arrived, thanks.',
      createdAt: TEST_NOW.toISOString(),
    });
    const after = await commentsOf('CS-EDGE-4');
    expect(after.comments).toEqual([...before.comments, added]);
  });

  test('addComment moves updated_at to the comment', async () => {
    await tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-EDGE-3', 'Still waiting.');

    const { ticket } = await commentsOf('CS-EDGE-3');
    expect(ticket.updatedAt).toBe(TEST_NOW.toISOString());
    expect(ticket.createdAt).toBe('2026-11-01T00:00:00.000Z');
  });

  test('addComment accepts exactly the maximum length', async () => {
    const body = 'x'.repeat(COMMENT_MAX_LENGTH);

    const added = await tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-EDGE-2', body);

    expect(added?.body).toBe(body);
  });

  test('addComment returns null for an unknown number', async () => {
    const { result, statements } = await fixture().withStatements(() => tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-NONE-1', 'Hello'));

    expect(result).toBeNull();
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((statement) => /^\s*(insert|update)/i.test(statement.sql))).toEqual([]);
  });

  test("addComment treats another customer's case as missing", async () => {
    const page = await tickets().listTickets(
      { customerId: '1', asOf: BUSINESS_DATE },
      { filter: {}, orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 1, after: null },
    );
    const foreign = page.items[0]?.node;
    if (!foreign) {
      throw new Error('Demo customer 1 has no tickets in the fixture.');
    }
    const [before] = await tickets().commentsByTicketId('1', [foreign.id]);

    const added = await tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, foreign.number, 'Not mine');

    expect(added).toBeNull();
    expect(await tickets().commentsByTicketId('1', [foreign.id])).toEqual([before]);
    expect((await tickets().ticketsByNumber('1', [foreign.number]))[0]?.updatedAt).toBe(foreign.updatedAt);
  });

  test.each([
    ['an empty', ''],
    ['a blank', ' \n\t '],
    ['a 4,001-character', 'y'.repeat(COMMENT_MAX_LENGTH + 1)],
    ['a NUL-containing', 'before\u0000after'],
  ])('addComment rejects %s body before any SQL', async (_case, body) => {
    const { result, statements } = await fixture().withStatements(() =>
      tickets()
        .addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-EDGE-1', body)
        .then(
          () => null,
          (error: unknown) => error,
        ),
    );

    expect(result).toBeInstanceOf(ConnectorInputError);
    expect((result as ConnectorInputError).field).toBe('body');
    expect(statements).toEqual([]);
  });

  test('addComment names the length in its message', async () => {
    const request = tickets().addComment(EDGE_CUSTOMER, EDGE_CONTACT, 'CS-EDGE-1', 'z'.repeat(4_321));

    await expect(request).rejects.toThrow('Comment is 4,321 characters long, but at most 4,000 fit. Shorten it.');
  });

  test('addComment rejects a contact of another customer', async () => {
    const request = tickets().addComment({ ...EDGE_CUSTOMER, id: '1' }, EDGE_CONTACT, 'CS-EDGE-1', 'Hello');

    await expect(request).rejects.toThrow('belongs to customer 100, not to customer 1');
  });
});
