/**
 * Tells apart a database that cannot respond right now (refused or lost
 * connection, timeout, lock wait, server shutting down) from a failing
 * statement, and reports the first kind as UpstreamUnavailableError, which
 * the gateway turns into UPSTREAM_UNAVAILABLE for the affected fields only.
 */
import { UpstreamUnavailableError } from '../errors';

/** Error codes of Node's network layer for a peer that cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * PostgreSQL SQLSTATE codes: class 08 is a connection
 * exception, 53 insufficient resources (such as too many connections), 57014
 * a statement cancelled by statement_timeout, 57P01 to 57P03 a server that is
 * shutting down or starting.
 */
function isPostgresUnavailable(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || ['57014', '57P01', '57P02', '57P03'].includes(code);
}

/** SQLite result codes for a database file that another process has locked or that cannot be opened or read. */
function isSqliteUnavailable(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR');
}

/** Messages of `pg` and tedious/tarn errors that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /Failed to connect/i,
  /operation timed out/i,
  // pg's client-side query_timeout, for a server that stopped responding.
  /^Query read timeout$/,
  /Client has encountered a connection error and is not queryable/i,
];

export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return false;
  }
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };

  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || isSqliteUnavailable(code)) {
      return true;
    }
    if (/^[0-9A-Z]{5}$/.test(code) && isPostgresUnavailable(code)) {
      return true;
    }
    // tedious: ETIMEOUT for a request timeout, ESOCKET and ECLOSE for a lost connection.
    if (['ETIMEOUT', 'ESOCKET', 'ECLOSE'].includes(code)) {
      return true;
    }
  }
  if (name === 'ConnectionError' || name === 'TimeoutError') {
    return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Returns a copy of `source` whose methods rethrow unavailability errors as
 * UpstreamUnavailableError(upstream). Other errors pass through unchanged.
 */
export function reportUnavailability<T extends object>(upstream: string, source: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(source, args);
      } catch (error) {
        if (isUnavailableError(error)) {
          const message = (error as { message?: unknown }).message;
          const reason = typeof message === 'string' ? message : String(error);
          throw new UpstreamUnavailableError(upstream, `The ${upstream} database is unavailable: ${reason}`, { cause: error });
        }
        throw error;
      }
    };
  }
  return wrapped as T;
}
