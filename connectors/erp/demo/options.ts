/**
 * Options of the demo generator, with their defaults and checks.
 */
import { isIsoDate } from '../../sql';

export interface DemoDataOptions {
  /** Seed of the pseudo-random generator. The same seed gives the same rows. Default 1. */
  seed?: number;
  /** The ERP business date as "YYYY-MM-DD". No document is dated later. Default "2026-11-30". */
  businessDate?: string;
  /** Calendar months of history, ending with the business date's month. Default 24. */
  months?: number;
  /** Invoices and credit memos together (about 10 % are credit memos). Default 360. */
  invoices?: number;
  /** Sales orders. Default 180. */
  orders?: number;
  /** Service cases. Default 48. */
  tickets?: number;
}

export type ResolvedDemoOptions = Required<DemoDataOptions>;

export const DEFAULT_DEMO_OPTIONS: ResolvedDemoOptions = {
  seed: 1,
  businessDate: '2026-11-30',
  months: 24,
  invoices: 360,
  orders: 180,
  tickets: 48,
};

/** Upper bounds that keep ids and document numbers within their formats. */
const MAX_DOCUMENTS = 50_000_000;
const MAX_MONTHS = 600;

function requireCount(name: string, value: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`Invalid demo option ${name}=${value}: expected a whole number from 0 to ${max}.`);
  }
  return value;
}

export function resolveDemoOptions(options: DemoDataOptions = {}): ResolvedDemoOptions {
  const resolved = { ...DEFAULT_DEMO_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) };

  if (!Number.isSafeInteger(resolved.seed)) {
    throw new RangeError(`Invalid demo option seed=${resolved.seed}: expected a whole number.`);
  }
  if (!isIsoDate(resolved.businessDate)) {
    throw new RangeError(`Invalid demo option businessDate="${resolved.businessDate}": expected a calendar date as YYYY-MM-DD.`);
  }
  requireCount('months', resolved.months, MAX_MONTHS);
  if (resolved.months < 1) {
    throw new RangeError(`Invalid demo option months=${resolved.months}: expected at least 1.`);
  }
  requireCount('invoices', resolved.invoices, MAX_DOCUMENTS);
  requireCount('orders', resolved.orders, MAX_DOCUMENTS);
  requireCount('tickets', resolved.tickets, MAX_DOCUMENTS);
  return resolved;
}
