/**
 * Calendar arithmetic on "YYYY-MM-DD" strings with integers only, so results
 * never depend on the process time zone.
 */
import type { IsoDate } from '../domain';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: IsoDate): [year: number, month: number, day: number] {
  const match = DATE_PATTERN.exec(date);
  if (match === null) {
    throw new RangeError(`Invalid date "${date}": expected YYYY-MM-DD.`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the days_from_civil algorithm by Howard Hinnant). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of `daysFromCivil`. */
function civilFromDays(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function dayNumber(date: IsoDate): number {
  return daysFromCivil(...parseDate(date));
}

export function dateFromDayNumber(days: number): IsoDate {
  return civilFromDays(days);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return civilFromDays(dayNumber(date) + days);
}

/** Lists the `count` calendar months ending with the month of `date`, oldest first, as "YYYY-MM". */
export function monthsEndingWith(date: IsoDate, count: number): string[] {
  const [year, month] = parseDate(date);
  const last = year * 12 + (month - 1);

  const months: string[] = [];
  for (let index = last - count + 1; index <= last; index += 1) {
    months.push(`${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`);
  }
  return months;
}

/** Returns the first day of the month `months` months after (or before, if negative) the month of `date`. */
export function firstOfMonth(date: IsoDate, months = 0): IsoDate {
  const [year, month] = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}-01`;
}
