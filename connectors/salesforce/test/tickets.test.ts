import type { Ticket } from '../../domain';
import { ConnectorInputError } from '../../errors';
import type { TicketFilter, TicketSortField, SortDirection } from '../../sources';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../config';
import type { InsertedCase } from '../fake/data';
import { AccountNotLinkedError } from '../ticket-writes';
import { ACME, ALICE, GLOBEX, INITECH, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

const HOOLI = { id: 'cust-hooli', number: 'C-99999', name: 'Hooli', currency: 'USD', salesforceAccountId: null };
const HOOLI_CONTACT = { ...ALICE, id: 'contact-hooli', customerId: HOOLI.id, email: 'gavin@hooli.example' };

let env: TestEnvironment;
let acmeCases: InsertedCase[];
let globexCases: InsertedCase[];

beforeAll(async () => {
  env = await startTestEnvironment({ customers: [ACME, GLOBEX, INITECH, HOOLI] });
  const acme = env.accounts.acme;
  const day = (n: number, hour = 9) => `2026-03-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

  acmeCases = env.fake.data.addCases([
    { accountId: acme, subject: 'Printer jam', status: 'New', priority: 'High', createdDate: day(1), lastModifiedDate: day(20) },
    { accountId: acme, subject: '100% of boxes damaged', status: 'Working', priority: 'Medium', createdDate: day(2), lastModifiedDate: day(3) },
    { accountId: acme, subject: '1000 boxes late', status: 'Escalated', priority: 'Low', createdDate: day(2), lastModifiedDate: day(25) },
    { accountId: acme, subject: 'under_score in invoice', status: 'Waiting on Customer', priority: null, createdDate: day(5), lastModifiedDate: day(5) },
    { accountId: acme, subject: 'underXscore typo', status: 'Closed', priority: 'Low', createdDate: day(6), lastModifiedDate: day(7) },
    { accountId: acme, subject: "O'Reilly order", status: 'On Hold', priority: 'Urgent', createdDate: day(10), lastModifiedDate: day(11) },
    { accountId: acme, subject: 'Resolved elsewhere', status: 'Resolved', isClosed: true, priority: 'High', createdDate: day(28), lastModifiedDate: day(29) },
    { accountId: acme, subject: 'Same minute A', status: 'New', priority: 'Medium', createdDate: day(30), lastModifiedDate: day(30) },
    { accountId: acme, subject: 'Same minute B', status: 'Working', priority: 'High', createdDate: day(30), lastModifiedDate: day(30) },
  ]);
  globexCases = env.fake.data.addCases([
    { accountId: env.accounts.globex, subject: 'Globex secret', status: 'New', priority: 'High', createdDate: day(12) },
    { accountId: env.accounts.globex, subject: 'Printer jam', status: 'Working', priority: 'High', createdDate: day(13) },
  ]);

  env.fake.data.addComments([
    { caseId: acmeCases[0]!.Id, body: 'We are on it.', createdDate: day(2) },
    { caseId: acmeCases[0]!.Id, body: 'Internal: printer model is EOL', published: false, createdDate: day(3) },
    {
      caseId: acmeCases[0]!.Id,
      body: '[Customer portal] Alice Anderson <alice@acme.example> wrote:\n\nStill jammed.',
      createdById: env.fake.users.integration.id,
      createdDate: day(4),
    },
    { caseId: globexCases[0]!.Id, body: 'Globex only', createdDate: day(12) },
  ]);
});

afterAll(async () => {
  await env.stop();
});

async function listAll(field: TicketSortField, direction: SortDirection, first: number, filter: TicketFilter = {}): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  let after = null;
  for (let page = 0; page < 50; page += 1) {
    const result = await env.source.listTickets(scopeOf(ACME), { filter, orderBy: { field, direction }, first, after });
    tickets.push(...result.items.map((item) => item.node));
    const last = result.items.at(-1);
    if (!result.hasNextPage || last === undefined) {
      return tickets;
    }
    after = last.key;
  }
  throw new Error('too many pages');
}

function expectedOrder(tickets: Ticket[], field: TicketSortField, direction: SortDirection): string[] {
  const rank = (ticket: Ticket): string | number => {
    switch (field) {
      case 'NUMBER':
        return ticket.number;
      case 'CREATED_AT':
        return ticket.createdAt;
      case 'UPDATED_AT':
        return ticket.updatedAt;
      case 'STATUS':
        return TICKET_STATUSES.indexOf(ticket.status);
      case 'PRIORITY':
        return TICKET_PRIORITIES.indexOf(ticket.priority);
    }
  };
  const sign = direction === 'ASC' ? 1 : -1;
  return [...tickets]
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      if (ra !== rb) {
        return ra < rb ? -sign : sign;
      }
      if (a.id === b.id) {
        return 0;
      }
      return a.id < b.id ? -sign : sign;
    })
    .map((ticket) => ticket.number);
}

describe('listTickets', () => {
  test('viewer Account cases only', async () => {
    const tickets = await listAll('CREATED_AT', 'ASC', 100);
    expect(tickets).toHaveLength(acmeCases.length);
    expect(tickets.map((ticket) => ticket.subject)).not.toContain('Globex secret');

    const first = tickets[0]!;
    expect(first).toEqual({
      id: acmeCases[0]!.Id,
      customerId: ACME.id,
      number: acmeCases[0]!.CaseNumber,
      subject: 'Printer jam',
      description: '',
      status: 'NEW',
      sourceStatus: 'New',
      priority: 'HIGH',
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-20T09:00:00.000Z',
      closedAt: null,
    });
  });

  const sorts: [TicketSortField, SortDirection][] = [];
  for (const field of ['NUMBER', 'CREATED_AT', 'UPDATED_AT', 'STATUS', 'PRIORITY'] as const) {
    for (const direction of ['ASC', 'DESC'] as const) {
      sorts.push([field, direction]);
    }
  }

  test.each(sorts)('pages by %s %s', async (field, direction) => {
    const all = await listAll('CREATED_AT', 'ASC', 100);
    const paged = await listAll(field, direction, 2);
    expect(paged.map((ticket) => ticket.number)).toEqual(expectedOrder(all, field, direction));
  });

  test('status filter with fallbacks', async () => {
    const closed = await listAll('NUMBER', 'ASC', 100, { status: ['CLOSED'] });
    expect(closed.map((ticket) => ticket.sourceStatus).sort()).toEqual(['Closed', 'Resolved']);

    const working = await listAll('NUMBER', 'ASC', 100, { status: ['IN_PROGRESS'] });
    expect(working.map((ticket) => ticket.sourceStatus).sort()).toEqual(['Escalated', 'On Hold', 'Working', 'Working']);

    const mixed = await listAll('STATUS', 'ASC', 1, { status: ['NEW', 'WAITING_ON_CUSTOMER'] });
    expect(mixed.map((ticket) => ticket.status)).toEqual(['NEW', 'NEW', 'WAITING_ON_CUSTOMER']);
  });

  test('priority filter with fallbacks', async () => {
    const medium = await listAll('NUMBER', 'ASC', 100, { priority: 'MEDIUM' });
    expect(medium.map((ticket) => ticket.subject).sort()).toEqual(["O'Reilly order", '100% of boxes damaged', 'Same minute A', 'under_score in invoice'].sort());
  });

  test('search matches literally', async () => {
    const subjects = async (search: string) => (await listAll('NUMBER', 'ASC', 100, { search })).map((ticket) => ticket.subject);

    expect(await subjects('100%')).toEqual(['100% of boxes damaged']);
    expect(await subjects('under_score')).toEqual(['under_score in invoice']);
    expect(await subjects("o'reilly")).toEqual(["O'Reilly order"]);
    expect(await subjects(acmeCases[4]!.CaseNumber.slice(-2))).toContain('underXscore typo');
    expect(await subjects('x'.repeat(300))).toEqual([]);
  });

  test('count agrees with list', async () => {
    const filters: TicketFilter[] = [{}, { status: ['CLOSED'] }, { status: ['IN_PROGRESS', 'NEW'] }, { priority: 'MEDIUM' }, { search: 'boxes' }];
    for (const filter of filters) {
      const listed = await listAll('NUMBER', 'ASC', 100, filter);
      expect(await env.source.countTickets(scopeOf(ACME), filter)).toBe(listed.length);
    }
  });

  test('rejects invalid cursors', async () => {
    const request = (after: { value: string | null; id: string }, field: TicketSortField = 'CREATED_AT') =>
      env.source.listTickets(scopeOf(ACME), { filter: {}, orderBy: { field, direction: 'ASC' }, first: 5, after });

    await expect(request({ value: "2026-01-01T00:00:00Z' OR Id != null", id: acmeCases[0]!.Id })).rejects.toThrow(ConnectorInputError);
    await expect(request({ value: '2026-01-01T00:00:00.000Z', id: "x' OR Id != '" })).rejects.toThrow(ConnectorInputError);
    await expect(request({ value: 'SOMETIMES', id: acmeCases[0]!.Id }, 'STATUS')).rejects.toThrow(ConnectorInputError);
  });
});

describe('unknown values', () => {
  test('fallback, counted and logged', async () => {
    const [onHold] = await env.source.ticketsByNumber(ACME.id, [acmeCases[5]!.CaseNumber]);
    expect(onHold).toMatchObject({ status: 'IN_PROGRESS', sourceStatus: 'On Hold', priority: 'MEDIUM' });

    const [resolved] = await env.source.ticketsByNumber(ACME.id, [acmeCases[6]!.CaseNumber]);
    expect(resolved).toMatchObject({ status: 'CLOSED', sourceStatus: 'Resolved' });

    const unknown = env.source.stats().unknownValues;
    expect(unknown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', value: 'On Hold' }),
        expect.objectContaining({ field: 'status', value: 'Resolved' }),
        expect.objectContaining({ field: 'priority', value: 'Urgent' }),
      ]),
    );

    const warnings = env.logs.lines.filter((line) => line.level === 40 && line.field === 'status');
    expect(warnings.map((line) => line.value)).toEqual(expect.arrayContaining(['On Hold', 'Resolved']));
  });
});

describe('ticketsByNumber', () => {
  test('key order with nulls', async () => {
    const numbers = [acmeCases[2]!.CaseNumber, 'NOPE', globexCases[0]!.CaseNumber, acmeCases[0]!.CaseNumber, acmeCases[2]!.CaseNumber, ''];
    const tickets = await env.source.ticketsByNumber(ACME.id, numbers);
    expect(tickets.map((ticket) => ticket?.subject ?? null)).toEqual(['1000 boxes late', null, null, 'Printer jam', '1000 boxes late', null]);
  });

  test('empty batch sends nothing', async () => {
    const before = env.source.stats().apiCalls;
    expect(await env.source.ticketsByNumber(ACME.id, [])).toEqual([]);
    expect(await env.source.commentsByTicketId(ACME.id, [])).toEqual([]);
    expect(env.source.stats().apiCalls).toBe(before);
  });
});

describe('commentsByTicketId', () => {
  test('published comments, oldest first', async () => {
    const [comments] = await env.source.commentsByTicketId(ACME.id, [acmeCases[0]!.Id]);
    expect(comments).toEqual([
      expect.objectContaining({ body: 'We are on it.', authorName: 'Sam Rivera', fromSupport: true, ticketId: acmeCases[0]!.Id }),
      expect.objectContaining({ body: 'Still jammed.', authorName: 'Alice Anderson', fromSupport: false }),
    ]);
    expect(JSON.stringify(comments)).not.toContain('Internal');
  });

  test("never returns another Account's comments", async () => {
    const lists = await env.source.commentsByTicketId(ACME.id, [globexCases[0]!.Id, 'not-an-id', acmeCases[1]!.Id]);
    expect(lists).toEqual([[], [], []]);

    const [own] = await env.source.commentsByTicketId(GLOBEX.id, [globexCases[0]!.Id]);
    expect(own?.map((comment) => comment.body)).toEqual(['Globex only']);
  });
});

describe('ticketCounts', () => {
  test('open, closed and recent', async () => {
    // Closed: Closed and Resolved. Recent (2026-03-02 to 2026-03-31): all but the case of 1 March.
    expect(await env.source.ticketCounts(scopeOf(ACME, '2026-03-31'))).toEqual({ open: 7, closed: 2, recent: 8 });
    expect(await env.source.ticketCounts(scopeOf(ACME, '2026-03-05'))).toEqual({ open: 7, closed: 2, recent: 4 });
    expect(await env.source.ticketCounts(scopeOf(INITECH))).toEqual({ open: 0, closed: 0, recent: 0 });
  });
});

describe('customer without a Salesforce Account', () => {
  test('sees nothing, creates nothing', async () => {
    const scope = scopeOf(HOOLI);
    expect(await env.source.listTickets(scope, { filter: {}, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, first: 10, after: null })).toEqual({
      items: [],
      hasNextPage: false,
    });
    expect(await env.source.countTickets(scope, {})).toBe(0);
    expect(await env.source.ticketsByNumber(HOOLI.id, [acmeCases[0]!.CaseNumber])).toEqual([null]);
    expect(await env.source.ticketCounts(scope)).toEqual({ open: 0, closed: 0, recent: 0 });

    const casesBefore = env.fake.data.records('Case').length;
    await expect(env.source.createTicket(HOOLI, HOOLI_CONTACT, { subject: 'Hi', description: 'Help', priority: 'LOW' })).rejects.toThrow(AccountNotLinkedError);
    expect(env.fake.data.records('Case')).toHaveLength(casesBefore);
  });

  test('unknown customer id sees nothing', async () => {
    expect(await env.source.countTickets({ customerId: 'nobody', asOf: '2026-03-31' }, {})).toBe(0);
  });
});

describe('account_id matching', () => {
  test('uses the stored Account id', async () => {
    const acmeById = { ...ACME, id: 'cust-acme-by-id', salesforceAccountId: env.accounts.acme.slice(0, 15) };
    const local = await startTestEnvironment({ env: { SALESFORCE_ACCOUNT_MATCH: 'account_id' }, customers: [acmeById] });
    try {
      local.fake.data.addCases([{ accountId: local.accounts.acme, subject: 'By id' }]);
      expect(await local.source.countTickets(scopeOf(acmeById), {})).toBe(1);
      expect(local.fake.dataRequests().map((entry) => entry.soql)).not.toEqual(expect.arrayContaining([expect.stringContaining('FROM Account')]));
    } finally {
      await local.stop();
    }
  });
});
