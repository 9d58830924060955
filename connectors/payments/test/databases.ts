/**
 * Throwaway databases for the payment tests: a SQLite file in a temporary
 * directory, or a PostgreSQL database of its own on 127.0.0.1:5432 (user
 * postgres, no password), dropped again by `close`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pino from 'pino';

import { openDatabase, type Database, type Engine } from '../../sql';

export type TestEngine = Extract<Engine, 'sqlite' | 'postgres'>;

export const TEST_ENGINES: readonly TestEngine[] = ['sqlite', 'postgres'];

const POSTGRES_ADMIN_URL = process.env['PAYMENTS_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const silentLogger = pino({ level: 'silent' });

export interface TestDatabase {
  engine: TestEngine;
  /** URL for `openDatabase`, to open further connections to the same database. */
  url: string;
  /** Opens another connection pool (or SQLite connection) to the same database; closed by `close`. */
  open(): Database;
  /** Closes every connection and removes the database. */
  close(): Promise<void>;
}

/** Creates an empty database on `engine`. */
export async function createTestDatabase(engine: TestEngine, label: string): Promise<TestDatabase> {
  const opened: Database[] = [];
  const open = (url: string): Database => {
    const database = openDatabase({ url, logger: silentLogger, poolMax: 5 });
    opened.push(database);
    return database;
  };
  const closeAll = async (): Promise<void> => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  };

  if (engine === 'sqlite') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), `payments-${label}-`));
    const url = `sqlite:${path.join(directory, 'test.sqlite')}`;
    return {
      engine,
      url,
      open: () => open(url),
      close: async () => {
        await closeAll();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  }

  const name = `payments_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    engine,
    url,
    open: () => open(url),
    close: async () => {
      await closeAll();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const pg = require('pg') as typeof import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
