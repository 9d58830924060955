/**
 * Kysely dialect for SQLite through better-sqlite3.
 *
 * Two changes to Kysely's stock SQLite dialect make concurrent processes safe:
 * - Transactions start with BEGIN IMMEDIATE, which takes the write lock up
 *   front (waiting up to the busy timeout). A deferred BEGIN that reads first
 *   fails with SQLITE_BUSY when another process wrote in between, and the busy
 *   timeout does not help there.
 * - The adapter reports transactional DDL, which SQLite supports, so Kysely's
 *   Migrator runs migrations inside such a transaction and a second process
 *   waits, then finds them applied.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
} from 'kysely';
import type { Logger } from 'pino';

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Opens the file (creating its directory if needed) with WAL journaling, a busy timeout and foreign keys on. */
export function createSqliteDialect(filename: string, logger: Logger): Dialect {
  // Loaded here so deployments on another engine never load the native module.
  const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3');

  if (filename !== ':memory:') {
    const directory = path.dirname(filename);
    if (!fs.existsSync(directory)) {
      fs.mkdirSync(directory, { recursive: true });
      logger.info({ directory }, 'Created directory for SQLite database');
    }
  }

  const connection = new BetterSqlite3(filename, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  if (filename !== ':memory:') {
    connection.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL can lose the last commits on a power loss but keeps the file consistent.
    connection.pragma('synchronous = NORMAL');
  }
  connection.pragma('foreign_keys = ON');
  connection.defaultSafeIntegers(true);

  return {
    createAdapter: () => new TransactionalDdlSqliteAdapter(),
    createDriver: () => new ImmediateTransactionSqliteDriver({ database: connection }),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
