/**
 * SQLite: DECIMAL(19,4) columns are INTEGER counts of ten-thousandths
 * (1234.5 is stored as 12345000), dates are "YYYY-MM-DD" text, instants are
 * ISO 8601 UTC text with milliseconds, booleans are 0 and 1.
 *
 * The connection returns every integer as a bigint (safe integers on), so
 * ids and sums above 2^53 stay exact.
 */
import { sql } from 'kysely';

import * as decimal from '../decimal';
import type { DecimalString } from '../domain';
import { likeContainsPattern, lowerLike, operandExpression, type EngineAdapter } from './adapter';
import { UnexpectedValueError, readBooleanValue, readDateValue, readIdValue, readInstantValue, readIntegerValue } from './values';

function readScaledDecimal(value: unknown): DecimalString {
  // CAST(x AS TEXT) of an INTEGER column gives its digits, while a REAL would have a "." or an exponent.
  if (typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))) {
    return decimal.fromScaledInteger(value);
  }
  throw new UnexpectedValueError(
    `Invalid SQLite decimal ${typeof value === 'string' ? `"${value}"` : String(value)}: money and quantity columns must be INTEGER counts of ten-thousandths.`,
  );
}

export const sqliteAdapter: EngineAdapter = {
  engine: 'sqlite',

  decimalText: (operand) => sql`CAST(${operandExpression(operand)} AS TEXT)`,
  readDecimal: readScaledDecimal,
  decimalParameter: (value) => decimal.toScaledInteger(value),
  decimalValue: (value) => sql`${decimal.toScaledInteger(value)}`,

  dateText: (operand) => sql`${operandExpression(operand)}`,
  monthText: (operand) => sql`substr(${operandExpression(operand)}, 1, 7)`,
  readDate: readDateValue,
  dateParameter: (value) => value,

  instantText: (operand) => sql`${operandExpression(operand)}`,
  readInstant: readInstantValue,
  // Stored text is compared as text, so bound values use the same normalised form.
  instantParameter: (value) => readInstantValue(value),

  readBoolean: readBooleanValue,
  booleanParameter: (value) => (value ? 1 : 0),

  readId: readIdValue,
  idParameter: (value) => BigInt(value),
  readInteger: readIntegerValue,

  containsText: (operand, text) => lowerLike(operand, likeContainsPattern(text, ['%', '_'])),

  limit: (query, count) => query.limit(count),

  async insertReturningId(query) {
    const row = await query.returning('id').executeTakeFirstOrThrow();
    return readIdValue((row as { id: unknown }).id);
  },
};
