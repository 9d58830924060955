/**
 * Opaque connection cursors: base64url of a small JSON object naming the list,
 * the sort field and direction, and the last row's sort value and id. Clients
 * must treat a cursor as an opaque string. The fields let the gateway reject a
 * cursor that belongs to another list or another sort order.
 */
import { CONTRACT_SCALE } from '../../../connectors/decimal';
import type { InvoiceStatus } from '../../../connectors/domain';
import type { InvoiceSortField, Keyset, OrderSortField, SortDirection, SortOrder, TicketSortField } from '../../../connectors/sources';
import { badUserInput } from '../../errors';
import { MAX_DOCUMENT_NUMBER_LENGTH } from '../document-numbers';
import { toUtcIsoString } from '../scalars/date-time';
import { isCalendarDate } from '../scalars/date';
import { OrderStatusValues, TicketPriorityValues, TicketStatusValues } from '../types/enums';

interface CursorPayload {
  /** List the cursor was issued for, such as "Invoice". */
  l: string;
  /** Sort field. */
  f: string;
  /** Sort direction. */
  d: SortDirection;
  /** Sort value of the row, or null when the row had none. */
  v: string | null;
  /** Row id, which breaks ties between equal sort values. */
  i: string;
}

/** Kind of a sort field's values: a document number, a date, a UTC instant, an amount, or one of a list of enum values. */
type SortValueKind = 'number' | 'date' | 'instant' | 'amount' | readonly string[];

const INVOICE_STATUSES: readonly InvoiceStatus[] = ['OUTSTANDING', 'PAID'];

/**
 * The kind of sort value each list's cursors carry, checked when a cursor is
 * decoded so that a forged value is rejected before any connector converts
 * it. A list or field missing here is checked as a document number.
 */
const SORT_VALUE_KINDS: Record<string, Record<string, SortValueKind>> = {
  Invoice: {
    NUMBER: 'number',
    INVOICE_DATE: 'date',
    DUE_DATE: 'date',
    AMOUNT: 'amount',
    BALANCE: 'amount',
    STATUS: INVOICE_STATUSES,
  } satisfies Record<InvoiceSortField, SortValueKind>,
  Order: {
    NUMBER: 'number',
    ORDER_DATE: 'date',
    TOTAL: 'amount',
    STATUS: Object.values(OrderStatusValues),
  } satisfies Record<OrderSortField, SortValueKind>,
  Ticket: {
    NUMBER: 'number',
    CREATED_AT: 'instant',
    UPDATED_AT: 'instant',
    STATUS: Object.values(TicketStatusValues),
    PRIORITY: Object.values(TicketPriorityValues),
  } satisfies Record<TicketSortField, SortValueKind>,
  Payment: { CREATED_AT: 'instant' },
};

/** Total digits of DECIMAL(19,4), the type of every amount in the ERP contract. */
const AMOUNT_PRECISION = 19;
const AMOUNT_INTEGER_DIGITS = AMOUNT_PRECISION - CONTRACT_SCALE;
const AMOUNT_PATTERN = new RegExp(`^-?\\d{1,${AMOUNT_INTEGER_DIGITS}}(\\.\\d{1,${CONTRACT_SCALE}})?$`);

export function encodeCursor(list: string, orderBy: SortOrder<string>, key: Keyset): string {
  const payload: CursorPayload = { l: list, f: orderBy.field, d: orderBy.direction, v: key.value, i: key.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Reads the `after` argument of a connection field. Returns the keyset to
 * continue from, or throws BAD_USER_INPUT when the cursor is malformed or
 * was issued for another list or sort order.
 */
export function decodeCursor(list: string, orderBy: SortOrder<string>, cursor: string, argumentName = 'after'): Keyset {
  const payload = parsePayload(cursor);
  if (payload === null) {
    throw badUserInput(
      `${argumentName} is not a cursor issued by this API: ${JSON.stringify(truncate(cursor))}. Pass the endCursor of the previous page unchanged, or omit ${argumentName} to start from the first page.`,
      argumentName,
    );
  }

  if (payload.l !== list || payload.f !== orderBy.field || payload.d !== orderBy.direction) {
    throw badUserInput(
      `${argumentName} is a cursor for ${truncate(payload.l)} sorted by ${truncate(payload.f)} ${payload.d}, but this request lists ${list} sorted by ${orderBy.field} ${orderBy.direction}. Start again from the first page when you change the sort order.`,
      argumentName,
    );
  }

  const kind = SORT_VALUE_KINDS[list]?.[orderBy.field] ?? 'number';
  const expected = payload.v === null ? null : sortValueProblem(kind, payload.v);
  if (expected !== null) {
    throw badUserInput(
      `${argumentName} is not a valid page position for sort field ${orderBy.field}: ${JSON.stringify(truncate(payload.v ?? ''))} is not ${expected}. Request the first page again without ${argumentName}.`,
      argumentName,
    );
  }

  return { value: payload.v, id: payload.i };
}

/** Describes what a sort value of `kind` must be when `value` is not one, or returns null when it is. */
function sortValueProblem(kind: SortValueKind, value: string): string | null {
  switch (kind) {
    case 'number':
      return value.length <= MAX_DOCUMENT_NUMBER_LENGTH ? null : `a document number of at most ${MAX_DOCUMENT_NUMBER_LENGTH} characters`;
    case 'date':
      return isCalendarDate(value) ? null : 'a YYYY-MM-DD date';
    case 'instant':
      return value.endsWith('Z') && toUtcIsoString(value) !== null ? null : 'an ISO 8601 UTC instant';
    case 'amount':
      return AMOUNT_PATTERN.test(value) ? null : `an amount with at most ${AMOUNT_INTEGER_DIGITS} integer digits and ${CONTRACT_SCALE} decimals`;
    default:
      return kind.includes(value) ? null : `one of ${kind.join(', ')}`;
  }
}

function parsePayload(cursor: string): CursorPayload | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return null;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }

  if (typeof parsed !== 'object' || parsed === null) {
    return null;
  }

  const { l, f, d, v, i } = parsed as Record<string, unknown>;
  const valid =
    typeof l === 'string' &&
    typeof f === 'string' &&
    (d === 'ASC' || d === 'DESC') &&
    (typeof v === 'string' || v === null) &&
    typeof i === 'string' &&
    i.length > 0;
  return valid ? { l, f, d, v, i } : null;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
