/**
 * Opaque connection cursors: base64url of a small JSON object naming the list,
 * the sort field and direction, and the last row's sort value and id. Clients
 * must treat a cursor as an opaque string. The fields let the gateway reject a
 * cursor that belongs to another list or another sort order.
 */
import type { Keyset, SortDirection, SortOrder } from '../../../connectors/sources';
import { badUserInput } from '../../errors';

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
      `${argumentName} is a cursor for ${payload.l} sorted by ${payload.f} ${payload.d}, but this request lists ${list} sorted by ${orderBy.field} ${orderBy.direction}. Start again from the first page when you change the sort order.`,
      argumentName,
    );
  }

  return { value: payload.v, id: payload.i };
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
