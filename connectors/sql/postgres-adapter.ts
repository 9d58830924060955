/**
 * PostgreSQL: the pool created in `postgres-dialect.ts` returns numeric and
 * int8 as text, DATE as "YYYY-MM-DD" and timestamps as ISO 8601 UTC text, so
 * columns are selected as they are.
 */
import { sql } from 'kysely';

import * as decimal from '../decimal';
import type { DecimalString } from '../domain';
import { likeContainsPattern, lowerLike, operandExpression, type EngineAdapter } from './adapter';
import { UnexpectedValueError, readBooleanValue, readDateValue, readIdValue, readInstantValue, readIntegerValue } from './values';

function readNumericText(value: unknown): DecimalString {
  if (typeof value === 'string' && decimal.isDecimalString(value)) {
    return decimal.toFixedScale(value);
  }
  throw new UnexpectedValueError(
    `Invalid PostgreSQL decimal ${typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`}: money and quantity columns must be numeric(19,4), not a floating-point type.`,
  );
}

export const postgresAdapter: EngineAdapter = {
  engine: 'postgres',

  decimalText: (operand) => sql`${operandExpression(operand)}`,
  readDecimal: readNumericText,
  decimalParameter: (value) => decimal.toFixedScale(value),
  decimalValue: (value) => sql`CAST(${decimal.toFixedScale(value)} AS NUMERIC)`,

  dateText: (operand) => sql`${operandExpression(operand)}`,
  monthText: (operand) => sql`to_char(${operandExpression(operand)}, 'YYYY-MM')`,
  readDate: readDateValue,
  dateParameter: (value) => value,

  instantText: (operand) => sql`${operandExpression(operand)}`,
  readInstant: readInstantValue,
  instantParameter: (value) => readInstantValue(value),

  readBoolean: readBooleanValue,
  booleanParameter: (value) => value,

  readId: readIdValue,
  idParameter: (value) => value,
  readInteger: readIntegerValue,

  containsText: (operand, text) => lowerLike(operand, likeContainsPattern(text, ['%', '_'])),

  limit: (query, count) => query.limit(count),

  async insertReturningId(query) {
    const row = await query.returning('id').executeTakeFirstOrThrow();
    return readIdValue((row as { id: unknown }).id);
  },
};
