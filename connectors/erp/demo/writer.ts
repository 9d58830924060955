/**
 * Buffers demo rows and writes them as multi-row INSERT statements.
 */
import type { Kysely } from 'kysely';

import { ERP_TABLES, type ErpDatabase } from '../contract';

/**
 * Bound parameters per INSERT. SQLite 3.32 and later accepts 32,766 and
 * PostgreSQL 65,535, so this stays well below both while keeping statements few.
 */
const MAX_PARAMETERS_PER_INSERT = 10_000;

/** Rows buffered in all tables before they are written. */
const MAX_BUFFERED_ROWS = 20_000;

type Row = Record<string, unknown>;

export class DemoRowWriter {
  private readonly buffers = new Map<keyof ErpDatabase, Row[]>();
  private buffered = 0;
  private readonly written = new Map<keyof ErpDatabase, number>();

  constructor(private readonly db: Kysely<any>) {}

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

      const columns = Object.keys(rows[0] ?? {}).length;
      const rowsPerInsert = Math.max(1, Math.floor(MAX_PARAMETERS_PER_INSERT / columns));
      for (let start = 0; start < rows.length; start += rowsPerInsert) {
        await this.db.insertInto(table).values(rows.slice(start, start + rowsPerInsert)).execute();
      }

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
