/**
 * Verification and parsing of Stripe webhook requests.
 *
 * `verifyStripeWebhook` checks the `Stripe-Signature` header against the raw
 * request body with stripe-node's `webhooks.constructEvent` (HMAC-SHA256 of
 * `<t>.<body>`, compared in constant time, and `t` no older than the
 * tolerance), then reduces the event to the few shapes the portal handles.
 */
import Stripe from 'stripe';

import type { CurrencyCode } from '../domain';
import type { CheckoutSessionSummary } from './checkout';
import { toSessionSummary } from './checkout';

/** The signature is missing, does not match the body, or is older than the tolerance. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

export type CheckoutSessionEventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'checkout.session.expired';

const CHECKOUT_SESSION_EVENT_TYPES: ReadonlySet<string> = new Set<CheckoutSessionEventType>([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

/** The fields of a refunded Charge that the portal uses; amounts in minor units. */
export interface RefundedChargeSummary {
  id: string;
  paymentIntentId: string | null;
  amount: number;
  amountRefunded: number;
  /** True once the whole amount has been refunded. */
  refunded: boolean;
  currency: CurrencyCode;
  metadata: Record<string, string>;
}

interface EventBase {
  id: string;
  /** Unix time in seconds when Stripe created the event. */
  created: number;
}

export type StripeWebhookEvent =
  | (EventBase & { kind: 'checkout_session'; type: CheckoutSessionEventType; session: CheckoutSessionSummary })
  | (EventBase & { kind: 'charge_refunded'; type: 'charge.refunded'; charge: RefundedChargeSummary })
  | (EventBase & { kind: 'other'; type: string });

export interface WebhookVerification {
  /** Endpoint signing secret, `whsec_...`. */
  secret: string;
  /** Largest accepted age of the signature timestamp, in seconds; must be positive. */
  toleranceSeconds: number;
  /** Current time in milliseconds, for tests; default `Date.now()`. */
  nowMs?: number;
}

/**
 * Verifies a webhook request and returns its event. `rawBody` must be the
 * bytes exactly as received: parsing and re-serialising JSON changes them
 * and breaks the signature. Raises `WebhookSignatureError` when the request
 * cannot be trusted.
 */
export function verifyStripeWebhook(
  rawBody: Buffer | string,
  signatureHeader: string | undefined,
  verification: WebhookVerification,
): StripeWebhookEvent {
  if (!(verification.toleranceSeconds > 0)) {
    // stripe-node skips the age check when the tolerance is 0.
    throw new RangeError('The webhook tolerance must be a positive number of seconds.');
  }
  if (signatureHeader === undefined || signatureHeader === '') {
    throw new WebhookSignatureError('The request has no Stripe-Signature header.');
  }

  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signatureHeader,
      verification.secret,
      verification.toleranceSeconds,
      undefined,
      verification.nowMs,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      // stripe-node's message ends in long advice, and its first line names the failure.
      const reason = error.message.split('\n')[0] ?? error.message;
      throw new WebhookSignatureError(`Webhook signature verification failed: ${reason}`);
    }
    if (error instanceof SyntaxError) {
      throw new WebhookSignatureError('The webhook body is signed but is not valid JSON.');
    }
    throw error;
  }

  return toWebhookEvent(event);
}

function toWebhookEvent(event: Stripe.Event): StripeWebhookEvent {
  const base = { id: event.id, created: event.created };
  if (CHECKOUT_SESSION_EVENT_TYPES.has(event.type)) {
    const session = event.data.object as Stripe.Checkout.Session;
    return { ...base, kind: 'checkout_session', type: event.type as CheckoutSessionEventType, session: toSessionSummary(session) };
  }

  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    const paymentIntent = charge.payment_intent;
    return {
      ...base,
      kind: 'charge_refunded',
      type: 'charge.refunded',
      charge: {
        id: charge.id,
        paymentIntentId: typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null),
        amount: charge.amount,
        amountRefunded: charge.amount_refunded,
        refunded: charge.refunded,
        currency: charge.currency.toUpperCase(),
        metadata: { ...(charge.metadata ?? {}) },
      },
    };
  }

  return { ...base, kind: 'other', type: event.type };
}
