/**
 * The database factory: a URL in, a Kysely instance with its engine adapter out.
 * This is the only place that creates database drivers.
 */
import { Kysely, type Dialect } from 'kysely';

import type { EngineAdapter } from './adapter';
import type { Database, Engine, OpenDatabaseOptions } from './engine';
import { createStatementLog } from './logging';
import { mssqlAdapter } from './mssql-adapter';
import { createMssqlDialect } from './mssql-dialect';
import { postgresAdapter } from './postgres-adapter';
import { createPostgresDialect } from './postgres-dialect';
import { sqliteAdapter } from './sqlite-adapter';
import { createSqliteDialect } from './sqlite-dialect';
import { parseDatabaseUrl, redactDatabaseUrl, type DatabaseUrl } from './url';

const DEFAULT_POOL_MAX = 10;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const ADAPTERS: Record<Engine, EngineAdapter> = {
  sqlite: sqliteAdapter,
  postgres: postgresAdapter,
  mssql: mssqlAdapter,
};

function createDialect(url: DatabaseUrl, options: OpenDatabaseOptions): Dialect {
  const poolMax = options.poolMax ?? DEFAULT_POOL_MAX;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  switch (url.engine) {
    case 'sqlite':
      return createSqliteDialect(url.filename, options.logger);
    case 'postgres':
      return createPostgresDialect(url, { poolMax, statementTimeoutMs, connectTimeoutMs, logger: options.logger });
    case 'mssql':
      return createMssqlDialect(url, { poolMax, statementTimeoutMs, connectTimeoutMs });
    default: {
      const unknown: never = url;
      throw new Error(`Unhandled database engine in ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Opens a database from a URL. SQLite opens its file at once (so a bad path
 * fails here); PostgreSQL and SQL Server connect on the first statement.
 * Throws `DatabaseUrlError` for an unusable URL.
 */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const url = parseDatabaseUrl(options.urlVariable ?? 'database URL', options.url);
  const logger = options.logger.child({ database: redactDatabaseUrl(options.url) });

  const db = new Kysely<any>({
    dialect: createDialect(url, { ...options, logger }),
    log: createStatementLog(url.engine, logger, options.onQuery),
  });
  logger.info({ engine: url.engine }, 'Database opened');

  let closed = false;
  return {
    db,
    engine: url.engine,
    adapter: ADAPTERS[url.engine],
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      await db.destroy();
      logger.info({ engine: url.engine }, 'Database closed');
    },
  };
}
