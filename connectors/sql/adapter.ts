/**
 * Per-engine handling of exact values: decimals, dates, instants, booleans
 * and ids, plus the few SQL constructs that differ between engines.
 *
 * Connectors select decimal, date and instant columns through the `...Text`
 * expressions, convert what comes back with the `read...` functions, and bind
 * values with the `...Parameter` / `...Value` functions. Everything else in a
 * query is portable SQL.
 */
import { sql, type Expression, type InsertQueryBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';

import type { DecimalString, IsoDate, IsoDateTime } from '../domain';
import type { Engine } from './engine';

/** A column reference such as "i.amount", or any SQL expression. */
export type SqlOperand = string | Expression<unknown>;

export interface EngineAdapter {
  readonly engine: Engine;

  /** Select expression that returns a DECIMAL(19,4) column or an aggregate of one in a form `readDecimal` converts exactly. */
  decimalText(operand: SqlOperand): RawBuilder<unknown>;
  /** Converts a value selected with `decimalText` to a decimal string with exactly 4 fraction digits. */
  readDecimal(value: unknown): DecimalString;
  /** Bound value for inserting into a decimal column. */
  decimalParameter(value: DecimalString): unknown;
  /** Expression for comparing a decimal column with a value. */
  decimalValue(value: DecimalString): RawBuilder<unknown>;

  /** Select expression that returns a DATE column as "YYYY-MM-DD" text. */
  dateText(operand: SqlOperand): RawBuilder<unknown>;
  /** Select or group-by expression that returns the "YYYY-MM" month of a DATE column. */
  monthText(operand: SqlOperand): RawBuilder<unknown>;
  readDate(value: unknown): IsoDate;
  /** Bound value for inserting into or comparing with a DATE column. */
  dateParameter(value: IsoDate): unknown;

  /** Select expression that returns a UTC timestamp column in a form `readInstant` converts exactly. */
  instantText(operand: SqlOperand): RawBuilder<unknown>;
  /** Converts a selected timestamp to ISO 8601 UTC with a trailing "Z". */
  readInstant(value: unknown): IsoDateTime;
  /** Bound value for inserting into or comparing with a UTC timestamp column. */
  instantParameter(value: IsoDateTime): unknown;

  readBoolean(value: unknown): boolean;
  booleanParameter(value: boolean): unknown;

  /** Ids of every engine as decimal strings, so 64-bit keys survive. */
  readId(value: unknown): string;
  /** Bound value for an id that the caller has checked with `isIdString`. */
  idParameter(value: string): unknown;
  /** Counts and small integers such as line numbers. */
  readInteger(value: unknown): number;

  /** Case-insensitive test that `operand` contains `text` literally: `%`, `_` and the escape character match only themselves. */
  containsText(operand: SqlOperand, text: string): RawBuilder<SqlBool>;

  /** Limits a select to its first `count` rows (LIMIT, or TOP on SQL Server). */
  limit<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, count: number): SelectQueryBuilder<DB, TB, O>;

  /** Runs an insert of one row and returns the generated `id` (RETURNING, or OUTPUT on SQL Server). */
  insertReturningId(query: InsertQueryBuilder<any, any, any>): Promise<string>;
}

export function operandExpression(operand: SqlOperand): Expression<unknown> {
  return typeof operand === 'string' ? sql.ref(operand) : operand;
}

/** Escape character for LIKE patterns, chosen because it needs no quoting in any engine's string literal. */
export const LIKE_ESCAPE = '!';

/**
 * Builds a `%text%` LIKE pattern in which every character of `text` matches
 * only itself. `specials` lists the engine's wildcard characters.
 */
export function likeContainsPattern(text: string, specials: readonly string[]): string {
  let escaped = '';
  for (const character of text) {
    escaped += character === LIKE_ESCAPE || specials.includes(character) ? LIKE_ESCAPE + character : character;
  }
  return `%${escaped}%`;
}

/** `LOWER(operand) LIKE LOWER(pattern) ESCAPE '!'`, which behaves the same on SQLite, PostgreSQL and SQL Server. */
export function lowerLike(operand: SqlOperand, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`LOWER(${operandExpression(operand)}) LIKE LOWER(${pattern}) ESCAPE ${sql.lit(LIKE_ESCAPE)}`;
}
