/**
 * The Case and CaseComment fields the connector reads, and their mapping to
 * portal tickets and comments.
 *
 * Fallbacks for values the mapping tables do not list (reported, never dropped):
 * - status: CLOSED when Salesforce marks the Case closed (IsClosed), else IN_PROGRESS;
 * - priority: MEDIUM (also when the Case has no priority, which is not reported).
 */
import type { Ticket, TicketComment, TicketPriority, TicketStatus } from '../domain';
import type { SalesforceConfig } from './config';
import { toIsoInstant } from './soql';
import type { UnknownValueReporter } from './unknown-values';

export interface CaseRecord {
  Id: string;
  CaseNumber: string;
  Subject: string | null;
  Description: string | null;
  IsClosed: boolean;
  CreatedDate: string;
  LastModifiedDate: string;
  ClosedDate: string | null;
  [field: string]: unknown;
}

export interface CaseCommentRecord {
  Id: string;
  ParentId: string;
  CommentBody: string | null;
  CreatedDate: string;
  CreatedById: string;
  CreatedBy: { Name: string | null } | null;
}

export const COMMENT_FIELDS = 'Id, ParentId, CommentBody, CreatedDate, CreatedById, CreatedBy.Name';

/**
 * Comments written through the portal are created by the integration user,
 * so the portal contact's name travels in a first line of the comment body
 * that support agents read in Salesforce and the portal strips again.
 */
const PORTAL_AUTHOR_LINE = /^\[Customer portal\] ([^\n<>]+) <([^\s<>]+)> wrote:\n\n/;

export function portalAuthorLine(name: string, email: string): string {
  const safeName = name.replace(/[\n\r<>]+/g, ' ').trim() || email;
  return `[Customer portal] ${safeName} <${email}> wrote:\n\n`;
}

export class CaseMapper {
  /** SELECT list for tickets. */
  readonly fieldList: string;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly reporter: UnknownValueReporter,
  ) {
    const { status, priority } = config.caseFields;
    const fields = ['Id', 'CaseNumber', 'Subject', 'Description', status, 'IsClosed', priority, 'CreatedDate', 'LastModifiedDate', 'ClosedDate'];
    this.fieldList = [...new Set(fields)].join(', ');
  }

  toTicket(record: CaseRecord, customerId: string): Ticket {
    const rawStatus = readText(record, this.config.caseFields.status);
    return {
      id: record.Id,
      customerId,
      number: record.CaseNumber,
      subject: record.Subject ?? '',
      description: record.Description ?? '',
      status: this.statusOf(rawStatus, record.IsClosed),
      sourceStatus: rawStatus,
      priority: this.priorityOf(readText(record, this.config.caseFields.priority)),
      createdAt: toIsoInstant(record.CreatedDate),
      updatedAt: toIsoInstant(record.LastModifiedDate),
      closedAt: record.ClosedDate === null ? null : toIsoInstant(record.ClosedDate),
    };
  }

  statusOf(raw: string | null, isClosed: boolean): TicketStatus {
    const mapped = this.config.statusMap.lookup(raw);
    if (mapped !== null) {
      return mapped;
    }

    const fallback: TicketStatus = isClosed ? 'CLOSED' : 'IN_PROGRESS';
    this.reporter.report('status', raw ?? '(none)', fallback, 'SALESFORCE_STATUS_MAP');
    return fallback;
  }

  priorityOf(raw: string | null): TicketPriority {
    if (raw === null) {
      return 'MEDIUM';
    }
    const mapped = this.config.priorityMap.lookup(raw);
    if (mapped !== null) {
      return mapped;
    }

    this.reporter.report('priority', raw, 'MEDIUM', 'SALESFORCE_PRIORITY_MAP');
    return 'MEDIUM';
  }
}

/** Maps a published CaseComment. Comments by `integrationUserId` came through the portal, all others from support. */
export function toTicketComment(record: CaseCommentRecord, integrationUserId: string): TicketComment {
  const body = record.CommentBody ?? '';
  const createdAt = toIsoInstant(record.CreatedDate);
  const creatorName = record.CreatedBy?.Name ?? 'Support';

  if (record.CreatedById !== integrationUserId) {
    return { id: record.Id, ticketId: record.ParentId, authorName: creatorName, fromSupport: true, body, createdAt };
  }

  const author = PORTAL_AUTHOR_LINE.exec(body);
  return {
    id: record.Id,
    ticketId: record.ParentId,
    authorName: author?.[1] ?? creatorName,
    fromSupport: false,
    body: author === null ? body : body.slice(author[0].length),
    createdAt,
  };
}

function readText(record: CaseRecord, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' ? value : null;
}
