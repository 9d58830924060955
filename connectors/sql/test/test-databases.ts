/**
 * Real databases for tests: a SQLite file in a temporary directory, a
 * PostgreSQL database of its own (rover_test_<random>) on the local server,
 * or, when ERP_TEST_MSSQL_URL names a SQL Server, a database of its own
 * there. Each is deleted by `drop()`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import pino, { type Logger } from 'pino';

import { openDatabase } from '../database';
import type { Database, Engine, QueryEvent } from '../engine';
import { parseDatabaseUrl, redactDatabaseUrl } from '../url';

export type TestEngine = Engine;

/** Engines that every run of the suites covers. */
export const TEST_ENGINES: readonly ('sqlite' | 'postgres')[] = ['sqlite', 'postgres'];

/**
 * SQL Server for the ERP connector's suites, such as
 * mssql://sa:PASSWORD@127.0.0.1:1433/master?encrypt=false. The login must be
 * allowed to create databases. Unset, the suites skip SQL Server.
 */
export const MSSQL_TEST_URL: string | null = process.env.ERP_TEST_MSSQL_URL?.trim() || null;

/** Engines of the ERP contract suites: SQLite, PostgreSQL, and SQL Server when ERP_TEST_MSSQL_URL is set. */
export const ERP_TEST_ENGINES: readonly TestEngine[] = MSSQL_TEST_URL === null ? TEST_ENGINES : [...TEST_ENGINES, 'mssql'];

/** Server of the PostgreSQL half of the tests, where each test file creates a database of its own. */
export const POSTGRES_ADMIN_URL = process.env.ROVER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const POSTGRES_START_HINT =
  'Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` ' +
  '(it must accept the user postgres without a password on 127.0.0.1:5432), or point ROVER_TEST_POSTGRES_URL at another server.';

export interface TestDatabase {
  engine: TestEngine;
  url: string;
  database: Database;
  /** Every statement executed so far, which tests clear with `statements.length = 0`. */
  statements: QueryEvent[];
  /** Opens another connection (pool) to the same database, as a second process would. */
  openAnother(): Database;
  /** Closes every connection and deletes the database. */
  drop(): Promise<void>;
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

async function createPostgresDatabase(name: string): Promise<void> {
  const admin = openDatabase({ url: POSTGRES_ADMIN_URL, logger: silentLogger(), poolMax: 1 });
  try {
    // C collation, so text sorts by code point, as the tests' expectations do.
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`.execute(admin.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL for the connector tests is not usable at ${redactDatabaseUrl(POSTGRES_ADMIN_URL)} (${reason}). ${POSTGRES_START_HINT}`, {
      cause: error,
    });
  } finally {
    await admin.close();
  }
}

async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = openDatabase({ url: POSTGRES_ADMIN_URL, logger: silentLogger(), poolMax: 1 });
  try {
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

function requireMssqlUrl(): string {
  if (MSSQL_TEST_URL === null) {
    throw new Error('No SQL Server for tests: set ERP_TEST_MSSQL_URL, for example mssql://sa:PASSWORD@127.0.0.1:1433/master?encrypt=false.');
  }
  parseDatabaseUrl('ERP_TEST_MSSQL_URL', MSSQL_TEST_URL);
  return MSSQL_TEST_URL;
}

/** Replaces the database name in the URL's path, keeping user, host and options. */
function withDatabaseName(url: string, name: string): string {
  return url.replace(/^([a-z]+:\/\/[^/]+)\/[^/?]*/i, `$1/${name}`);
}

async function createMssqlDatabase(name: string): Promise<void> {
  const admin = openDatabase({ url: requireMssqlUrl(), logger: silentLogger(), poolMax: 1 });
  try {
    // A binary collation, so text sorts by code point, as the tests' expectations do.
    await sql`CREATE DATABASE ${sql.id(name)} COLLATE Latin1_General_100_BIN2`.execute(admin.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`SQL Server for the connector tests is not usable at ${redactDatabaseUrl(requireMssqlUrl())} (${reason}). Check ERP_TEST_MSSQL_URL.`, {
      cause: error,
    });
  } finally {
    await admin.close();
  }
}

async function dropMssqlDatabase(name: string): Promise<void> {
  const admin = openDatabase({ url: requireMssqlUrl(), logger: silentLogger(), poolMax: 1 });
  try {
    // SINGLE_USER ends the sessions of pools that a failed test left open.
    await sql`IF DB_ID(${name}) IS NOT NULL BEGIN ALTER DATABASE ${sql.id(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${sql.id(name)}; END`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

export async function createTestDatabase(engine: TestEngine, logger: Logger = silentLogger()): Promise<TestDatabase> {
  const statements: QueryEvent[] = [];
  const others: Database[] = [];
  let url: string;
  let cleanUp: () => Promise<void>;

  if (engine === 'sqlite') {
    const directory = mkdtempSync(path.join(tmpdir(), 'rover-connectors-'));
    url = `sqlite:${path.join(directory, 'test.sqlite')}`;
    cleanUp = async () => rmSync(directory, { recursive: true, force: true });
  } else if (engine === 'postgres') {
    const name = `rover_test_${randomBytes(6).toString('hex')}`;
    await createPostgresDatabase(name);
    url = `${POSTGRES_ADMIN_URL.replace(/\/[^/?]*(\?.*)?$/, '')}/${name}`;
    cleanUp = () => dropPostgresDatabase(name);
  } else {
    // NOTE: never run here, because no SQL Server was available; see the README's "Databases" section.
    const name = `rover_test_${randomBytes(6).toString('hex')}`;
    await createMssqlDatabase(name);
    url = withDatabaseName(requireMssqlUrl(), name);
    cleanUp = () => dropMssqlDatabase(name);
  }

  const database = openDatabase({ url, logger, poolMax: 4, onQuery: (event) => statements.push(event) });
  return {
    engine,
    url,
    database,
    statements,
    openAnother() {
      const extraDatabase = openDatabase({ url, logger, poolMax: 4 });
      others.push(extraDatabase);
      return extraDatabase;
    },
    async drop() {
      await Promise.all([database, ...others].map((open) => open.close()));
      await cleanUp();
    },
  };
}
