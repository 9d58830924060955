/**
 * SQL Server: tedious returns decimals as JavaScript numbers and dates as Date
 * objects, so decimals, dates and instants are converted to text in SQL
 * before they reach the driver.
 *
 * NOTE: only the generated SQL is tested. No SQL Server was available, so the
 * conversions are unverified on a live server.
 */
import { sql } from 'kysely';

import * as decimal from '../decimal';
import type { DecimalString } from '../domain';
import { likeContainsPattern, lowerLike, operandExpression, type EngineAdapter } from './adapter';
import { UnexpectedValueError, readBooleanValue, readDateValue, readIdValue, readInstantValue, readIntegerValue } from './values';

function readDecimalText(value: unknown): DecimalString {
  if (typeof value === 'string' && decimal.isDecimalString(value.trim())) {
    return decimal.toFixedScale(value.trim());
  }
  throw new UnexpectedValueError(
    `Invalid SQL Server decimal ${typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`}: select money and quantity columns through decimalText().`,
  );
}

/** "2026-11-30T14:05:00.123Z" to "2026-11-30T14:05:00.123", which converts to datetime2 in any language setting. */
function withoutZone(value: string): string {
  return readInstantValue(value).slice(0, -1);
}

export const mssqlAdapter: EngineAdapter = {
  engine: 'mssql',

  // DECIMAL(38,4) first, so money and smallmoney keep all four fraction
  // digits (a direct money-to-text cast rounds to two) and every value reads
  // with the same scale.
  decimalText: (operand) => sql`CAST(CAST(${operandExpression(operand)} AS DECIMAL(38,4)) AS VARCHAR(50))`,
  readDecimal: readDecimalText,
  decimalParameter: (value) => decimal.toFixedScale(value),
  decimalValue: (value) => sql`CAST(${decimal.toFixedScale(value)} AS DECIMAL(19,4))`,

  // Style 23 is yyyy-mm-dd and style 126 is ISO 8601, independent of the session language.
  dateText: (operand) => sql`CONVERT(CHAR(10), ${operandExpression(operand)}, 23)`,
  monthText: (operand) => sql`CONVERT(CHAR(7), ${operandExpression(operand)}, 126)`,
  readDate: readDateValue,
  dateParameter: (value) => value,

  instantText: (operand) => sql`CONVERT(VARCHAR(33), ${operandExpression(operand)}, 126)`,
  readInstant: readInstantValue,
  instantParameter: withoutZone,

  readBoolean: readBooleanValue,
  booleanParameter: (value) => value,

  readId: readIdValue,
  idParameter: (value) => value,
  readInteger: readIntegerValue,

  // SQL Server's LIKE also treats "[" as the start of a character class.
  containsText: (operand, text) => lowerLike(operand, likeContainsPattern(text, ['%', '_', '['])),

  limit: (query, count) => query.top(count),

  async insertReturningId(query) {
    const row = await query.output('inserted.id' as any).executeTakeFirstOrThrow();
    return readIdValue((row as { id: unknown }).id);
  },
};
