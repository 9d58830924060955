/**
 * Display formatting for the exact strings the gateway sends: decimal money
 * amounts, calendar dates and UTC instants.
 */

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormatter = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const monthFormatter = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const longMonthFormatter = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
// No timeZone option: instants are shown in the browser's time zone.
const dateTimeFormatter = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const countFormatter = new Intl.NumberFormat('en-US');
const currencyFormatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string): Intl.NumberFormat {
  let formatter = currencyFormatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    currencyFormatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * Formats a decimal string such as "-1234567890123.4550" as currency, for
 * example "-$1,234,567,890,123.46".
 *
 * The amount never becomes a float. Its digits are rounded half away from
 * zero to the currency's minor unit with BigInt arithmetic. Intl formats the
 * whole part as a BigInt, which places the sign, symbol and group separators,
 * and the rounded fraction digits replace the fraction part of that output.
 * Throws on a string that is not a plain decimal number.
 */
export function formatMoney(amount: string, currency: string): string {
  const match = DECIMAL_PATTERN.exec(amount.trim());
  if (!match) {
    throw new Error(`Invalid decimal amount "${amount}": expected digits with an optional sign and fraction, for example "-12.50".`);
  }
  const [, sign, wholeDigits = '0', fractionDigits = ''] = match;

  const formatter = currencyFormatter(currency);
  const scale = formatter.resolvedOptions().maximumFractionDigits ?? 2;

  // Shift the decimal point right by `scale` digits and round on the next digit.
  const keptFractionDigits = fractionDigits.slice(0, scale).padEnd(scale, '0');
  let minorUnits = BigInt(wholeDigits + keptFractionDigits);
  const nextDigit = fractionDigits.charAt(scale);
  if (nextDigit !== '' && nextDigit >= '5') {
    minorUnits += 1n;
  }

  const divisor = 10n ** BigInt(scale);
  const whole = minorUnits / divisor;
  const fraction = (minorUnits % divisor).toString().padStart(scale, '0');
  const negative = sign === '-' && minorUnits !== 0n;

  // A BigInt has no negative zero, so "-0.40" is formatted from the number -0,
  // which Intl prints with its minus sign.
  let wholeValue: bigint | number = whole;
  if (negative) {
    wholeValue = whole === 0n ? -0 : -whole;
  }

  return formatter
    .formatToParts(wholeValue)
    .map((part) => (part.type === 'fraction' ? fraction : part.value))
    .join('');
}

/**
 * Formats a calendar date "YYYY-MM-DD" as "Nov 30, 2026". The date is read as
 * UTC and printed in UTC, so no time zone can move it to another day.
 * Returns the input unchanged when it is not a date string.
 */
export function formatDate(date: string): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) {
    return date;
  }
  const [, year, month, day] = match;
  const utcMidnight = Date.UTC(Number(year), Number(month) - 1, Number(day));
  return dateFormatter.format(utcMidnight);
}

/** Formats a month "YYYY-MM" as a short month name, for example "Nov". */
export function formatMonthShort(month: string): string {
  return monthFormatter.format(monthStart(month));
}

/** Formats a month "YYYY-MM" as "November 2026". */
export function formatMonthLong(month: string): string {
  return longMonthFormatter.format(monthStart(month));
}

function monthStart(month: string): number {
  const [year, monthNumber] = month.split('-');
  return Date.UTC(Number(year), Number(monthNumber) - 1, 1);
}

/**
 * Formats an ISO 8601 instant in the browser's time zone, for example
 * "Nov 30, 2026, 3:05 PM". Returns the input unchanged when it cannot be parsed.
 */
export function formatDateTime(instant: string): string {
  const milliseconds = Date.parse(instant);
  if (Number.isNaN(milliseconds)) {
    return instant;
  }
  return dateTimeFormatter.format(milliseconds);
}

/** Formats a count with group separators, for example "1,204". */
export function formatCount(count: number): string {
  return countFormatter.format(count);
}

/** Formats a count followed by the noun in agreement with it, for example "1 ticket" or "1,204 tickets". */
export function formatCountWithNoun(count: number, singular: string, plural: string): string {
  return `${countFormatter.format(count)} ${count === 1 ? singular : plural}`;
}

/** Formats a decimal quantity string, dropping trailing zeros of the fraction: "12.5000" becomes "12.5". */
export function formatQuantity(quantity: string): string {
  const match = DECIMAL_PATTERN.exec(quantity.trim());
  if (!match) {
    return quantity;
  }
  const [, sign, wholeDigits = '0', fractionDigits = ''] = match;
  const whole = countFormatter.format(BigInt(wholeDigits));
  const fraction = fractionDigits.replace(/0+$/, '');
  const prefix = sign === '-' ? '-' : '';
  return fraction ? `${prefix}${whole}.${fraction}` : `${prefix}${whole}`;
}
