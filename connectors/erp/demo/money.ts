/**
 * Prices and amounts of the demo data as whole numbers of minor units (cents,
 * or yen), converted to decimal strings only when a row is written.
 */
import * as decimal from '../../decimal';
import type { DecimalString } from '../../domain';
import type { CatalogItem, DemoCustomer } from './catalog';

/** Euro cents per 100 US cents and yen per 100 US cents, the demo's fixed exchange rates. */
const RATE_PER_100_US_CENTS = { USD: 100, EUR: 92, JPY: 150 } as const;

/**
 * Returns the item's unit price in the customer's minor unit. Items sold in half units
 * get an even price, so half a unit still costs a whole cent or yen.
 */
export function unitPriceMinor(item: CatalogItem, customer: DemoCustomer): number {
  const converted = Math.round((item.usdCents * RATE_PER_100_US_CENTS[customer.currency]) / 100);
  return item.halfUnits && converted % 2 === 1 ? converted + 1 : converted;
}

/** Line amount for a quantity given in half units: price x halves / 2, exact because half-unit prices are even. */
export function lineAmountMinor(unitPrice: number, quantityHalves: number): number {
  const doubled = unitPrice * quantityHalves;
  if (doubled % 2 !== 0) {
    throw new RangeError(`Line amount ${unitPrice} x ${quantityHalves}/2 is not a whole minor unit.`);
  }
  return doubled / 2;
}

export function minorToDecimal(minor: number, customer: DemoCustomer): DecimalString {
  return decimal.fromScaledInteger(BigInt(minor), customer.minorDigits);
}

export function halvesToDecimal(quantityHalves: number): DecimalString {
  return decimal.fromScaledInteger(BigInt(quantityHalves * 5), 1);
}
