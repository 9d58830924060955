import { ConfigError } from '../config';
import { loadPaymentsConfig } from './config';

const REQUIRED = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };

describe('loadPaymentsConfig', () => {
  it('turns payments off when a secret is missing', () => {
    expect(loadPaymentsConfig({})).toEqual({ enabled: false, missing: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] });
    expect(loadPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: ' ' })).toEqual({ enabled: false, missing: ['STRIPE_WEBHOOK_SECRET'] });
  });

  it('applies defaults and derives the return addresses from PUBLIC_URL', () => {
    const config = loadPaymentsConfig(REQUIRED, 'https://portal.example.com');
    expect(config).toEqual({
      enabled: true,
      settings: {
        stripe: { secretKey: 'sk_test_abc', apiUrl: null, timeoutMs: 10_000, maxNetworkRetries: 2 },
        webhookSecret: 'whsec_abc',
        webhookToleranceSeconds: 300,
        allowPartial: false,
        minimumAmounts: new Map(),
        successUrl: 'https://portal.example.com/payments/{PAYMENT_ID}?result=success',
        cancelUrl: 'https://portal.example.com/payments/{PAYMENT_ID}?result=cancelled',
        checkoutLifetimeMinutes: 60,
      },
    });
  });

  it('reads every setting', () => {
    const config = loadPaymentsConfig({
      ...REQUIRED,
      STRIPE_API_URL: 'http://127.0.0.1:4200',
      STRIPE_TIMEOUT_MS: '2000',
      STRIPE_MAX_NETWORK_RETRIES: '0',
      STRIPE_WEBHOOK_TOLERANCE_SECONDS: '60',
      PAYMENTS_ALLOW_PARTIAL: 'true',
      PAYMENTS_MINIMUM_AMOUNT: 'usd:0.50, JPY:50',
      PAYMENTS_SUCCESS_URL: 'http://127.0.0.1:4000/done/{PAYMENT_ID}',
      PAYMENTS_CANCEL_URL: 'http://127.0.0.1:4000/cancelled',
      PAYMENTS_CHECKOUT_LIFETIME_MINUTES: '31',
    });
    expect(config.enabled).toBe(true);
    if (!config.enabled) {
      return;
    }
    expect(config.settings.stripe).toEqual({ secretKey: 'sk_test_abc', apiUrl: 'http://127.0.0.1:4200', timeoutMs: 2000, maxNetworkRetries: 0 });
    expect(config.settings.allowPartial).toBe(true);
    expect([...config.settings.minimumAmounts]).toEqual([
      ['USD', '0.50'],
      ['JPY', '50'],
    ]);
    expect(config.settings.webhookToleranceSeconds).toBe(60);
    expect(config.settings.checkoutLifetimeMinutes).toBe(31);
    expect(config.settings.successUrl).toBe('http://127.0.0.1:4000/done/{PAYMENT_ID}');
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'pk_test_abc' }, 'Invalid STRIPE_SECRET_KEY'],
    [{ STRIPE_WEBHOOK_SECRET: 'abc' }, 'Invalid STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_API_URL: '127.0.0.1:4200' }, 'Invalid STRIPE_API_URL "127.0.0.1:4200"'],
    [{ PAYMENTS_ALLOW_PARTIAL: 'maybe' }, 'Invalid PAYMENTS_ALLOW_PARTIAL "maybe"'],
    [{ PAYMENTS_MINIMUM_AMOUNT: 'USD0.50' }, 'Invalid PAYMENTS_MINIMUM_AMOUNT "USD0.50"'],
    [{ PAYMENTS_MINIMUM_AMOUNT: 'USD:0.50,USD:1' }, 'Invalid PAYMENTS_MINIMUM_AMOUNT'],
    [{ PAYMENTS_CHECKOUT_LIFETIME_MINUTES: '10' }, 'Invalid PAYMENTS_CHECKOUT_LIFETIME_MINUTES "10": expected a whole number from 31 to 1439'],
    [{ PAYMENTS_SUCCESS_URL: 'portal/ok' }, 'Invalid PAYMENTS_SUCCESS_URL "portal/ok"'],
  ])('rejects %j', (overrides, message) => {
    expect(() => loadPaymentsConfig({ ...REQUIRED, ...overrides }, 'https://portal.example.com')).toThrow(message);
  });

  it('names the missing return address when PUBLIC_URL is unset', () => {
    expect(() => loadPaymentsConfig(REQUIRED)).toThrow(ConfigError);
    expect(() => loadPaymentsConfig(REQUIRED)).toThrow('Missing PAYMENTS_SUCCESS_URL');
  });

  it('never shows a secret in a message', () => {
    let message = '';
    try {
      loadPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_wrong_secretvalue', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('STRIPE_SECRET_KEY');
    expect(message).not.toContain('secretvalue');
  });
});
