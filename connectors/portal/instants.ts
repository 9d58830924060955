/**
 * Conversion between the Date objects of the store's interface and the
 * engine's timestamp columns.
 */
import type { EngineAdapter } from '../sql';

export function instantParameter(adapter: EngineAdapter, name: string, value: Date): unknown {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`Invalid ${name}: expected a valid Date, got ${String(value)}.`);
  }
  return adapter.instantParameter(value.toISOString());
}

export function readInstant(adapter: EngineAdapter, value: unknown): Date {
  return new Date(adapter.readInstant(value));
}
