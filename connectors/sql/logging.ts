/**
 * Statement logging through Kysely's `log` hook: every statement goes to the
 * `onQuery` callback and to the logger, at debug level when it succeeds and at
 * error level when it fails. Parameters are never logged because they can
 * hold customer data. Only the caller's `onQuery` receives them.
 */
import type { LogEvent } from 'kysely';
import type { Logger } from 'pino';

import type { Engine, QueryEvent } from './engine';

/** Returns the parts of a driver error that are safe to log, leaving out PostgreSQL's `detail`, which can quote row values. */
function describeError(error: unknown): { type: string; message: string; code?: unknown } {
  // Duck typing instead of instanceof: a native driver can create its errors
  // in another realm (as under Jest), where instanceof Error is false.
  const { name, message, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; code?: unknown };
  if (typeof message !== 'string') {
    return { type: typeof error, message: String(error) };
  }

  const type = typeof name === 'string' ? name : 'Error';
  return code === undefined ? { type, message } : { type, message, code };
}

export function createStatementLog(engine: Engine, logger: Logger, onQuery?: (event: QueryEvent) => void): (event: LogEvent) => void {
  return (event) => {
    const durationMs = Math.round(event.queryDurationMillis * 100) / 100;
    const statement = event.query.sql;

    if (event.level === 'error') {
      logger.error({ engine, sql: statement, durationMs, err: describeError(event.error) }, 'SQL statement failed');
    } else if (logger.isLevelEnabled('debug')) {
      logger.debug({ engine, sql: statement, durationMs }, 'SQL statement executed');
    }

    if (onQuery === undefined) {
      return;
    }
    try {
      onQuery({ sql: statement, parameters: event.query.parameters, durationMs: event.queryDurationMillis, engine, failed: event.level === 'error' });
    } catch (error) {
      // A failing observer must not fail the statement it observes.
      logger.warn({ err: describeError(error) }, 'onQuery callback threw, and the statement itself was not affected');
    }
  };
}
