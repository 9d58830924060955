/**
 * Kysely dialect for PostgreSQL through a `pg` Pool.
 *
 * The pool has its own type parsers, so nothing depends on the process time
 * zone: DATE stays "YYYY-MM-DD" text, timestamps become ISO 8601 UTC text
 * (`timestamp without time zone` is UTC by the ERP contract), and numeric and
 * int8 stay text as in `pg`'s defaults. Sessions run with TimeZone=UTC.
 */
import { PostgresDialect, type Dialect } from 'kysely';
import type { Pool, PoolConfig } from 'pg';
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

export interface PostgresPoolOptions {
  poolMax: number;
  statementTimeoutMs: number;
  logger: Logger;
}

export function createPostgresDialect(url: PostgresUrl, options: PostgresPoolOptions): Dialect {
  // Loaded here so deployments on another engine never load the driver.
  const pg = require('pg') as typeof import('pg');

  const config: PoolConfig = {
    connectionString: url.connectionString,
    max: options.poolMax,
    statement_timeout: options.statementTimeoutMs,
    application_name: 'rover-portal',
    options: [url.startupOptions, '-c TimeZone=UTC'].filter((part) => part !== null).join(' '),
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

  return new PostgresDialect({ pool });
}
