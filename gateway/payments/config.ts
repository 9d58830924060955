/**
 * Configuration of Click to Pay from environment variables. Payments are
 * off ("not configured") unless both STRIPE_SECRET_KEY and
 * STRIPE_WEBHOOK_SECRET are set; every other variable has a default or is
 * derived from PUBLIC_URL. A bad value raises `ConfigError` naming the
 * variable, never showing a secret.
 */
import * as decimal from '../../connectors/decimal';
import type { CurrencyCode, DecimalString } from '../../connectors/domain';
import { parseStripeApiUrl, type StripeClientConfig } from '../../connectors/stripe';
import { ConfigError, parseBoolean, parseInteger } from '../config-values';

export interface PaymentsSettings {
  stripe: StripeClientConfig;
  webhookSecret: string;
  /** Largest accepted age of a webhook signature, in seconds. */
  webhookToleranceSeconds: number;
  /** When false, each invoice is paid in full (its open balance less pending payments). */
  allowPartial: boolean;
  /** Smallest partial amount and smallest payment total, by uppercase currency code. */
  minimumAmounts: ReadonlyMap<CurrencyCode, DecimalString>;
  /** Return address after paying; `{PAYMENT_ID}` in it is replaced by the payment id. */
  successUrl: string;
  /** Return address after cancelling; `{PAYMENT_ID}` is replaced as well. */
  cancelUrl: string;
  /**
   * Lifetime of a Checkout Session in minutes. Stripe allows 30 minutes to 24
   * hours after creation; the accepted range 31 to 1439 leaves a minute for
   * request time and clock differences.
   */
  checkoutLifetimeMinutes: number;
}

export type PaymentsConfig =
  | { enabled: true; settings: PaymentsSettings }
  | {
      enabled: false;
      /** The variables whose absence turned payments off. */
      missing: readonly string[];
    };

type Environment = Readonly<Record<string, string | undefined>>;

/** The placeholder that the payment service replaces with the payment id in the return addresses. */
export const PAYMENT_ID_PLACEHOLDER = '{PAYMENT_ID}';

/**
 * Reads the payment variables. `publicUrl` is the gateway's PUBLIC_URL
 * (without a trailing slash), used for the default return addresses.
 */
export function loadPaymentsConfig(env: Environment = process.env, publicUrl: string | null = null): PaymentsConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const secretKey = read('STRIPE_SECRET_KEY');
  const webhookSecret = read('STRIPE_WEBHOOK_SECRET');
  const missing = [secretKey === undefined ? 'STRIPE_SECRET_KEY' : null, webhookSecret === undefined ? 'STRIPE_WEBHOOK_SECRET' : null].filter(
    (name): name is string => name !== null,
  );
  if (secretKey === undefined || webhookSecret === undefined) {
    return { enabled: false, missing };
  }

  if (!/^(sk|rk)_(test|live)_\S+$/.test(secretKey)) {
    throw new ConfigError('Invalid STRIPE_SECRET_KEY: expected a secret or restricted key that starts with sk_test_, sk_live_, rk_test_ or rk_live_.');
  }
  if (!/^whsec_\S+$/.test(webhookSecret)) {
    throw new ConfigError('Invalid STRIPE_WEBHOOK_SECRET: expected the endpoint signing secret that starts with whsec_, from the Stripe Dashboard or `stripe listen`.');
  }

  const apiUrl = read('STRIPE_API_URL');
  if (apiUrl !== undefined) {
    try {
      parseStripeApiUrl(apiUrl);
    } catch (error) {
      throw new ConfigError(`Invalid STRIPE_API_URL "${apiUrl}": expected http(s)://host[:port] without a path, for example STRIPE_API_URL=http://127.0.0.1:4200.`, {
        cause: error,
      });
    }
  }

  return {
    enabled: true,
    settings: {
      stripe: {
        secretKey,
        apiUrl: apiUrl ?? null,
        timeoutMs: parseInteger('STRIPE_TIMEOUT_MS', read('STRIPE_TIMEOUT_MS'), 10_000, 1_000, 120_000),
        maxNetworkRetries: parseInteger('STRIPE_MAX_NETWORK_RETRIES', read('STRIPE_MAX_NETWORK_RETRIES'), 2, 0, 10),
      },
      webhookSecret,
      webhookToleranceSeconds: parseInteger('STRIPE_WEBHOOK_TOLERANCE_SECONDS', read('STRIPE_WEBHOOK_TOLERANCE_SECONDS'), 300, 1, 3600),
      allowPartial: parseBoolean('PAYMENTS_ALLOW_PARTIAL', read('PAYMENTS_ALLOW_PARTIAL'), false),
      minimumAmounts: parseMinimumAmounts(read('PAYMENTS_MINIMUM_AMOUNT')),
      successUrl: parseReturnUrl('PAYMENTS_SUCCESS_URL', read('PAYMENTS_SUCCESS_URL'), publicUrl, 'success'),
      cancelUrl: parseReturnUrl('PAYMENTS_CANCEL_URL', read('PAYMENTS_CANCEL_URL'), publicUrl, 'cancelled'),
      checkoutLifetimeMinutes: parseInteger('PAYMENTS_CHECKOUT_LIFETIME_MINUTES', read('PAYMENTS_CHECKOUT_LIFETIME_MINUTES'), 60, 31, 1439),
    },
  };
}

/** Parses "USD:0.50,EUR:0.50,JPY:50" into a map from currency code to amount. */
function parseMinimumAmounts(value: string | undefined): ReadonlyMap<CurrencyCode, DecimalString> {
  const minimums = new Map<CurrencyCode, DecimalString>();
  if (value === undefined) {
    return minimums;
  }

  for (const entry of value.split(',')) {
    const match = /^\s*([A-Za-z]{3})\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(entry);
    const currency = match?.[1]?.toUpperCase();
    const amount = match?.[2];
    if (currency === undefined || amount === undefined || minimums.has(currency) || decimal.compare(amount, '0') <= 0) {
      throw new ConfigError(
        `Invalid PAYMENTS_MINIMUM_AMOUNT "${value}": expected comma-separated CURRENCY:AMOUNT pairs with positive amounts and each currency once, for example PAYMENTS_MINIMUM_AMOUNT=USD:0.50,EUR:0.50,JPY:50.`,
      );
    }
    minimums.set(currency, amount);
  }
  return minimums;
}

function parseReturnUrl(name: string, value: string | undefined, publicUrl: string | null, result: 'success' | 'cancelled'): string {
  if (value === undefined) {
    if (publicUrl === null) {
      throw new ConfigError(
        `Missing ${name}: set it, or PUBLIC_URL to derive it, for example ${name}=https://portal.example.com/payments/${PAYMENT_ID_PLACEHOLDER}?result=${result}.`,
      );
    }
    return `${publicUrl}/payments/${PAYMENT_ID_PLACEHOLDER}?result=${result}`;
  }

  let url: URL | null = null;
  try {
    url = new URL(value.replace(PAYMENT_ID_PLACEHOLDER, 'placeholder'));
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      `Invalid ${name} "${value}": expected an absolute http or https address, for example ${name}=https://portal.example.com/payments/${PAYMENT_ID_PLACEHOLDER}?result=${result}.`,
    );
  }
  return value;
}
