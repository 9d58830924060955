/** Amount text for messages and payment-page descriptions. */
import { minorUnitExponent } from '../../connectors/stripe';

/**
 * Drops the trailing zeros that the ERP's four decimal places add beyond the
 * currency's own ("125.5000" USD -> "125.50", "1500.0000" JPY -> "1500")
 * and keeps every other digit, so nothing is rounded.
 */
export function formatAmount(amount: string, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const [whole = '0', fraction = ''] = amount.split('.');
  let kept = fraction;
  while (kept.length > exponent && kept.endsWith('0')) {
    kept = kept.slice(0, -1);
  }
  kept = kept.padEnd(exponent, '0');
  return kept === '' ? whole : `${whole}.${kept}`;
}
