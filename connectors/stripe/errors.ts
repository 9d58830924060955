/**
 * Translation of stripe-node errors into the connector errors that the
 * gateway maps to public error codes. Whether Stripe may have acted on a
 * request decides the class:
 * - `UpstreamUnavailableError`: no response, a timeout, a rate limit, a 409
 *   conflict or a 5xx. The request may or may not have taken effect, so the
 *   caller must retry with the same idempotency key, never with a new one.
 * - `StripeRejectedError`: any other 4xx, such as bad parameters, a bad key
 *   or an idempotency key reused with other parameters. Retrying the same
 *   request cannot succeed.
 */
import Stripe from 'stripe';

import { UpstreamUnavailableError } from '../errors';

/** Stripe rejected a request for good; retrying it unchanged fails the same way. */
export class StripeRejectedError extends Error {
  override readonly name = 'StripeRejectedError';

  constructor(
    /** Stripe's error type, for example "invalid_request_error" or "idempotency_error". */
    readonly type: string,
    /** Stripe's error code when it gave one, for example "resource_missing". */
    readonly code: string | null,
    readonly statusCode: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rethrows a stripe-node error as `UpstreamUnavailableError` or `StripeRejectedError`; `action` names the call. */
export function translateStripeError(error: unknown, action: string): never {
  if (!(error instanceof Stripe.errors.StripeError)) {
    throw new UpstreamUnavailableError('stripe', `Stripe call failed: ${action}.`, { cause: error });
  }

  const status = error.statusCode ?? null;
  const retryable =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    status === null ||
    status === 409 ||
    status >= 500;
  if (retryable) {
    throw new UpstreamUnavailableError('stripe', `Stripe did not complete the call (${action}): ${error.message}`, { cause: error });
  }
  throw new StripeRejectedError(error.type, error.code ?? null, status, `Stripe rejected the call (${action}): ${error.message}`, { cause: error });
}
