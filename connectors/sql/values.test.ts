import { isIdString, isIsoDate, isIsoInstant, readBooleanValue, readDateValue, readIdValue, readInstantValue, readIntegerValue } from './values';

describe('value readers', () => {
  test('readInstantValue normalises to UTC and keeps sub-millisecond digits', () => {
    expect(readInstantValue('2026-11-30 14:05:00')).toBe('2026-11-30T14:05:00.000Z');
    expect(readInstantValue('2026-11-30T14:05:00.5Z')).toBe('2026-11-30T14:05:00.500Z');
    expect(readInstantValue('2026-11-30 14:05:00.123456+00')).toBe('2026-11-30T14:05:00.123456Z');
    expect(readInstantValue('2026-11-30T14:05:00.1234500')).toBe('2026-11-30T14:05:00.12345Z');
    expect(readInstantValue('2026-11-30 23:30:00+05:30')).toBe('2026-11-30T18:00:00.000Z');
    expect(readInstantValue('2026-11-30 01:00:00-0200')).toBe('2026-11-30T03:00:00.000Z');
    expect(readInstantValue(new Date('2026-11-30T14:05:00.001Z'))).toBe('2026-11-30T14:05:00.001Z');
  });

  test.each(['infinity', '2026-11-30', 42])('readInstantValue rejects %j', (value) => {
    expect(() => readInstantValue(value)).toThrow('Invalid instant');
  });

  test('readDateValue accepts date text and UTC midnights', () => {
    expect(readDateValue('2026-11-30')).toBe('2026-11-30');
    expect(readDateValue(new Date(Date.UTC(2026, 10, 30)))).toBe('2026-11-30');
    expect(() => readDateValue('30.11.2026')).toThrow('Invalid date "30.11.2026"');
  });

  test('readIdValue keeps 64-bit ids exact', () => {
    expect(readIdValue(9223372036854775807n)).toBe('9223372036854775807');
    expect(readIdValue('9007199254740993')).toBe('9007199254740993');
    expect(readIdValue(42)).toBe('42');
    expect(() => readIdValue(1.5)).toThrow('Invalid id number 1.5');
  });

  test('readIntegerValue rejects values beyond 2^53', () => {
    expect(readIntegerValue(12n)).toBe(12);
    expect(readIntegerValue('12')).toBe(12);
    expect(() => readIntegerValue(9007199254740993n)).toThrow('expected a whole number below 2^53');
    expect(() => readIntegerValue('1e3')).toThrow('Invalid integer "1e3"');
  });

  test('readBooleanValue accepts booleans and 0 or 1', () => {
    expect([readBooleanValue(true), readBooleanValue(0n), readBooleanValue(1)]).toEqual([true, false, true]);
    expect(() => readBooleanValue('t')).toThrow('Invalid boolean "t"');
  });

  test('isIsoDate checks the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  test('isIsoInstant checks the calendar and the time of day', () => {
    expect(isIsoInstant('2026-11-30T23:59:59.999Z')).toBe(true);
    expect(isIsoInstant('2026-02-30T00:00:00.000Z')).toBe(false);
    expect(isIsoInstant('2026-11-30T24:00:00.000Z')).toBe(false);
    expect(isIsoInstant('2026-11-30')).toBe(false);
  });

  test('isIdString accepts BIGINT range only', () => {
    expect(isIdString('9223372036854775807')).toBe(true);
    expect(isIdString('9223372036854775808')).toBe(false);
    expect(isIdString('-1')).toBe(false);
    expect(isIdString('1.0')).toBe(false);
    expect(isIdString('')).toBe(false);
  });
});
