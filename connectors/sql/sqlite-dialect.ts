/**
 * Kysely dialect for SQLite through better-sqlite3.
 *
 * Three changes to Kysely's stock SQLite dialect make concurrent processes safe:
 * - Transactions start with BEGIN IMMEDIATE, which takes the write lock up
 *   front. A deferred BEGIN that reads first fails with SQLITE_BUSY when
 *   another process wrote in between, and waiting does not help there.
 * - A statement that finds the file locked by another process waits for it
 *   without blocking the event loop. better-sqlite3 runs statements
 *   synchronously, so SQLite's own busy timeout would stop every request of
 *   the process while one statement waits. Instead the busy timeout is 0,
 *   and the driver retries the statement after growing pauses, with the
 *   connection free for other statements in between, until
 *   SQLITE_BUSY_TIMEOUT_MS has passed.
 * - The adapter reports transactional DDL, which SQLite supports, so Kysely's
 *   Migrator runs migrations inside such a transaction and a second process
 *   waits, then finds them applied.
 */
import fs from 'node:fs';
import path from 'node:path';

import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type QueryResult,
} from 'kysely';
import type { Logger } from 'pino';

/** How long a statement waits for another process's lock on the file before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Pause before the first retry of a statement that found the file locked; it doubles up to the maximum. */
const FIRST_RETRY_PAUSE_MS = 5;
const MAX_RETRY_PAUSE_MS = 100;

class LockWaitingSqliteDriver extends SqliteDriver {
  /** The one connection, wrapped once: Kysely keeps a set of the connection objects it has seen. */
  private connection: LockWaitingConnection | undefined;

  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly lockWaitMs: number,
  ) {
    super({ database });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.connection ??= new LockWaitingConnection(inner, this.database, this.lockWaitMs, {
      release: () => super.releaseConnection(),
      acquire: async () => {
        await super.acquireConnection();
      },
    });
    return this.connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * The driver's connection, whose statements wait for a lock held by another
 * process by retrying. Only a statement outside a transaction is retried (a
 * BEGIN IMMEDIATE or a single write), because SQLite has then undone it
 * completely. While it pauses, it gives the connection back, so the other
 * statements of the process, such as reads, which WAL lets run during
 * another process's write, go ahead.
 */
class LockWaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly database: BetterSqlite3.Database,
    private readonly lockWaitMs: number,
    private readonly mutex: { release(): Promise<void>; acquire(): Promise<void> },
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.lockWaitMs;
    let pause = FIRST_RETRY_PAUSE_MS;

    for (;;) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isBusyError(error) || this.database.inTransaction || Date.now() + pause > deadline) {
          throw error;
        }
      }

      await this.mutex.release();
      await new Promise((resolve) => setTimeout(resolve, pause));
      await this.mutex.acquire();
      pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MS);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds a lock the statement needs. */
function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Opens the file (creating its directory if needed) with WAL journaling and foreign keys on, and lock waits that do not block. */
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
  // The pragmas above may wait for the lock while the process starts. From
  // here on, the driver waits without blocking the event loop.
  connection.pragma('busy_timeout = 0');

  return {
    createAdapter: () => new TransactionalDdlSqliteAdapter(),
    createDriver: () => new LockWaitingSqliteDriver(connection, SQLITE_BUSY_TIMEOUT_MS),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
