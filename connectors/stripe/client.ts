/**
 * The one place that builds a stripe-node client. Everything else in the
 * portal reaches Stripe through `StripeCheckout` and `verifyStripeWebhook`,
 * which take this client.
 */
import Stripe from 'stripe';

/**
 * API version sent with every request. It is the version stripe-node 23.2.0
 * was generated for, so the SDK's types match the responses; change both
 * together.
 */
export const STRIPE_API_VERSION = '2026-11-18.endive' as const;

export interface StripeClientConfig {
  /** Secret API key, `sk_test_...` or `sk_live_...` (or a restricted `rk_` key). */
  secretKey: string;
  /**
   * Base address of another Stripe-compatible API, such as the fake server
   * at http://127.0.0.1:4200; null or absent for api.stripe.com.
   */
  apiUrl?: string | null;
  /** Time limit for one HTTP request, in milliseconds; default 10000. */
  timeoutMs?: number;
  /** Retries of a failed request (network error, 409, 5xx), each with the same idempotency key; default 2. */
  maxNetworkRetries?: number;
}

export interface StripeEndpoint {
  protocol: 'http' | 'https';
  host: string;
  port: number;
}

/** Creates a stripe-node client with a pinned API version, time limit and retry count. */
export function createStripeClient(config: StripeClientConfig): Stripe {
  if (config.secretKey.trim() === '') {
    throw new RangeError('The Stripe secret key is empty; set it to an sk_test_... or sk_live_... key.');
  }

  const endpoint = config.apiUrl === undefined || config.apiUrl === null ? null : parseStripeApiUrl(config.apiUrl);
  return new Stripe(config.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    timeout: config.timeoutMs ?? 10_000,
    maxNetworkRetries: config.maxNetworkRetries ?? 2,
    // Telemetry headers report request timings back to Stripe; the fake has no use for them.
    telemetry: endpoint === null,
    appInfo: { name: 'rover-portal' },
    ...(endpoint === null ? {} : { protocol: endpoint.protocol, host: endpoint.host, port: endpoint.port }),
  });
}

/**
 * Splits an API base address such as http://127.0.0.1:4200 into the
 * `protocol`, `host` and `port` options of stripe-node. A path, query or
 * credentials are rejected because stripe-node would ignore them.
 */
export function parseStripeApiUrl(value: string): StripeEndpoint {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }

  const valid =
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (url.pathname === '/' || url.pathname === '') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if (!valid || url === null) {
    throw new RangeError(`Invalid Stripe API address "${value}": expected http(s)://host[:port] without a path, for example http://127.0.0.1:4200.`);
  }

  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const defaultPort = protocol === 'http' ? 80 : 443;
  const port = url.port === '' ? defaultPort : Number(url.port);
  // URL keeps the brackets of an IPv6 literal; Node's http module wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { protocol, host, port };
}
