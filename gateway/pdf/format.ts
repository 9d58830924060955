import * as decimal from '../../connectors/decimal';
import type { CurrencyCode, DecimalString } from '../../connectors/domain';

/** Number of minor-unit digits of a currency (2 for USD, 0 for JPY); 2 when the code is unknown. */
export function currencyDigits(currency: CurrencyCode): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Formats an exact amount for print, rounded half away from zero to the
 * currency's minor unit and grouped in thousands: "-1,234.50". The value
 * stays a string throughout, so no float rounding creeps in.
 */
export function formatAmount(amount: DecimalString, currency: CurrencyCode): string {
  const fixed = decimal.toFixedScale(amount, currencyDigits(currency));
  const negative = fixed.startsWith('-');
  const [integerPart = '0', fractionPart] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fractionPart === undefined ? '' : `.${fractionPart}`}`;
}

/** Formats a quantity without trailing zeros: "12.5000" prints as "12.5". */
export function formatQuantity(quantity: DecimalString): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
