/**
 * Real databases for tests: a SQLite file in a temporary directory, or a
 * PostgreSQL database of its own (rover_test_<random>) on the local server.
 * Both are deleted by `drop()`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import pino, { type Logger } from 'pino';

import { openDatabase } from '../database';
import type { Database, QueryEvent } from '../engine';
import { redactDatabaseUrl } from '../url';

export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINES: readonly TestEngine[] = ['sqlite', 'postgres'];

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

export async function createTestDatabase(engine: TestEngine, logger: Logger = silentLogger()): Promise<TestDatabase> {
  const statements: QueryEvent[] = [];
  const others: Database[] = [];
  let url: string;
  let cleanUp: () => Promise<void>;

  if (engine === 'sqlite') {
    const directory = mkdtempSync(path.join(tmpdir(), 'rover-connectors-'));
    url = `sqlite:${path.join(directory, 'test.sqlite')}`;
    cleanUp = async () => rmSync(directory, { recursive: true, force: true });
  } else {
    const name = `rover_test_${randomBytes(6).toString('hex')}`;
    await createPostgresDatabase(name);
    url = `${POSTGRES_ADMIN_URL.replace(/\/[^/?]*(\?.*)?$/, '')}/${name}`;
    cleanUp = () => dropPostgresDatabase(name);
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
