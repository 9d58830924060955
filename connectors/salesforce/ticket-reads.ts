/**
 * Ticket reads other than the paged list: counts, lookups by case number and
 * published comments. Every query filters on the viewer's Account, so a case
 * number or Case id of another Account behaves like one that does not exist.
 */
import type { OpenClosedCounts, Ticket, TicketComment } from '../domain';
import type { CustomerScope, TicketFilter } from '../sources';
import type { AccountQueries } from './account-queries';
import { COMMENT_FIELDS, toTicketComment, type CaseCommentRecord, type CaseMapper, type CaseRecord } from './case-records';
import type { SalesforceClient } from './client';
import type { SalesforceConfig } from './config';
import { chunkInQueries } from './in-chunks';
import { isSalesforceId, toId18 } from './salesforce-id';
import { dateTimeLiteral, quote } from './soql';
import { MATCHES_NOTHING, type TicketConditions } from './ticket-filter';

/**
 * Budget for a query URL, in characters: a conservative length that HTTP
 * clients and proxies generally accept. It is a safety margin chosen for this
 * connector, not a Salesforce limit.
 */
export const MAX_QUERY_URL_LENGTH = 2_000;

/** CaseNumber is an auto-number field of at most 30 characters. */
const CASE_NUMBER_MAX_LENGTH = 30;

/** Length of the "recent" window of the dashboard, in days up to and including the business date. */
const RECENT_DAYS = 30;

export class TicketReader {
  constructor(
    private readonly config: SalesforceConfig,
    private readonly client: SalesforceClient,
    private readonly queries: AccountQueries,
    private readonly mapper: CaseMapper,
    private readonly conditions: TicketConditions,
  ) {}

  async count(accountId: string, filter: TicketFilter): Promise<number> {
    const conditions = this.conditions.forFilter(filter);
    if (conditions === MATCHES_NOTHING) {
      return 0;
    }

    const where = [`AccountId = ${quote(accountId)}`, ...conditions].join(' AND ');
    const { totalSize } = await this.queries.read(accountId, `SELECT COUNT() FROM Case WHERE ${where}`);
    return totalSize;
  }

  /**
   * Open, closed and recent counts in two aggregate queries: one row per
   * (status, IsClosed) pair, and a COUNT() of the recent window.
   */
  async counts(accountId: string, scope: CustomerScope): Promise<OpenClosedCounts> {
    const statusField = this.config.caseFields.status;
    const account = quote(accountId);
    const { start, end } = recentWindow(scope.asOf);

    const groups = await this.queries.read<Record<string, unknown>>(
      accountId,
      `SELECT ${statusField}, IsClosed, COUNT(Id) total FROM Case WHERE AccountId = ${account} GROUP BY ${statusField}, IsClosed`,
    );
    const recent = await this.queries.read(
      accountId,
      `SELECT COUNT() FROM Case WHERE AccountId = ${account} AND CreatedDate >= ${start} AND CreatedDate < ${end}`,
    );

    let open = 0;
    let closed = 0;
    for (const group of groups.records) {
      const raw = typeof group[statusField] === 'string' ? (group[statusField] as string) : null;
      const total = Number(group.total ?? 0);
      if (this.mapper.statusOf(raw, group.IsClosed === true) === 'CLOSED') {
        closed += total;
      } else {
        open += total;
      }
    }
    return { open, closed, recent: recent.totalSize };
  }

  async byNumber(customerId: string, accountId: string, numbers: readonly string[]): Promise<(Ticket | null)[]> {
    // Values that cannot be case numbers get null without a query.
    const candidates = [...new Set(numbers.filter((number) => number.length > 0 && number.length <= CASE_NUMBER_MAX_LENGTH))];
    if (candidates.length === 0) {
      return numbers.map(() => null);
    }

    const records = await this.readInChunks<CaseRecord>(
      accountId,
      candidates,
      (inList) => `SELECT ${this.mapper.fieldList} FROM Case WHERE AccountId = ${quote(accountId)} AND CaseNumber IN ${inList}`,
    );

    const byNumber = new Map(records.map((record) => [record.CaseNumber, this.mapper.toTicket(record, customerId)]));
    return numbers.map((number) => byNumber.get(number) ?? null);
  }

  /** Published comments only (IsPublished = true), oldest first, one list per Case id. */
  async comments(accountId: string, ticketIds: readonly string[]): Promise<TicketComment[][]> {
    const ids = [...new Set(ticketIds.filter(isSalesforceId).map(toId18))];
    if (ids.length === 0) {
      return ticketIds.map(() => []);
    }

    const integrationUserId = await this.client.integrationUserId();
    const records = await this.readInChunks<CaseCommentRecord>(
      accountId,
      ids,
      (inList) =>
        `SELECT ${COMMENT_FIELDS} FROM CaseComment WHERE Parent.AccountId = ${quote(accountId)} AND IsPublished = true ` +
        `AND ParentId IN ${inList} ORDER BY CreatedDate ASC, Id ASC`,
    );

    const byCase = new Map<string, TicketComment[]>();
    for (const record of records) {
      const list = byCase.get(record.ParentId) ?? [];
      list.push(toTicketComment(record, integrationUserId));
      byCase.set(record.ParentId, list);
    }
    return ticketIds.map((id) => (isSalesforceId(id) ? (byCase.get(toId18(id)) ?? []) : []));
  }

  /** Runs `render(inList)` over as many IN chunks as the URL budget needs and concatenates the rows. */
  private async readInChunks<R>(accountId: string, values: readonly string[], render: (inList: string) => string): Promise<R[]> {
    const urlFor = await this.client.queryUrlBuilder();
    const { queries, rejected } = chunkInQueries({ quotedValues: values.map(quote), render, urlFor, maxUrlLength: MAX_QUERY_URL_LENGTH });
    if (rejected.length > 0) {
      throw new Error(`${rejected.length} IN values do not fit in a ${MAX_QUERY_URL_LENGTH}-character query URL even alone; the query text is too long.`);
    }

    const rows: R[] = [];
    for (const soql of queries) {
      const { records } = await this.queries.read<R>(accountId, soql);
      for (const record of records) {
        rows.push(record);
      }
    }
    return rows;
  }
}

/** SOQL dateTime literals for [asOf - 29 days, asOf + 1 day), in UTC. */
function recentWindow(asOf: string): { start: string; end: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? Date.parse(`${asOf}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(day)) {
    throw new Error(`Business date ${JSON.stringify(asOf)} is not a date of the form YYYY-MM-DD.`);
  }

  const dayMs = 24 * 60 * 60 * 1000;
  const start = dateTimeLiteral(new Date(day - (RECENT_DAYS - 1) * dayMs).toISOString());
  const end = dateTimeLiteral(new Date(day + dayMs).toISOString());
  if (start === null || end === null) {
    throw new Error(`Cannot build the recent window for business date ${asOf}.`);
  }
  return { start, end };
}
