/**
 * Conversions from the values that database drivers return to the strings of
 * the domain model. Every engine adapter uses these. The per-engine part is in
 * the select expressions, which decide what the driver receives.
 */
import type { IsoDate, IsoDateTime } from '../domain';

/** Thrown when a database returns a value the ERP contract does not allow in that column. */
export class UnexpectedValueError extends Error {
  override name = 'UnexpectedValueError';
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return `"${value}"`;
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  if (value instanceof Date) {
    return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  }
  return `${typeof value} ${String(value)}`;
}

/** Ids arrive as bigint (SQLite with safe integers), string (PostgreSQL int8) or number (SQL Server int). */
export function readIdValue(value: unknown): string {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return String(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return value;
  }
  throw new UnexpectedValueError(`Invalid id ${describe(value)}: the ERP contract requires integer ids.`);
}

const MAX_BIGINT = 9223372036854775807n;

/** True for a non-negative integer that fits BIGINT, the only form an ERP id key can take. */
export function isIdString(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Reads counts and line numbers, and rejects values that a JavaScript number cannot hold exactly. */
export function readIntegerValue(value: unknown): number {
  const number = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && (typeof value !== 'string' || /^-?\d+$/.test(value))) {
    return number;
  }
  throw new UnexpectedValueError(`Invalid integer ${describe(value)}: expected a whole number below 2^53.`);
}

export function readBooleanValue(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 0 || value === 1 || value === 0n || value === 1n) {
    return value === 1 || value === 1n;
  }
  throw new UnexpectedValueError(`Invalid boolean ${describe(value)}: expected true, false, 0 or 1.`);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a date, which arrives as "YYYY-MM-DD" text. A Date object (from a
 * driver that ignored the select expression) is read in UTC, where drivers
 * put a date's midnight.
 */
export function readDateValue(value: unknown): IsoDate {
  if (typeof value === 'string' && DATE_PATTERN.test(value)) {
    return value;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  throw new UnexpectedValueError(`Invalid date ${describe(value)}: expected "YYYY-MM-DD" text.`);
}

export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (match === null) {
    return false;
  }
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Normalises an instant to ISO 8601 UTC: "2026-11-30T14:05:00.000Z".
 *
 * Text without an offset is UTC by the ERP contract. PostgreSQL and SQL
 * Server store microseconds or more, and those digits are kept because a
 * keyset cursor must compare equal to the stored value. Trailing zeros past
 * the third fraction digit are dropped.
 */
export function readInstantValue(value: unknown): IsoDateTime {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }

  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  if (match === null) {
    throw new UnexpectedValueError(`Invalid instant ${describe(value)}: expected ISO 8601 such as "2026-11-30T14:05:00.000Z".`);
  }

  const [, date, time, fraction = '', offset = 'Z'] = match;
  const digits = fraction.padEnd(3, '0').replace(/(?<=\d{3})0+$/, '');
  if (/^(Z|[+-]00(:?00)?)$/.test(offset)) {
    return `${date}T${time}.${digits}Z`;
  }

  // A non-UTC offset only comes from a session that is not set to UTC. Date
  // converts it at millisecond precision once the offset reads "+hh:mm".
  const hours = offset.slice(0, 3);
  const minutes = offset.slice(3).replace(':', '') || '00';
  return new Date(`${date}T${time}.${digits.slice(0, 3)}${hours}:${minutes}`).toISOString();
}

/** True for ISO 8601 text that readInstantValue accepts and that names a real date and time of day. */
export function isIsoInstant(value: string): boolean {
  const match = INSTANT_PATTERN.exec(value);
  if (match === null || !isIsoDate(match[1] ?? '')) {
    return false;
  }
  const [hours = 99, minutes = 99, seconds = 99] = (match[2] ?? '').split(':').map(Number);
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}
