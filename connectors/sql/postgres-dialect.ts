/**
 * Kysely dialect for PostgreSQL through a `pg` Pool.
 *
 * The pool has its own type parsers, so nothing depends on the process time
 * zone: DATE stays "YYYY-MM-DD" text, timestamps become ISO 8601 UTC text
 * (`timestamp without time zone` is UTC by the ERP contract), and numeric and
 * int8 stay text as in `pg`'s defaults. Sessions run with TimeZone=UTC and
 * DateStyle=ISO.
 *
 * Three limits keep a request from waiting forever on a server that stopped
 * responding: statement_timeout on the server, a client-side read timeout a
 * little longer than that (for a network that dropped silently), and a
 * connect timeout that also bounds the wait for a free pooled connection.
 */
import { PostgresDialect, type Dialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Logger } from 'pino';

import type { PostgresUrl } from './url';
import { readInstantValue } from './values';

const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;

function timestampTextToIso(text: string): string {
  // A parser that throws inside `pg` would surface far from the query, so
  // unexpected text (such as "infinity") is passed on and rejected by the adapter.
  try {
    return readInstantValue(text);
  } catch {
    return text;
  }
}

const TEXT_PARSERS = new Map<number, (text: string) => unknown>([
  [DATE_OID, (text) => text],
  [TIMESTAMP_OID, timestampTextToIso],
  [TIMESTAMPTZ_OID, timestampTextToIso],
]);

/**
 * How much longer than statement_timeout the client waits for any response.
 * The server's own cancellation (SQLSTATE 57014) normally arrives first.
 */
const READ_TIMEOUT_GRACE_MS = 2_000;

/** Message of the error `pg` raises when query_timeout expires. */
const READ_TIMEOUT_MESSAGE = 'Query read timeout';

export interface PostgresPoolOptions {
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  logger: Logger;
}

export function createPostgresDialect(url: PostgresUrl, options: PostgresPoolOptions): Dialect {
  // Loaded here so deployments on another engine never load the driver.
  const pg = require('pg') as typeof import('pg');

  const config: PoolConfig = {
    connectionString: url.connectionString,
    max: options.poolMax,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + READ_TIMEOUT_GRACE_MS,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'rover-portal',
    // After the URL's own options, so these win: dates and timestamps must
    // arrive as ISO text in UTC whatever the server or database defaults are.
    options: [url.startupOptions, '-c TimeZone=UTC', '-c DateStyle=ISO,YMD'].filter((part) => part !== null).join(' '),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        (format ?? 'text') === 'text' && TEXT_PARSERS.has(oid)
          ? TEXT_PARSERS.get(oid)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  };
  const pool: Pool = new pg.Pool(config);

  // Without a listener, an idle client's network error would crash the process.
  pool.on('error', (error) => {
    options.logger.error({ err: { type: error.name, message: error.message } }, 'Idle PostgreSQL connection failed, and the pool will open a new one when needed');
  });

  return new PostgresDialect({ pool: discardingBrokenClients(pool, options.logger) });
}

/**
 * Wraps the pool for two failure cases of a checked-out client:
 * - `pg` emits "error" on a client whose connection breaks while it is
 *   checked out, and the pool listens only on idle clients. Without a
 *   listener here that event would crash the process. The failing query
 *   itself still rejects, so the listener only logs.
 * - A client whose query hit the read timeout is closed instead of returned
 *   to the pool. `pg` keeps such a client usable, but its unanswered query
 *   still blocks the connection, so every later query on it would wait for
 *   the same dead network.
 */
function discardingBrokenClients(pool: Pool, logger: Logger): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client: PoolClient = await pool.connect();
      let broken = false;

      const onError = (error: Error) => {
        broken = true;
        logger.warn({ err: { type: error.name, message: error.message } }, 'PostgreSQL connection failed during a statement, and it is closed instead of reused');
      };
      client.on('error', onError);

      // Only Kysely's (sql, parameters) form is wrapped, because this dialect configures no cursor for streaming.
      const query = (async (text: string, parameters: readonly unknown[]) => {
        try {
          return await client.query(text, [...parameters]);
        } catch (error) {
          if (error instanceof Error && error.message === READ_TIMEOUT_MESSAGE) {
            broken = true;
            logger.warn('A PostgreSQL query got no answer within the read timeout, so its connection is closed instead of reused');
          }
          throw error;
        }
      }) as unknown as PostgresPoolClient['query'];

      return {
        query,
        release(destroy?: boolean) {
          client.removeListener('error', onError);
          client.release(broken || destroy === true);
        },
      };
    },
    end: () => pool.end(),
  };
}
