/**
 * Turns the portal's ticket filter into SOQL conditions on Case. Portal
 * statuses and priorities become the Salesforce values that map to them,
 * plus the fallbacks of `CaseMapper` for values the tables do not list, so
 * a filtered list shows exactly the tickets an unfiltered list labels that way.
 */
import type { TicketPriority, TicketStatus } from '../domain';
import type { TicketFilter } from '../sources';
import type { SalesforceConfig } from './config';
import { likeContains, quotedList } from './soql';

/** Marks a filter that no Case can match, so callers return an empty result without a query. */
export const MATCHES_NOTHING = Symbol('matches nothing');

/** Maximum length of a search that can match: Subject has at most 255 characters, CaseNumber 30. */
const SEARCHABLE_LENGTH = 255;

export class TicketConditions {
  constructor(private readonly config: SalesforceConfig) {}

  /** Returns the conditions to AND for the filter (without the Account condition), or MATCHES_NOTHING. */
  forFilter(filter: TicketFilter): string[] | typeof MATCHES_NOTHING {
    const conditions: string[] = [];

    if (filter.status !== undefined) {
      const status = this.forStatuses(filter.status);
      if (status === MATCHES_NOTHING) {
        return MATCHES_NOTHING;
      }
      conditions.push(status);
    }

    if (filter.priority !== undefined) {
      conditions.push(this.forPriority(filter.priority));
    }

    if (filter.search !== undefined && filter.search !== '') {
      if (filter.search.length > SEARCHABLE_LENGTH) {
        return MATCHES_NOTHING;
      }
      const pattern = likeContains(filter.search);
      conditions.push(`(CaseNumber LIKE ${pattern} OR Subject LIKE ${pattern})`);
    }

    return conditions;
  }

  /** Returns one parenthesized condition matching Cases shown with any of `statuses`. */
  forStatuses(statuses: readonly TicketStatus[]): string | typeof MATCHES_NOTHING {
    const field = this.config.caseFields.status;
    const known = this.config.statusMap.knownRawValues();
    const alternatives: string[] = [];

    const mapped = [...new Set(statuses.flatMap((status) => this.config.statusMap.rawValuesFor(status)))];
    if (mapped.length > 0) {
      alternatives.push(`${field} IN ${quotedList(mapped)}`);
    }

    // Unlisted statuses fall back on IsClosed (see CaseMapper.statusOf).
    if (statuses.includes('CLOSED')) {
      alternatives.push(`(${field} NOT IN ${quotedList(known)} AND IsClosed = true)`);
    }
    if (statuses.includes('IN_PROGRESS')) {
      alternatives.push(`(${field} NOT IN ${quotedList(known)} AND IsClosed = false)`);
    }

    if (alternatives.length === 0) {
      return MATCHES_NOTHING;
    }
    return `(${alternatives.join(' OR ')})`;
  }

  /** Returns one parenthesized condition matching Cases shown with `priority`. */
  forPriority(priority: TicketPriority): string {
    const field = this.config.caseFields.priority;
    const alternatives: string[] = [];

    const mapped = this.config.priorityMap.rawValuesFor(priority);
    if (mapped.length > 0) {
      alternatives.push(`${field} IN ${quotedList(mapped)}`);
    }

    // Unlisted and empty priorities are shown as MEDIUM (see CaseMapper.priorityOf).
    if (priority === 'MEDIUM') {
      alternatives.push(`${field} NOT IN ${quotedList(this.config.priorityMap.knownRawValues())}`, `${field} = null`);
    }
    return `(${alternatives.join(' OR ')})`;
  }
}
