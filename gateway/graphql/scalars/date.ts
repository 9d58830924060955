import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks that `value` is a real calendar day written as YYYY-MM-DD. The check
 * is done on the digits (proleptic Gregorian calendar), never through a JS
 * Date, so no time zone can move the day.
 */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (match === null) {
    return false;
  }

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }

  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(
      `Date must be a calendar day written as YYYY-MM-DD, for example "2026-11-30"; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Calendar date written as YYYY-MM-DD, for example "2026-11-30", with no time of day and no time zone.',

  serialize(value) {
    // Connectors hand out dates as strings; anything else is a connector bug.
    if (typeof value !== 'string' || !isCalendarDate(value)) {
      throw new TypeError(`Date cannot serialize ${JSON.stringify(value)}: expected a YYYY-MM-DD string.`);
    }
    return value;
  },

  parseValue: parseDate,

  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError(`Date must be a string literal such as "2026-11-30"; got ${print(ast)}.`, {
        nodes: ast,
      });
    }
    return parseDate(ast.value);
  },
});
