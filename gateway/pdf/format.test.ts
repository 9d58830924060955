import { currencyDigits, formatAmount, formatQuantity } from './format';

describe('PDF number formatting', () => {
  it.each([
    ['1234.5000', 'USD', '1,234.50'],
    ['-1234567.8950', 'EUR', '-1,234,567.90'],
    ['0.0000', 'USD', '0.00'],
    ['123456.5000', 'JPY', '123,457'],
    ['999.9999', 'USD', '1,000.00'],
    ['12345678901234567.1200', 'USD', '12,345,678,901,234,567.12'],
  ])('formats %s %s as %s', (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected);
  });

  it('uses the minor unit of the currency', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('not a code')).toBe(2);
  });

  it.each([
    ['12.5000', '12.5'],
    ['3.0000', '3'],
    ['10', '10'],
    ['100.0100', '100.01'],
  ])('prints quantity %s as %s', (quantity, expected) => {
    expect(formatQuantity(quantity)).toBe(expected);
  });
});
