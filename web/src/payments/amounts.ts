/**
 * Exact arithmetic on the decimal strings of payment amounts, for the review
 * page's checks and total. Amounts become BigInt counts of ten-thousandths
 * (the gateway's four decimal places) and never pass through a float. The
 * gateway computes and checks every amount again; these are for display and
 * early messages only.
 */

const SCALE = 4;
const SCALE_FACTOR = 10n ** BigInt(SCALE);
const AMOUNT_PATTERN = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Decimal places of a currency's minor unit, as Intl reports them: 2 for USD, 0 for JPY. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Ten-thousandths of a decimal string such as "1234.5000"; throws when it has more than four places. */
export function toScaled(amount: string): bigint {
  const match = AMOUNT_PATTERN.exec(amount.trim());
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > SCALE) {
    throw new Error(`Invalid amount "${amount}": expected digits with at most ${SCALE} decimal places, for example "125.50".`);
  }
  const value = BigInt(match[2] ?? '0') * SCALE_FACTOR + BigInt(fraction.padEnd(SCALE, '0'));
  return match[1] === '-' ? -value : value;
}

/** Formats ten-thousandths as a decimal string with four places, as the gateway sends amounts. */
export function fromScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

/** Adds decimal strings exactly. */
export function sumAmounts(amounts: readonly string[]): string {
  return fromScaled(amounts.reduce((sum, amount) => sum + toScaled(amount), 0n));
}

/** Shows an amount for editing with the currency's own decimal places: "125.5000" USD becomes "125.50". */
export function toInputText(amount: string, currency: string): string {
  const exponent = currencyExponent(currency);
  const scaled = toScaled(amount);
  const text = fromScaled(scaled);
  const [whole, fraction = ''] = text.split('.');
  const kept = fraction.slice(0, exponent);
  // Digits beyond the minor unit stay visible, so no amount is silently rounded.
  const rest = fraction.slice(exponent).replace(/0+$/, '');
  const shown = kept + rest;
  return shown === '' ? `${whole}` : `${whole}.${shown}`;
}

export type AmountCheck = { ok: true; amount: string } | { ok: false; message: string };

export interface AmountLimits {
  currency: string;
  /** Maximum amount: the invoice's payable amount. */
  max: string;
  /** Smallest partial amount, or null when there is none. */
  minimum: string | null;
}

/**
 * Checks an amount the customer typed: a positive number with no more
 * decimal places than the currency has, at most `max`, and, when below
 * `max`, at least `minimum`. Returns the amount as a four-place decimal.
 */
export function checkAmountInput(text: string, limits: AmountLimits): AmountCheck {
  const trimmed = text.trim();
  const exponent = currencyExponent(limits.currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) {
    return { ok: false, message: `Enter an amount such as ${exponent === 0 ? '1250' : '125.50'}.` };
  }
  if ((match[2] ?? '').length > exponent) {
    return {
      ok: false,
      message: exponent === 0 ? `${limits.currency} amounts have no decimal places.` : `Use at most ${exponent} decimal places.`,
    };
  }

  const amount = toScaled(trimmed);
  const max = toScaled(limits.max);
  if (amount <= 0n) {
    return { ok: false, message: 'Enter an amount greater than zero.' };
  }
  if (amount > max) {
    return { ok: false, message: `Enter at most ${toInputText(limits.max, limits.currency)} ${limits.currency}, the amount still open.` };
  }
  if (amount < max && limits.minimum !== null && amount < toScaled(limits.minimum)) {
    return { ok: false, message: `A partial payment must be at least ${toInputText(limits.minimum, limits.currency)} ${limits.currency}.` };
  }
  return { ok: true, amount: fromScaled(amount) };
}
