import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';

import { daysInMonth } from './date';

// ISO 8601 extended format with a mandatory offset: "Z" or "+hh:mm".
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Converts an ISO 8601 date-time with an explicit offset to the UTC form
 * "2026-11-30T14:05:00.000Z", or returns null when the text is not one.
 * A value without an offset is rejected because its instant is unknown.
 * Fractions finer than a millisecond are truncated.
 */
export function toUtcIsoString(value: string): string | null {
  const match = DATE_TIME_PATTERN.exec(value);
  if (match === null) {
    return null;
  }

  const [, year, month, day, hour, minute, second = '00', , , offsetHours, offsetMinutes] = match;
  const validDay = Number(day) >= 1 && Number(month) >= 1 && Number(month) <= 12 && Number(day) <= daysInMonth(Number(year), Number(month));
  const validTime = Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
  const validOffset = offsetHours === undefined || (Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59);
  if (!validDay || !validTime || !validOffset) {
    return null;
  }

  // The text carries its own offset, so Date.parse reads it without the
  // process time zone.
  const milliseconds = Date.parse(value);
  return Number.isNaN(milliseconds) ? null : new Date(milliseconds).toISOString();
}

function parseDateTime(value: unknown): string {
  const utc = typeof value === 'string' ? toUtcIsoString(value) : null;
  if (utc === null) {
    throw new GraphQLError(
      `DateTime must be ISO 8601 with an offset, for example "2026-11-30T14:05:00Z" or "2026-11-30T15:05:00+01:00"; got ${JSON.stringify(value)}.`,
    );
  }
  return utc;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'Instant in ISO 8601. Always sent in UTC, for example "2026-11-30T14:05:00.000Z"; accepted with any offset.',

  serialize(value) {
    const utc = typeof value === 'string' ? toUtcIsoString(value) : null;
    if (utc === null) {
      throw new TypeError(`DateTime cannot serialize ${JSON.stringify(value)}: expected an ISO 8601 string with an offset.`);
    }
    return utc;
  },

  parseValue: parseDateTime,

  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError(`DateTime must be a string literal such as "2026-11-30T14:05:00Z"; got ${print(ast)}.`, {
        nodes: ast,
      });
    }
    return parseDateTime(ast.value);
  },
});
