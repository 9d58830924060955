/**
 * Exact conversion between decimal strings and the integer minor units that
 * the Stripe API expects in `amount` and `unit_amount` fields.
 *
 * The arithmetic runs on BigInt digits, never on floats, and nothing is
 * rounded: an amount that the currency cannot carry is rejected with an
 * `UnrepresentableAmountError` whose `reason` names the rule it breaks.
 *
 * Currency rules follow Stripe's "Supported currencies" page
 * (docs.stripe.com/currencies):
 * - zero-decimal currencies are sent as whole units (JPY 500 is `500`);
 * - three-decimal currencies are sent in thousandths, and Stripe requires
 *   the last digit to be 0 (KWD 5.120 is `5120`, KWD 5.125 is rejected);
 * - ISK stays a two-decimal currency in the API but accepts only whole
 *   krónur, so its minor units must be divisible by 100 (Stripe support
 *   article "Deprecation of fractional ISK charges and refunds", 2023);
 * - every other currency is sent in hundredths.
 */
import type { CurrencyCode, DecimalString } from '../domain';

const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);

const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Two-decimal in the API, but Stripe accepts only multiples of 100 minor units. */
const WHOLE_UNIT_ONLY_CURRENCIES: ReadonlySet<string> = new Set(['ISK']);

/**
 * Largest `amount` Stripe accepts for a charge in most currencies: eight
 * digits, for example 99999999 for USD 999,999.99 (Stripe API reference,
 * PaymentIntent `amount`). A few currencies allow more; this module does not
 * know which, so callers that need them must check with Stripe.
 */
export const STRIPE_MAX_AMOUNT_MINOR = 99_999_999;

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;

export type UnrepresentableReason = 'invalid' | 'negative' | 'too_precise' | 'not_multiple' | 'too_large';

/** An amount that Stripe cannot charge exactly in the given currency. */
export class UnrepresentableAmountError extends Error {
  override readonly name = 'UnrepresentableAmountError';

  constructor(
    readonly amount: string,
    readonly currency: string,
    readonly reason: UnrepresentableReason,
    message: string,
  ) {
    super(message);
  }
}

/** Number of decimal places in Stripe's minor unit of `currency`: 0, 2 or 3. */
export function minorUnitExponent(currency: CurrencyCode): 0 | 2 | 3 {
  const code = normalizeCurrency(currency);
  if (ZERO_DECIMAL_CURRENCIES.has(code)) {
    return 0;
  }
  if (THREE_DECIMAL_CURRENCIES.has(code)) {
    return 3;
  }
  return 2;
}

/**
 * Smallest step, in minor units, that Stripe accepts for `currency`: 10 for
 * three-decimal currencies, 100 for ISK, otherwise 1.
 */
export function minorUnitStep(currency: CurrencyCode): number {
  const code = normalizeCurrency(currency);
  if (THREE_DECIMAL_CURRENCIES.has(code)) {
    return 10;
  }
  if (WHOLE_UNIT_ONLY_CURRENCIES.has(code)) {
    return 100;
  }
  return 1;
}

/** Converts a currency code to the lowercase form that Stripe requests carry. */
export function toStripeCurrency(currency: CurrencyCode): string {
  return normalizeCurrency(currency).toLowerCase();
}

/**
 * Converts a non-negative decimal string to Stripe minor units, for example
 * ("12.3400", "USD") -> 1234 and ("1500.0000", "JPY") -> 1500.
 *
 * Trailing zeros beyond the currency's exponent are accepted. Any other
 * digit there raises `UnrepresentableAmountError` ("12.345" USD). So do a
 * value off the currency's step ("5.125" KWD, "10.50" ISK), a negative
 * value, and one beyond `Number.MAX_SAFE_INTEGER` minor units.
 */
export function toMinorUnits(amount: DecimalString, currency: CurrencyCode): number {
  const code = normalizeCurrency(currency);
  const match = DECIMAL_PATTERN.exec(amount);
  if (match === null) {
    throw new UnrepresentableAmountError(amount, code, 'invalid', `Invalid amount "${amount}": expected a decimal number such as 12.50.`);
  }
  const [, sign = '', whole = '0', fraction = ''] = match;

  const exponent = minorUnitExponent(code);
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > exponent) {
    throw new UnrepresentableAmountError(
      amount,
      code,
      'too_precise',
      exponent === 0
        ? `Amount ${amount} ${code} has a fractional part, but ${code} is charged in whole units only.`
        : `Amount ${amount} ${code} has more than ${exponent} decimal places, which ${code} cannot carry.`,
    );
  }

  const minor = BigInt(whole + significantFraction.padEnd(exponent, '0'));
  if (sign === '-' && minor !== 0n) {
    throw new UnrepresentableAmountError(amount, code, 'negative', `Amount ${amount} ${code} is negative; Stripe charges only positive amounts.`);
  }

  const step = BigInt(minorUnitStep(code));
  if (minor % step !== 0n) {
    const stepText = fromMinorUnitsBig(step, code);
    throw new UnrepresentableAmountError(
      amount,
      code,
      'not_multiple',
      `Amount ${amount} ${code} is not a multiple of ${stepText} ${code}, the smallest step Stripe accepts for ${code}.`,
    );
  }

  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UnrepresentableAmountError(amount, code, 'too_large', `Amount ${amount} ${code} is too large to charge.`);
  }
  return Number(minor);
}

/**
 * Converts Stripe minor units back to a decimal string with exactly the
 * currency's number of decimal places: (1234, "USD") -> "12.34",
 * (1500, "JPY") -> "1500", (5120, "KWD") -> "5.120".
 */
export function fromMinorUnits(minor: number | bigint, currency: CurrencyCode): DecimalString {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`Invalid minor-unit amount ${minor}: expected a whole number.`);
  }
  return fromMinorUnitsBig(BigInt(minor), normalizeCurrency(currency));
}

function fromMinorUnitsBig(minor: bigint, code: string): DecimalString {
  const exponent = minorUnitExponent(code);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString();
  if (exponent === 0) {
    return (negative ? '-' : '') + digits;
  }

  const padded = digits.padStart(exponent + 1, '0');
  const whole = padded.slice(0, padded.length - exponent);
  const fraction = padded.slice(padded.length - exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

function normalizeCurrency(currency: CurrencyCode): string {
  if (!CURRENCY_PATTERN.test(currency)) {
    throw new RangeError(`Invalid currency code "${currency}": expected three letters such as USD.`);
  }
  return currency.toUpperCase();
}
