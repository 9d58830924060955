/**
 * Checkout Sessions and PaymentIntents through stripe-node, returned as the
 * small vendor-neutral shapes that the payment service reads. Every error
 * leaves here as `UpstreamUnavailableError` or `StripeRejectedError`.
 */
import type Stripe from 'stripe';

import type { CurrencyCode } from '../domain';
import { toStripeCurrency } from './amounts';
import { translateStripeError } from './errors';

export interface CheckoutLineRequest {
  /** Shown on the payment page, for example "Invoice INV-100001". */
  name: string;
  description?: string;
  /** Stripe minor units, from `toMinorUnits`. */
  amountMinor: number;
}

export interface CheckoutSessionRequest {
  /**
   * Sent as the `Idempotency-Key` header. Stripe returns the first session
   * again for the same key and parameters, for 24 hours at least.
   */
  idempotencyKey: string;
  currency: CurrencyCode;
  lines: readonly CheckoutLineRequest[];
  clientReferenceId: string;
  /** Copied onto the session and onto its PaymentIntent. */
  metadata: Readonly<Record<string, string>>;
  successUrl: string;
  cancelUrl: string;
  /** Unix time in seconds, 30 minutes to 24 hours ahead. */
  expiresAt: number;
  customerEmail?: string;
}

export type CheckoutSessionStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'paid' | 'unpaid' | 'no_payment_required';

/** The fields of a Checkout Session that the portal uses. */
export interface CheckoutSessionSummary {
  id: string;
  /** Hosted payment page; null once the session is complete or expired. */
  url: string | null;
  status: CheckoutSessionStatus | null;
  paymentStatus: CheckoutPaymentStatus;
  /** Minor units. */
  amountTotal: number | null;
  /** Uppercase ISO 4217 code. */
  currency: CurrencyCode | null;
  clientReferenceId: string | null;
  paymentIntentId: string | null;
  metadata: Record<string, string>;
  expiresAt: number;
}

export interface PaymentIntentSummary {
  id: string;
  status: string;
  amount: number;
  currency: CurrencyCode;
  metadata: Record<string, string>;
  latestChargeId: string | null;
}

export class StripeCheckout {
  constructor(private readonly stripe: Stripe) {}

  /** Creates a one-off payment-mode Checkout Session with one line per entry of `request.lines`. */
  async createSession(request: CheckoutSessionRequest): Promise<CheckoutSessionSummary> {
    const currency = toStripeCurrency(request.currency);
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: request.lines.map((line) => ({
        quantity: 1,
        price_data: {
          currency,
          unit_amount: line.amountMinor,
          product_data: line.description === undefined ? { name: line.name } : { name: line.name, description: line.description },
        },
      })),
      client_reference_id: request.clientReferenceId,
      metadata: { ...request.metadata },
      payment_intent_data: { metadata: { ...request.metadata } },
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      expires_at: request.expiresAt,
      ...(request.customerEmail === undefined ? {} : { customer_email: request.customerEmail }),
    };

    try {
      const session = await this.stripe.checkout.sessions.create(params, { idempotencyKey: request.idempotencyKey });
      return toSessionSummary(session);
    } catch (error) {
      translateStripeError(error, 'create a Checkout Session');
    }
  }

  async retrieveSession(id: string): Promise<CheckoutSessionSummary> {
    try {
      return toSessionSummary(await this.stripe.checkout.sessions.retrieve(id));
    } catch (error) {
      translateStripeError(error, `retrieve Checkout Session ${id}`);
    }
  }

  /** Expires an open session so that it can no longer be paid. */
  async expireSession(id: string): Promise<CheckoutSessionSummary> {
    try {
      return toSessionSummary(await this.stripe.checkout.sessions.expire(id));
    } catch (error) {
      translateStripeError(error, `expire Checkout Session ${id}`);
    }
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntentSummary> {
    try {
      const intent = await this.stripe.paymentIntents.retrieve(id);
      return {
        id: intent.id,
        status: intent.status,
        amount: intent.amount,
        currency: intent.currency.toUpperCase(),
        metadata: { ...intent.metadata },
        latestChargeId: typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null),
      };
    } catch (error) {
      translateStripeError(error, `retrieve PaymentIntent ${id}`);
    }
  }
}

/** Maps a Checkout Session from the API or from an event payload. */
export function toSessionSummary(session: Stripe.Checkout.Session): CheckoutSessionSummary {
  const paymentIntent = session.payment_intent;
  return {
    id: session.id,
    url: session.url ?? null,
    status: isSessionStatus(session.status) ? session.status : null,
    paymentStatus: isPaymentStatus(session.payment_status) ? session.payment_status : 'unpaid',
    amountTotal: session.amount_total ?? null,
    currency: session.currency === null || session.currency === undefined ? null : session.currency.toUpperCase(),
    clientReferenceId: session.client_reference_id ?? null,
    paymentIntentId: typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null),
    metadata: { ...(session.metadata ?? {}) },
    expiresAt: session.expires_at,
  };
}

function isSessionStatus(value: unknown): value is CheckoutSessionStatus {
  return value === 'open' || value === 'complete' || value === 'expired';
}

function isPaymentStatus(value: unknown): value is CheckoutPaymentStatus {
  return value === 'paid' || value === 'unpaid' || value === 'no_payment_required';
}
