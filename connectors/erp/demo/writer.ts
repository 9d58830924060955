/**
 * Buffers demo rows and writes them as multi-row INSERT statements.
 */
import { sql, type Kysely } from 'kysely';

import type { Engine } from '../../sql';
import { ERP_TABLES, type ErpDatabase } from '../contract';

/**
 * Bound parameters and rows per INSERT. SQLite 3.32 and later accepts 32,766
 * parameters and PostgreSQL 65,535, so 10,000 stays well below both while
 * keeping statements few. SQL Server accepts 2,100 parameters and 1,000 rows
 * in one INSERT ... VALUES.
 */
const INSERT_LIMITS: Record<Engine, { parameters: number; rows: number }> = {
  sqlite: { parameters: 10_000, rows: Number.MAX_SAFE_INTEGER },
  postgres: { parameters: 10_000, rows: Number.MAX_SAFE_INTEGER },
  mssql: { parameters: 2_000, rows: 1_000 },
};

/** Rows buffered in all tables before they are written. */
const MAX_BUFFERED_ROWS = 20_000;

type Row = Record<string, unknown>;

export class DemoRowWriter {
  private readonly buffers = new Map<keyof ErpDatabase, Row[]>();
  private buffered = 0;
  private readonly written = new Map<keyof ErpDatabase, number>();

  /** `db` must be a transaction on SQL Server, because IDENTITY_INSERT is set per connection. */
  constructor(
    private readonly db: Kysely<any>,
    private readonly engine: Engine,
  ) {}

  /** Queues a row, and writes everything queued once MAX_BUFFERED_ROWS have piled up. */
  async add(table: keyof ErpDatabase, row: Row): Promise<void> {
    const buffer = this.buffers.get(table);
    if (buffer === undefined) {
      this.buffers.set(table, [row]);
    } else {
      buffer.push(row);
    }

    this.buffered += 1;
    if (this.buffered >= MAX_BUFFERED_ROWS) {
      await this.flush();
    }
  }

  /**
   * Writes every queued row. Tables are written parents first, so foreign
   * keys always point to rows that exist.
   */
  async flush(): Promise<void> {
    for (const table of ERP_TABLES) {
      const rows = this.buffers.get(table);
      if (rows === undefined || rows.length === 0) {
        continue;
      }

      const columns = Object.keys(rows[0] ?? {});
      const limits = INSERT_LIMITS[this.engine];
      const rowsPerInsert = Math.max(1, Math.min(limits.rows, Math.floor(limits.parameters / columns.length)));
      await insertWithExplicitIds(this.db, this.engine, table, columns.includes('id'), async () => {
        for (let start = 0; start < rows.length; start += rowsPerInsert) {
          await this.db.insertInto(table).values(rows.slice(start, start + rowsPerInsert)).execute();
        }
      });

      this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
      this.buffers.set(table, []);
    }
    this.buffered = 0;
  }

  /** Rows written so far per table. */
  counts(): Partial<Record<keyof ErpDatabase, number>> {
    return Object.fromEntries(this.written);
  }
}

/**
 * Runs inserts that set the `id` of an identity column. SQL Server rejects
 * that unless IDENTITY_INSERT is on for the table, which it allows for one
 * table per connection at a time, so `db` must be a transaction there. SQL
 * Server moves the identity past the largest inserted id by itself.
 */
export async function insertWithExplicitIds(
  db: Kysely<any>,
  engine: Engine,
  table: keyof ErpDatabase,
  setsIds: boolean,
  insert: () => Promise<void>,
): Promise<void> {
  if (engine !== 'mssql' || !setsIds) {
    await insert();
    return;
  }

  await sql`SET IDENTITY_INSERT ${sql.table(table)} ON`.execute(db);
  try {
    await insert();
  } finally {
    await sql`SET IDENTITY_INSERT ${sql.table(table)} OFF`.execute(db);
  }
}
