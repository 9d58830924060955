import { formatCountWithNoun, formatDate, formatDateTime, formatMoney, formatMonthLong, formatMonthShort, formatQuantity } from './format';

describe('formatMoney', () => {
  test.each([
    ['0', 'USD', '$0.00'],
    ['1234.5', 'USD', '$1,234.50'],
    ['1234.5000', 'USD', '$1,234.50'],
    ['-1234.5000', 'USD', '-$1,234.50'],
    ['+7', 'USD', '$7.00'],
    ['0.004', 'USD', '$0.00'],
    ['0.005', 'USD', '$0.01'],
    ['-0.005', 'USD', '-$0.01'],
    ['-0.004', 'USD', '$0.00'],
    ['-0.40', 'USD', '-$0.40'],
    ['9.995', 'USD', '$10.00'],
    ['999999.9950', 'USD', '$1,000,000.00'],
    ['1234.5', 'EUR', '€1,234.50'],
    ['1234.5', 'JPY', '¥1,235'],
    ['1234.4', 'JPY', '¥1,234'],
    ['1.2345', 'BHD', 'BHD 1.235'],
  ])('formats %s %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  test('keeps every digit of an amount beyond float precision', () => {
    // As a float this amount is 12345678901234567000, which loses the last digits.
    expect(formatMoney('12345678901234567890.1250', 'USD')).toBe('$12,345,678,901,234,567,890.13');
    expect(formatMoney('-98765432109876543.21', 'USD')).toBe('-$98,765,432,109,876,543.21');
  });

  test('rejects a string that is not a decimal number', () => {
    expect(() => formatMoney('1e5', 'USD')).toThrow('Invalid decimal amount "1e5"');
    expect(() => formatMoney('', 'USD')).toThrow('Invalid decimal amount ""');
    expect(() => formatMoney('12,50', 'USD')).toThrow('Invalid decimal amount "12,50"');
  });
});

describe('formatDate', () => {
  test('shows the calendar day of the string in every time zone', () => {
    // The first and last day of a year are the ones a UTC-to-local shift moves.
    expect(formatDate('2026-01-01')).toBe('Jan 1, 2026');
    expect(formatDate('2026-12-31')).toBe('Dec 31, 2026');
  });

  test('returns a value that is not a date unchanged', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('month labels', () => {
  test('formats YYYY-MM short and long', () => {
    expect(formatMonthShort('2026-01')).toBe('Jan');
    expect(formatMonthLong('2025-12')).toBe('December 2025');
  });
});

describe('formatDateTime', () => {
  test('returns an unparseable instant unchanged', () => {
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  test('formats a UTC instant', () => {
    expect(formatDateTime('2026-11-30T14:05:00.000Z')).toMatch(/^[A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d{2}\s?[AP]M$/);
  });
});

describe('formatQuantity', () => {
  test.each([
    ['12.5000', '12.5'],
    ['3.0000', '3'],
    ['1234567.25', '1,234,567.25'],
    ['-2.50', '-2.5'],
  ])('formats %s as %s', (quantity, expected) => {
    expect(formatQuantity(quantity)).toBe(expected);
  });
});

describe('formatCountWithNoun', () => {
  test.each([
    [0, '0 tickets'],
    [1, '1 ticket'],
    [2, '2 tickets'],
    [1_204, '1,204 tickets'],
  ])('formats %d as %s', (count, expected) => {
    expect(formatCountWithNoun(count, 'ticket', 'tickets')).toBe(expected);
  });
});
