/**
 * Lists an Account's Cases one page at a time with keyset pagination pushed
 * into SOQL.
 *
 * NUMBER, CREATED_AT and UPDATED_AT sort on a field that is never null:
 * `ORDER BY field, Id` with `WHERE (field > v OR (field = v AND Id > id))`
 * (reversed for DESC), and LIMIT first + 1 to learn whether a next page exists.
 *
 * STATUS and PRIORITY cannot be paged that way: SOQL sorts a picklist by
 * its order in Salesforce setup rather than by value, range comparisons
 * follow the value, and the portal shows mapped values anyway. These sorts
 * follow the portal order instead (NEW, IN_PROGRESS, WAITING_ON_CUSTOMER,
 * CLOSED; LOW, MEDIUM, HIGH), one bucket per portal value, ties broken by Id.
 * A page reads its buckets in turn, each with `ORDER BY Id` and a LIMIT of
 * the rows still missing, so it costs at most one query per bucket (4 for
 * STATUS, 3 for PRIORITY). The keyset value is the portal value.
 */
import type { Ticket } from '../domain';
import { ConnectorInputError } from '../errors';
import type { Keyset, Page, PageRequest, SortDirection, TicketFilter, TicketSortField } from '../sources';
import type { AccountQueries } from './account-queries';
import type { CaseMapper, CaseRecord } from './case-records';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './config';
import { isSalesforceId, toId18 } from './salesforce-id';
import { dateTimeLiteral, quote } from './soql';
import { MATCHES_NOTHING, type TicketConditions } from './ticket-filter';

type KeysetSort = { field: string; literal: (value: string) => string | null; valueOf: (ticket: Ticket) => string };

const KEYSET_SORTS: Partial<Record<TicketSortField, KeysetSort>> = {
  NUMBER: { field: 'CaseNumber', literal: quote, valueOf: (ticket) => ticket.number },
  CREATED_AT: { field: 'CreatedDate', literal: dateTimeLiteral, valueOf: (ticket) => ticket.createdAt },
  UPDATED_AT: { field: 'LastModifiedDate', literal: dateTimeLiteral, valueOf: (ticket) => ticket.updatedAt },
};

export class TicketLister {
  constructor(
    private readonly queries: AccountQueries,
    private readonly mapper: CaseMapper,
    private readonly conditions: TicketConditions,
  ) {}

  async list(customerId: string, accountId: string, request: PageRequest<TicketFilter, TicketSortField>): Promise<Page<Ticket>> {
    const filter = this.conditions.forFilter(request.filter);
    if (filter === MATCHES_NOTHING) {
      return { items: [], hasNextPage: false };
    }

    const where = [`AccountId = ${quote(accountId)}`, ...filter];
    const keysetSort = KEYSET_SORTS[request.orderBy.field];
    if (keysetSort !== undefined) {
      return this.listByKeyset(customerId, accountId, where, keysetSort, request);
    }
    return this.listByBuckets(customerId, accountId, where, request);
  }

  private async listByKeyset(
    customerId: string,
    accountId: string,
    where: string[],
    sort: KeysetSort,
    request: PageRequest<TicketFilter, TicketSortField>,
  ): Promise<Page<Ticket>> {
    const { direction } = request.orderBy;
    const conditions = [...where];

    if (request.after !== null) {
      const literal = request.after.value === null ? null : sort.literal(request.after.value);
      if (literal === null) {
        throw invalidCursor(request.after);
      }
      const id = quote(cursorId(request.after));
      const beyond = direction === 'ASC' ? '>' : '<';
      conditions.push(`(${sort.field} ${beyond} ${literal} OR (${sort.field} = ${literal} AND Id ${beyond} ${id}))`);
    }

    const soql =
      `SELECT ${this.mapper.fieldList} FROM Case WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY ${sort.field} ${direction}, Id ${direction} LIMIT ${request.first + 1}`;
    const { records } = await this.queries.read<CaseRecord>(accountId, soql);

    const tickets = records.map((record) => this.mapper.toTicket(record, customerId));
    return toPage(tickets, request.first, (ticket) => sort.valueOf(ticket));
  }

  private async listByBuckets(
    customerId: string,
    accountId: string,
    where: string[],
    request: PageRequest<TicketFilter, TicketSortField>,
  ): Promise<Page<Ticket>> {
    const { direction } = request.orderBy;
    const buckets = this.bucketsFor(request.orderBy.field, request.filter, direction);

    // Skip the buckets before the cursor's, and start the cursor's bucket after its id.
    let start = 0;
    let afterId: string | null = null;
    if (request.after !== null) {
      start = buckets.findIndex((bucket) => bucket.value === request.after?.value);
      if (start < 0) {
        throw invalidCursor(request.after);
      }
      afterId = cursorId(request.after);
    }

    const tickets: Ticket[] = [];
    for (let index = start; index < buckets.length && tickets.length <= request.first; index += 1) {
      const bucket = buckets[index];
      if (bucket === undefined) {
        break;
      }

      const conditions = [...where, bucket.condition];
      if (index === start && afterId !== null) {
        conditions.push(`Id ${direction === 'ASC' ? '>' : '<'} ${quote(afterId)}`);
      }
      const limit = request.first + 1 - tickets.length;
      const soql = `SELECT ${this.mapper.fieldList} FROM Case WHERE ${conditions.join(' AND ')} ORDER BY Id ${direction} LIMIT ${limit}`;

      const { records } = await this.queries.read<CaseRecord>(accountId, soql);
      tickets.push(...records.map((record) => this.mapper.toTicket(record, customerId)));
    }

    const valueOf = request.orderBy.field === 'STATUS' ? (ticket: Ticket) => ticket.status : (ticket: Ticket) => ticket.priority;
    return toPage(tickets, request.first, valueOf);
  }

  /** Buckets in page order; a status or priority filter leaves out the buckets it excludes. */
  private bucketsFor(field: TicketSortField, filter: TicketFilter, direction: SortDirection): { value: string; condition: string }[] {
    const buckets: { value: string; condition: string }[] = [];

    if (field === 'STATUS') {
      for (const status of TICKET_STATUSES) {
        if (filter.status !== undefined && !filter.status.includes(status)) {
          continue;
        }
        const condition = this.conditions.forStatuses([status]);
        if (condition !== MATCHES_NOTHING) {
          buckets.push({ value: status, condition });
        }
      }
    } else {
      for (const priority of TICKET_PRIORITIES) {
        if (filter.priority === undefined || filter.priority === priority) {
          buckets.push({ value: priority, condition: this.conditions.forPriority(priority) });
        }
      }
    }

    return direction === 'ASC' ? buckets : buckets.reverse();
  }
}

function toPage(tickets: Ticket[], first: number, valueOf: (ticket: Ticket) => string): Page<Ticket> {
  const page = tickets.slice(0, first);
  return {
    items: page.map((ticket) => ({ node: ticket, key: { value: valueOf(ticket), id: ticket.id } })),
    hasNextPage: tickets.length > first,
  };
}

function cursorId(after: Keyset): string {
  if (!isSalesforceId(after.id)) {
    throw invalidCursor(after);
  }
  return toId18(after.id);
}

function invalidCursor(after: Keyset): ConnectorInputError {
  return new ConnectorInputError(
    'after',
    `The cursor does not belong to this ticket list (value ${JSON.stringify(after.value)}, id ${JSON.stringify(after.id)}); start again from the first page.`,
  );
}
