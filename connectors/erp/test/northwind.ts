/**
 * The Northwind sample database on the local PostgreSQL server, mapped onto
 * the ERP contract by the views in northwind-views.sql.
 *
 * The sample's SQL file comes from NORTHWIND_SQL, or else from
 * ../shared/data/northwind/northwind.sql beside the repository. It is read,
 * never changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { sql } from 'kysely';

import { createTestDatabase, type TestDatabase } from '../../sql/test/test-databases';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');

export const DEFAULT_NORTHWIND_SQL = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'data', 'northwind', 'northwind.sql');

/** The business date the views derive: Northwind's last order date. */
export const NORTHWIND_BUSINESS_DATE = '1998-05-06';

export type NorthwindSource = { kind: 'file'; path: string } | { kind: 'skipped' } | { kind: 'missing'; message: string };

/** Finds the Northwind SQL file. NORTHWIND_SQL=skip leaves the Northwind data set out on purpose. */
export function northwindSource(): NorthwindSource {
  const configured = process.env.NORTHWIND_SQL?.trim();
  if (configured === 'skip') {
    return { kind: 'skipped' };
  }

  const file = configured === undefined || configured === '' ? DEFAULT_NORTHWIND_SQL : path.resolve(configured);
  if (existsSync(file)) {
    return { kind: 'file', path: file };
  }
  const origin = configured === undefined || configured === '' ? 'the default path' : 'NORTHWIND_SQL';
  return {
    kind: 'missing',
    message:
      `The Northwind sample (PostgreSQL edition) was not found at ${file} (${origin}). ` +
      'Point NORTHWIND_SQL at northwind.sql, or set NORTHWIND_SQL=skip to leave the Northwind data set out of the contract suite.',
  };
}

/** Creates a PostgreSQL database of its own, loads the sample into it and adds the contract views. */
export async function createNorthwindDatabase(file: string): Promise<TestDatabase> {
  const test = await createTestDatabase('postgres');
  try {
    // Without parameters, pg sends each file as one simple query, which may hold many statements.
    await sql.raw(readFileSync(file, 'utf8')).execute(test.database.db);
    await sql.raw(readFileSync(path.join(__dirname, 'northwind-views.sql'), 'utf8')).execute(test.database.db);
  } catch (error) {
    await test.drop();
    throw error;
  }
  return test;
}
