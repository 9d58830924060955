import { checkAmountInput, currencyExponent, sumAmounts, toInputText, toScaled } from './amounts';

describe('payment amounts', () => {
  it('knows minor units per currency', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
  });

  it('sums without float drift', () => {
    expect(sumAmounts(['0.1000', '0.2000'])).toBe('0.3000');
    expect(sumAmounts(['99999999999999.9999', '0.0001'])).toBe('100000000000000.0000');
    expect(sumAmounts([])).toBe('0.0000');
  });

  it('rejects more than four decimal places', () => {
    expect(() => toScaled('1.23456')).toThrow('at most 4 decimal places');
  });

  it('shows amounts with the currency\'s places', () => {
    expect(toInputText('125.5000', 'USD')).toBe('125.50');
    expect(toInputText('1500.0000', 'JPY')).toBe('1500');
    expect(toInputText('0.1250', 'USD')).toBe('0.125');
  });

  it.each([
    ['60', { ok: true, amount: '60.0000' }],
    ['100.00', { ok: true, amount: '100.0000' }],
    ['10.00', { ok: true, amount: '10.0000' }],
    ['0', { ok: false, message: 'Enter an amount greater than zero.' }],
    ['100.01', { ok: false, message: 'Enter at most 100.00 USD, the amount still open.' }],
    ['9.99', { ok: false, message: 'A partial payment must be at least 10.00 USD.' }],
    ['1.005', { ok: false, message: 'Use at most 2 decimal places.' }],
    ['1e3', { ok: false, message: 'Enter an amount such as 125.50.' }],
    ['-5', { ok: false, message: 'Enter an amount such as 125.50.' }],
  ])('checks USD input %s', (text, expected) => {
    expect(checkAmountInput(text, { currency: 'USD', max: '100.0000', minimum: '10.0000' })).toEqual(expected);
  });

  it('rejects a fraction of a yen', () => {
    expect(checkAmountInput('60.5', { currency: 'JPY', max: '1000.0000', minimum: null })).toEqual({
      ok: false,
      message: 'JPY amounts have no decimal places.',
    });
  });
});
