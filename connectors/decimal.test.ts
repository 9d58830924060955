import * as decimal from './decimal';

describe('decimal', () => {
  test('add and subtract are exact beyond float precision', () => {
    expect(decimal.add('0.1', '0.2')).toBe('0.3');
    expect(decimal.add('12345678901234.5678', '0.0001')).toBe('12345678901234.5679');
    expect(decimal.subtract('490560.0000', '490560')).toBe('0');
    expect(decimal.subtract('1', '1.0001')).toBe('-0.0001');
  });

  test('multiply is exact', () => {
    expect(decimal.multiply('2.5', '36.0000')).toBe('90');
    expect(decimal.multiply('-3', '0.3333')).toBe('-0.9999');
  });

  test('compare orders numerically, not as text', () => {
    expect(decimal.compare('10', '9.9999')).toBe(1);
    expect(decimal.compare('-10', '-9')).toBe(-1);
    expect(decimal.compare('1.5000', '1.5')).toBe(0);
  });

  test('sum of many cents has no rounding drift', () => {
    expect(decimal.sum(Array.from({ length: 10_000 }, () => '0.01'))).toBe('100');
    expect(decimal.sum([])).toBe('0');
  });

  test('isZero accepts any scale and sign', () => {
    expect(decimal.isZero('0.0000')).toBe(true);
    expect(decimal.isZero('-0')).toBe(true);
    expect(decimal.isZero('0.0001')).toBe(false);
  });

  test('toFixedScale pads and rounds half away from zero', () => {
    expect(decimal.toFixedScale('1234.5')).toBe('1234.5000');
    expect(decimal.toFixedScale('-25.5', 2)).toBe('-25.50');
    expect(decimal.toFixedScale('0.00005')).toBe('0.0001');
    expect(decimal.toFixedScale('-0.00004')).toBe('0.0000');
    expect(decimal.toFixedScale('12345678901234.5678')).toBe('12345678901234.5678');
  });

  test('scaled integers convert both ways exactly', () => {
    expect(decimal.toScaledInteger('1234.5')).toBe(12345000n);
    expect(decimal.toScaledInteger('12345678901234.5678')).toBe(123456789012345678n);
    expect(decimal.toScaledInteger('-0.0001')).toBe(-1n);
    expect(decimal.toScaledInteger('7', 0)).toBe(7n);
    expect(decimal.fromScaledInteger(12345000n)).toBe('1234.5000');
    expect(decimal.fromScaledInteger(123456789012345678n)).toBe('12345678901234.5678');
    expect(decimal.fromScaledInteger(-1n)).toBe('-0.0001');
    expect(decimal.fromScaledInteger('-0')).toBe('0.0000');
    expect(decimal.fromScaledInteger(1999n, 2)).toBe('19.99');
    expect(decimal.fromScaledInteger(150n, 0)).toBe('150');
  });

  test('toScaledInteger refuses to drop digits', () => {
    expect(() => decimal.toScaledInteger('1.00001')).toThrow('Decimal "1.00001" has more than 4 fraction digits');
    expect(decimal.toScaledInteger('1.00000')).toBe(10000n);
  });

  test.each(['', '1e3', '.5', '1.', '0x10', ' 1', 'NaN', '1,5'])('invalid decimal %j is rejected', (text) => {
    expect(decimal.isDecimalString(text)).toBe(false);
    expect(() => decimal.add(text, '1')).toThrow(decimal.DecimalError);
  });
});
