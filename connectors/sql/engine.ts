/**
 * Types shared by the database factory and every connector that uses it.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { EngineAdapter } from './adapter';

export type Engine = 'sqlite' | 'postgres' | 'mssql';

/** One executed SQL statement, reported after it finished or failed. */
export interface QueryEvent {
  sql: string;
  parameters: readonly unknown[];
  durationMs: number;
  engine: Engine;
  /** True when the statement raised an error. */
  failed: boolean;
}

export interface OpenDatabaseOptions {
  /** `sqlite:path`, `sqlite::memory:`, `postgres://...` or `mssql://...`, as `parseDatabaseUrl` accepts. */
  url: string;
  /** Name of the setting the URL came from, used in error messages. Default "database URL". */
  urlVariable?: string;
  logger: Logger;
  /** Called after every statement, including failed ones. Tests count statements with it. */
  onQuery?: (event: QueryEvent) => void;
  /** Maximum pooled connections on PostgreSQL and SQL Server. Default 10. */
  poolMax?: number;
  /**
   * Limit for one statement on PostgreSQL and SQL Server, in milliseconds.
   * Default 30,000. PostgreSQL enforces it on the server (statement_timeout),
   * and the client gives up 2 s later when no answer arrives at all. SQL
   * Server enforces it in the client (tedious requestTimeout).
   */
  statementTimeoutMs?: number;
  /** Limit for opening a connection or waiting for a free pooled one on PostgreSQL and SQL Server, in milliseconds. Default 10,000. */
  connectTimeoutMs?: number;
}

export interface Database {
  db: Kysely<any>;
  engine: Engine;
  adapter: EngineAdapter;
  /** Closes the pool or file, after which the Database cannot be used. */
  close(): Promise<void>;
}
