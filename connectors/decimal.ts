/**
 * Exact arithmetic on decimal strings such as "-1234.5000".
 *
 * Money and quantities never become JavaScript numbers: values are parsed by
 * big.js in strict mode, which throws if a float is passed in or converted
 * out. Results are plain decimal notation, never exponent notation.
 *
 * Import as a namespace: `import * as decimal from './decimal'`.
 */
import BigModule from 'big.js';

import type { DecimalString } from './domain';

/** Scale of DECIMAL(19,4), the type of every money and quantity column in the ERP contract. */
export const CONTRACT_SCALE = 4;

/** A separate big.js constructor, so strict mode does not change the global one. */
const Big = BigModule();
Big.strict = true;

const ZERO = new Big('0');

/** Plain decimal notation only: an optional minus sign, digits, an optional fraction. */
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Thrown when a string is not a plain decimal number or a conversion would lose digits. */
export class DecimalError extends Error {
  override name = 'DecimalError';
}

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

function parse(value: DecimalString): BigModule.Big {
  if (!DECIMAL_PATTERN.test(value)) {
    throw new DecimalError(
      `Invalid decimal "${value}": expected plain notation such as "-1234.5000" (digits, an optional "-" and "." fraction, no exponent).`,
    );
  }
  return new Big(value);
}

/** Formats without exponent notation and without a "-0". */
function format(value: BigModule.Big, scale?: number): DecimalString {
  const text = scale === undefined ? value.toFixed() : value.toFixed(scale, Big.roundHalfUp);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

export function add(a: DecimalString, b: DecimalString): DecimalString {
  return format(parse(a).plus(parse(b)));
}

export function subtract(a: DecimalString, b: DecimalString): DecimalString {
  return format(parse(a).minus(parse(b)));
}

export function multiply(a: DecimalString, b: DecimalString): DecimalString {
  return format(parse(a).times(parse(b)));
}

/** Returns -1, 0 or 1 like a sort comparator. */
export function compare(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return parse(a).cmp(parse(b));
}

export function isZero(value: DecimalString): boolean {
  return parse(value).eq(ZERO);
}

/** Sum of all values; "0" for none. */
export function sum(values: Iterable<DecimalString>): DecimalString {
  let total = ZERO;
  for (const value of values) {
    total = total.plus(parse(value));
  }
  return format(total);
}

/**
 * Formats a value with exactly `scale` fraction digits, padding with zeros.
 * Extra digits are rounded half away from zero. Values read from DECIMAL(19,4)
 * columns never have extra digits.
 */
export function toFixedScale(value: DecimalString, scale: number = CONTRACT_SCALE): DecimalString {
  return format(parse(value), scale);
}

/**
 * Converts an integer count of 10^-scale units to a decimal string with
 * exactly `scale` fraction digits: (12345000n, 4) gives "1234.5000".
 */
export function fromScaledInteger(scaled: bigint | string, scale: number = CONTRACT_SCALE): DecimalString {
  const text = typeof scaled === 'bigint' ? scaled.toString() : scaled;
  if (!/^-?\d+$/.test(text)) {
    throw new DecimalError(`Invalid scaled integer "${text}": expected an integer count of 10^-${scale} units.`);
  }

  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '').padStart(scale + 1, '0');
  const integerPart = digits.slice(0, digits.length - scale);
  const fractionPart = digits.slice(digits.length - scale);
  const unsigned = scale === 0 ? integerPart : `${integerPart}.${fractionPart}`;
  return negative && /[1-9]/.test(digits) ? `-${unsigned}` : unsigned;
}

/**
 * Converts a decimal string to an integer count of 10^-scale units:
 * ("1234.5", 4) gives 12345000n. Throws instead of rounding when the value
 * has non-zero digits beyond `scale`.
 */
export function toScaledInteger(value: DecimalString, scale: number = CONTRACT_SCALE): bigint {
  parse(value);

  const negative = value.startsWith('-');
  const [integerPart = '0', fractionPart = ''] = (negative ? value.slice(1) : value).split('.');
  const keptFraction = fractionPart.slice(0, scale);
  const dropped = fractionPart.slice(scale);
  if (/[1-9]/.test(dropped)) {
    throw new DecimalError(`Decimal "${value}" has more than ${scale} fraction digits and cannot be stored exactly. Round it first.`);
  }

  const magnitude = BigInt(integerPart + keptFraction.padEnd(scale, '0'));
  return negative ? -magnitude : magnitude;
}
