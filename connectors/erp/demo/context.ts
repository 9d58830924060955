/**
 * State shared by the parts of the demo generator, and the placement of
 * documents in time.
 */
import type { IsoDate, IsoDateTime } from '../../domain';
import type { EngineAdapter } from '../../sql';
import { dateFromDayNumber, dayNumber, firstOfMonth } from '../calendar';
import type { ResolvedDemoOptions } from './options';
import type { Random } from './random';
import type { DemoRowWriter } from './writer';

export interface DemoContext {
  random: Random;
  writer: DemoRowWriter;
  adapter: EngineAdapter;
  options: ResolvedDemoOptions;
  /** Day number of the first day of the history window. */
  firstDay: number;
  /** Day number of the business date, the last day anything happens. */
  lastDay: number;
}

export function historyWindow(options: ResolvedDemoOptions): { firstDay: number; lastDay: number } {
  return {
    firstDay: dayNumber(firstOfMonth(options.businessDate, 1 - options.months)),
    lastDay: dayNumber(options.businessDate),
  };
}

/**
 * Day of the `index`-th of `count` documents, ascending with the index.
 * The square root puts more documents into recent months (a growing
 * business), so open orders and current invoices exist even in small sets.
 */
export function documentDay(context: DemoContext, index: number, count: number): number {
  const span = context.lastDay - context.firstDay + 1;
  const position = Math.sqrt((index + context.random.fraction()) / count);
  return Math.min(context.lastDay, context.firstDay + Math.floor(position * span));
}

export function dateOf(day: number): IsoDate {
  return dateFromDayNumber(day);
}

const MS_PER_DAY = 86_400_000;

/** ISO 8601 UTC text for a millisecond offset from the start of a day, built without Date. */
export function instantOf(day: number, millisecondOfDay: number): IsoDateTime {
  const date = dateFromDayNumber(day + Math.floor(millisecondOfDay / MS_PER_DAY));
  const rest = ((millisecondOfDay % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  return `${date}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(rest % 1000, 3)}Z`;
}

/** Draws a string of decimal digits, for reference and tracking numbers. */
export function digits(context: DemoContext, length: number): string {
  return context.random.characters('0123456789', length);
}
