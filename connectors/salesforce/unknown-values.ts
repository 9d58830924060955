/**
 * Counts Case values that the mapping tables do not list (a status such as
 * "On Hold" added in Salesforce but missing from SALESFORCE_STATUS_MAP). The
 * case is still returned with a fallback value. The reporter makes the gap
 * visible in the logs and in `stats()`, so that the table can be completed.
 */
import type { Logger } from 'pino';

/** A warning is logged for the first sighting of a value and then once per this many. */
const WARN_EVERY = 1_000;

export interface UnknownValueCount {
  field: 'status' | 'priority';
  value: string;
  count: number;
}

export class UnknownValueReporter {
  private readonly counts = new Map<string, UnknownValueCount>();

  constructor(private readonly logger: Logger) {}

  report(field: UnknownValueCount['field'], value: string, fallback: string, variable: string): void {
    const key = `${field}\u0000${value}`;
    const entry = this.counts.get(key) ?? { field, value, count: 0 };
    entry.count += 1;
    this.counts.set(key, entry);

    if (entry.count === 1 || entry.count % WARN_EVERY === 0) {
      this.logger.warn(
        { field, value, fallback, seen: entry.count },
        `Salesforce Case ${field} ${JSON.stringify(value)} is not in ${variable}; shown as ${fallback}. Add it to ${variable}.`,
      );
    }
  }

  snapshot(): UnknownValueCount[] {
    return [...this.counts.values()].map((entry) => ({ ...entry }));
  }
}
