/**
 * Transactions that hold a database-wide lock, for work that two processes
 * must not do at once (creating and seeding demo tables).
 */
import { sql, type Transaction } from 'kysely';

import type { Database } from './engine';

/**
 * Runs `work` in a transaction that first takes an exclusive lock named
 * `lockName`, so another process running the same call waits for the commit.
 * - SQLite: transactions begin IMMEDIATE (see sqlite-dialect.ts), which
 *   already excludes every other writer.
 * - PostgreSQL: a transaction-scoped advisory lock on a hash of the name.
 * - SQL Server: sp_getapplock owned by the transaction, waiting up to 60 s.
 */
export async function withExclusiveLock<T>(database: Database, lockName: string, work: (trx: Transaction<any>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${lockName}))`.execute(trx);
    } else if (database.engine === 'mssql') {
      // NOTE: untested, because no SQL Server was available.
      const result = await sql<{ status: number }>`
        DECLARE @status INT;
        EXEC @status = sp_getapplock @Resource = ${lockName}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;
        SELECT @status AS status;`.execute(trx);
      const status = result.rows[0]?.status ?? -999;
      if (status < 0) {
        throw new Error(`Could not take the SQL Server application lock "${lockName}" (sp_getapplock returned ${status}). Another process may hold it for over 60 s, so retry later.`);
      }
    }
    return work(trx);
  });
}
