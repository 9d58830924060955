import { GraphQLError, Kind, parseValue } from 'graphql';

import { DateScalar, isCalendarDate } from './date';
import { DateTimeScalar, toUtcIsoString } from './date-time';
import { DecimalScalar } from './decimal';

function literal(text: string) {
  return parseValue(text);
}

describe('Date scalar', () => {
  it.each(['2026-11-30', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
    expect(DateScalar.parseLiteral(literal(`"${value}"`))).toBe(value);
    expect(DateScalar.serialize(value)).toBe(value);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-11-30T00:00:00Z', '26-11-30', '2026-1-3', ' 2026-11-30', ''])(
    'rejects %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(() => DateScalar.parseValue(value)).toThrow(GraphQLError);
      expect(() => DateScalar.parseValue(value)).toThrow('Date must be a calendar day written as YYYY-MM-DD');
    },
  );

  it('rejects non-string values and literals', () => {
    expect(() => DateScalar.parseValue(20261130)).toThrow(GraphQLError);
    expect(() => DateScalar.parseLiteral(literal('20261130'))).toThrow('got 20261130.');
    expect(() => DateScalar.serialize(new Date('2026-11-30'))).toThrow(TypeError);
  });

  it('keeps the day whatever the process time zone', () => {
    // The value never passes through a JS Date, so no offset can move it.
    expect(DateScalar.serialize('2026-01-01')).toBe('2026-01-01');
    expect(DateScalar.parseValue('2026-12-31')).toBe('2026-12-31');
  });
});

describe('DateTime scalar', () => {
  it('serializes UTC with milliseconds', () => {
    expect(DateTimeScalar.serialize('2026-11-30T14:05:00Z')).toBe('2026-11-30T14:05:00.000Z');
    expect(DateTimeScalar.serialize('2026-11-30T14:05:00.000Z')).toBe('2026-11-30T14:05:00.000Z');
  });

  it('converts offsets to UTC', () => {
    expect(DateTimeScalar.parseValue('2026-11-30T15:05:00+01:00')).toBe('2026-11-30T14:05:00.000Z');
    expect(DateTimeScalar.parseValue('2026-12-01T00:30:00.5-05:30')).toBe('2026-12-01T06:00:00.500Z');
    expect(DateTimeScalar.parseLiteral(literal('"2026-11-30T14:05Z"'))).toBe('2026-11-30T14:05:00.000Z');
  });

  it.each([
    '2026-11-30T14:05:00',
    '2026-11-30',
    '2026-02-30T10:00:00Z',
    '2026-11-30T24:00:00Z',
    '2026-11-30T14:60:00Z',
    '2026-11-30T14:05:00+25:00',
    'yesterday',
  ])('rejects %j', (value) => {
    expect(toUtcIsoString(value)).toBeNull();
    expect(() => DateTimeScalar.parseValue(value)).toThrow('DateTime must be ISO 8601 with an offset');
  });

  it('rejects numbers and non-string literals', () => {
    expect(() => DateTimeScalar.parseValue(1764511500000)).toThrow(GraphQLError);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow('got 1.');
    expect(() => DateTimeScalar.serialize(null)).toThrow(TypeError);
  });
});

describe('Decimal scalar', () => {
  it.each(['0', '-12.5000', '1234567890123456789.0001', '0.0000'])('passes %s through unchanged', (value) => {
    expect(DecimalScalar.serialize(value)).toBe(value);
    expect(DecimalScalar.parseValue(value)).toBe(value);
    expect(DecimalScalar.parseLiteral(literal(`"${value}"`))).toBe(value);
  });

  it('accepts plain numbers and number literals', () => {
    expect(DecimalScalar.parseValue(12.5)).toBe('12.5');
    expect(DecimalScalar.parseValue(-3)).toBe('-3');
    expect(DecimalScalar.parseLiteral(literal('12.50'))).toBe('12.50');
    expect(DecimalScalar.parseLiteral(literal('7'))).toBe('7');
  });

  it.each([1e21, Number.NaN, Number.POSITIVE_INFINITY, 1e-7])('rejects the number %p', (value) => {
    expect(() => DecimalScalar.parseValue(value)).toThrow('Decimal must be a string in plain decimal notation');
  });

  it.each(['1e3', '1.5E2', '+1', '.5', '1.', '', 'NaN', '1,000.00', '12.5 '])('rejects the string %j', (value) => {
    expect(() => DecimalScalar.parseValue(value)).toThrow(GraphQLError);
  });

  it('rejects exponent literals and other literal kinds', () => {
    expect(() => DecimalScalar.parseLiteral(literal('1.5e3'))).toThrow('got 1.5e3.');
    expect(() => DecimalScalar.parseLiteral(literal('true'))).toThrow('got true.');
  });

  it('rejects numbers when serializing', () => {
    // A number here means a connector lost precision; it must not be sent.
    expect(() => DecimalScalar.serialize(12.5)).toThrow(TypeError);
  });
});
