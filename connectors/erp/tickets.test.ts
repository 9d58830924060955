import type { Contact, Customer, Ticket } from '../domain';
import type { SortDirection, TicketFilter, TicketSortField } from '../sources';
import { runWorkers } from '../test/workers';
import { CASE_PRIORITIES, CASE_STATUSES } from './contract';
import { createErpConnector } from './index';
import { BUSINESS_DATE, EDGE_CUSTOMER_ID, TEST_NOW, describeErpContract } from './test/fixture';
import {
  collectPages,
  compareRank,
  compareText,
  referenceComments,
  referenceOrder,
  referenceTickets,
  type ReferenceSort,
} from './test/reference';
import { caseNumberForId } from './tickets';

const SORTS: Record<TicketSortField, ReferenceSort<Ticket>> = {
  NUMBER: { value: (ticket) => ticket.number, compare: compareText },
  CREATED_AT: { value: (ticket) => ticket.createdAt, compare: compareText },
  UPDATED_AT: { value: (ticket) => ticket.updatedAt, compare: compareText },
  STATUS: { value: (ticket) => ticket.status, compare: compareRank(CASE_STATUSES) },
  PRIORITY: { value: (ticket) => ticket.priority, compare: compareRank(CASE_PRIORITIES) },
};

const SORT_CASES = (Object.keys(SORTS) as TicketSortField[]).flatMap((field) =>
  (['ASC', 'DESC'] as SortDirection[]).map((direction) => [field, direction] as const),
);

const EDGE_CUSTOMER: Customer = { id: EDGE_CUSTOMER_ID, number: 'C-90001', name: 'Edge Cases Ltd', currency: 'USD', salesforceAccountId: null };
const EDGE_CONTACT: Contact = { id: '100', customerId: EDGE_CUSTOMER_ID, email: 'edge.admin@edge.example', name: 'Edge Admin', role: 'ADMIN', portalAccess: true };

describeErpContract('tickets', (fixture) => {
  const scopeOf = (customerId: string) => ({ customerId, asOf: BUSINESS_DATE });

  async function ticketsOf(customerId: string): Promise<Ticket[]> {
    return (await referenceTickets(fixture().database)).filter((ticket) => ticket.customerId === customerId);
  }

  async function listAll(customerId: string, filter: TicketFilter): Promise<Ticket[]> {
    const pages = await collectPages((after) =>
      fixture().erp.tickets.listTickets(scopeOf(customerId), { filter, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, first: 100, after }),
    );
    return pages.flatMap((page) => page.items.map((item) => item.node));
  }

  describe.each(['1', EDGE_CUSTOMER_ID])('customer %s', (customerId) => {
    test.each(SORT_CASES)('list sorted by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(await ticketsOf(customerId), SORTS[field], direction);
      const pageSize = customerId === EDGE_CUSTOMER_ID ? 1 : 4;

      const pages = await collectPages((after) =>
        fixture().erp.tickets.listTickets(scopeOf(customerId), { filter: {}, orderBy: { field, direction }, first: pageSize, after }),
      );
      const items = pages.flatMap((page) => page.items);

      expect(items.map((item) => item.node)).toEqual(expected);
      expect(items.map((item) => item.key)).toEqual(expected.map((ticket) => ({ value: SORTS[field].value(ticket), id: ticket.id })));
      expect(pages[pages.length - 1]?.hasNextPage).toBe(false);
    });
  });

  const FILTER_CASES: [string, TicketFilter, (ticket: Ticket) => boolean][] = [
    ['one status', { status: ['CLOSED'] }, (ticket) => ticket.status === 'CLOSED'],
    ['open statuses', { status: ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER'] }, (ticket) => ticket.status !== 'CLOSED'],
    ['priority', { priority: 'MEDIUM' }, (ticket) => ticket.priority === 'MEDIUM'],
    ['search in subject, other case', { search: 'DELIVERY' }, (ticket) => ticket.subject.toLowerCase().includes('delivery')],
    ['search in number', { search: 'CS-10000' }, (ticket) => ticket.number.includes('CS-10000')],
  ];

  test.each(FILTER_CASES)('filter %s matches list and count', async (_name, filter, predicate) => {
    const expected = (await ticketsOf('1')).filter(predicate).map((ticket) => ticket.id).sort();

    const listed = await listAll('1', filter);
    const count = await fixture().erp.tickets.countTickets(scopeOf('1'), filter);

    expect(listed.map((ticket) => ticket.id).sort()).toEqual(expected);
    expect(count).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  test('search is literal for percent signs', async () => {
    const listed = await listAll(EDGE_CUSTOMER_ID, { search: '50%' });

    expect(listed.map((ticket) => ticket.number)).toEqual(['CS-EDGE-1']);
  });

  test('empty status list matches no ticket', async () => {
    expect(await fixture().erp.tickets.countTickets(scopeOf('1'), { status: [] })).toBe(0);
  });

  test('instants keep their exact UTC value in any process time zone', async () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['Asia/Kolkata', 'America/St_Johns']) {
        process.env.TZ = zone;
        const [first, second] = await fixture().erp.tickets.ticketsByNumber(EDGE_CUSTOMER_ID, ['CS-EDGE-4', 'CS-EDGE-2']);
        expect([zone, first?.createdAt, first?.updatedAt]).toEqual([zone, '2026-10-31T23:59:59.999Z', '2026-11-01T00:00:00.000Z']);
        expect([zone, second?.closedAt]).toEqual([zone, '2026-11-21T08:30:00.250Z']);
      }
    } finally {
      process.env.TZ = previous;
    }
  });

  test('ticketsByNumber keeps key order and isolates customers', async () => {
    const [own] = await ticketsOf('2');
    const [foreign] = await ticketsOf('1');

    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.tickets.ticketsByNumber('2', ['CS-0', own?.number ?? '', foreign?.number ?? '']),
    );

    expect(result).toEqual([null, own, null]);
    expect(statements).toHaveLength(1);
  });

  test('comments are public only, oldest first, per key', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.tickets.commentsByTicketId(EDGE_CUSTOMER_ID, ['9202', '9201', 'bad']),
    );

    expect(result[0]).toEqual([]);
    expect(result[1]?.map((comment) => [comment.body, comment.fromSupport, comment.authorName])).toEqual([
      ['first public', false, 'Edge Admin'],
      ['second public', true, 'Support'],
    ]);
    expect(result[2]).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  test('comments of demo tickets match the public reference comments', async () => {
    const tickets = await ticketsOf('1');
    const comments = await referenceComments(fixture().database);
    const ids = tickets.map((ticket) => ticket.id);

    const result = await fixture().erp.tickets.commentsByTicketId('1', ids);

    for (const [index, id] of ids.entries()) {
      const expected = comments
        .filter((comment) => comment.ticketId === id && comment.isPublic)
        .sort((a, b) => compareText(a.createdAt, b.createdAt) || Number(BigInt(a.id) - BigInt(b.id)));
      expect(result[index]?.map((comment) => comment.id)).toEqual(expected.map((comment) => comment.id));
    }
    expect(comments.some((comment) => !comment.isPublic && tickets.some((ticket) => ticket.id === comment.ticketId))).toBe(true);
  });

  test('comments of another customer ticket are not returned', async () => {
    expect(await fixture().erp.tickets.commentsByTicketId('1', ['9201'])).toEqual([[]]);
  });

  test('empty key lists send no statement', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      Promise.all([fixture().erp.tickets.ticketsByNumber('1', []), fixture().erp.tickets.commentsByTicketId('1', [])]),
    );

    expect(result).toEqual([[], []]);
    expect(statements).toHaveLength(0);
  });

  test('createTicket inserts a NEW case numbered from its id', async () => {
    const created = await fixture().erp.tickets.createTicket(EDGE_CUSTOMER, EDGE_CONTACT, {
      subject: 'Printer on fire',
      description: 'Please send help.',
      priority: 'HIGH',
    });

    expect(created).toEqual({
      id: created.id,
      customerId: EDGE_CUSTOMER_ID,
      number: caseNumberForId(created.id),
      subject: 'Printer on fire',
      description: 'Please send help.',
      status: 'NEW',
      priority: 'HIGH',
      createdAt: TEST_NOW.toISOString(),
      updatedAt: TEST_NOW.toISOString(),
      closedAt: null,
    });
    expect(await fixture().erp.tickets.ticketsByNumber(EDGE_CUSTOMER_ID, [created.number])).toEqual([created]);
  });

  test('createTicket rejects a contact of another customer', async () => {
    const request = fixture().erp.tickets.createTicket({ ...EDGE_CUSTOMER, id: '1' }, EDGE_CONTACT, { subject: 's', description: 'd', priority: 'LOW' });

    await expect(request).rejects.toThrow('belongs to customer 100, not to customer 1');
  });

  test('createTicket numbers stay unique under concurrent inserts', async () => {
    const perWriter = 12;
    let created: string[];

    if (fixture().engine === 'postgres') {
      // Two pools stand for two gateway processes, and each sends its inserts at once.
      const other = createErpConnector(fixture().test.openAnother());
      const writers = [fixture().erp, other].map((erp) =>
        Promise.all(
          Array.from({ length: perWriter }, (_, index) =>
            erp.tickets.createTicket(EDGE_CUSTOMER, EDGE_CONTACT, { subject: `Concurrent ${index}`, description: 'd', priority: 'LOW' }),
          ),
        ),
      );
      created = (await Promise.all(writers)).flat().map((ticket) => `${ticket.id}:${ticket.number}`);
    } else {
      // SQLite serialises writers per connection, so real concurrency needs separate processes.
      const task = { kind: 'create-tickets' as const, url: fixture().test.url, count: perWriter, customer: EDGE_CUSTOMER, contact: EDGE_CONTACT };
      created = (await runWorkers<string[]>([task, task])).flat();
    }

    const numbers = created.map((entry) => entry.split(':')[1]);
    expect(new Set(numbers).size).toBe(perWriter * 2);
    for (const entry of created) {
      const [id = '', number] = entry.split(':');
      expect(number).toBe(caseNumberForId(id));
    }
    expect(await fixture().erp.tickets.countTickets(scopeOf(EDGE_CUSTOMER_ID), { search: 'Concurrent' })).toBe(fixture().engine === 'postgres' ? perWriter * 2 : 0);
    expect(await fixture().erp.tickets.countTickets(scopeOf(EDGE_CUSTOMER_ID), { search: 'Worker' })).toBe(fixture().engine === 'sqlite' ? perWriter * 2 : 0);
  }, 60_000);
});
