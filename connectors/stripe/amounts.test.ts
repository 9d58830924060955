import * as decimal from '../decimal';
import { fromMinorUnits, minorUnitExponent, toMinorUnits, UnrepresentableAmountError } from './amounts';

describe('toMinorUnits', () => {
  it.each([
    ['12.34', 'USD', 1234],
    ['12.3400', 'USD', 1234],
    ['0.01', 'usd', 1],
    ['1500', 'JPY', 1500],
    ['1500.0000', 'JPY', 1500],
    ['25000', 'KRW', 25000],
    ['5.120', 'KWD', 5120],
    ['5.12', 'BHD', 5120],
    ['10.00', 'ISK', 1000],
    ['0', 'EUR', 0],
  ])('converts %s %s to %d', (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it.each([
    ['12.345', 'USD', 'too_precise'],
    ['12.3401', 'USD', 'too_precise'],
    ['1500.5', 'JPY', 'too_precise'],
    ['5.125', 'KWD', 'not_multiple'],
    ['10.50', 'ISK', 'not_multiple'],
    ['-1.00', 'USD', 'negative'],
    ['1e3', 'USD', 'invalid'],
    ['12.', 'USD', 'invalid'],
    ['', 'USD', 'invalid'],
    ['99999999999999999', 'USD', 'too_large'],
  ])('rejects %s %s as %s', (amount, currency, reason) => {
    let caught: unknown;
    try {
      toMinorUnits(amount, currency);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnrepresentableAmountError);
    expect((caught as UnrepresentableAmountError).reason).toBe(reason);
  });

  it('names the amount and currency in the message', () => {
    expect(() => toMinorUnits('1500.5', 'JPY')).toThrow('Amount 1500.5 JPY has a fractional part, but JPY is charged in whole units only.');
  });

  it('rejects a currency code that is not three letters', () => {
    expect(() => toMinorUnits('1.00', 'US')).toThrow(RangeError);
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [1500, 'JPY', '1500'],
    [5120, 'KWD', '5.120'],
    [0, 'EUR', '0.00'],
  ])('converts %d %s to %s', (minor, currency, expected) => {
    expect(fromMinorUnits(minor, currency)).toBe(expected);
  });

  it('rejects a fractional number of minor units', () => {
    expect(() => fromMinorUnits(1.5, 'USD')).toThrow(RangeError);
  });
});

describe('minor units over many lines', () => {
  it('sums 0.10 and 0.20 lines without drift', () => {
    const amounts = Array.from({ length: 999 }, (_, index) => (index % 2 === 0 ? '0.10' : '0.20'));
    const minorTotal = amounts.reduce((sum, amount) => sum + toMinorUnits(amount, 'USD'), 0);
    const decimalTotal = decimal.sum(amounts);

    expect(minorTotal).toBe(14980);
    expect(fromMinorUnits(minorTotal, 'USD')).toBe('149.80');
    expect(decimal.compare(decimalTotal, '149.80')).toBe(0);
    // The float sum drifts; the point of the exact path.
    expect(amounts.reduce((sum, amount) => sum + Number(amount), 0)).not.toBe(149.8);
  });

  it('knows the exponent of zero- and three-decimal currencies', () => {
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(minorUnitExponent('USD')).toBe(2);
  });
});
