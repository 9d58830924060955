/**
 * The Stripe objects that the fake server keeps, limited to the fields the
 * portal reads. Field names and values follow the Stripe API reference for
 * Checkout Sessions, PaymentIntents and Charges.
 */
import { randomBytes } from 'node:crypto';

export interface FakeCheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  /** The hosted page; Stripe sets it to null once the session is no longer open. */
  url: string | null;
}

export interface FakeLineItem {
  name: string;
  description: string | null;
  unitAmount: number;
  quantity: number;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  created: number;
  currency: string;
  description: string | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  status: 'processing' | 'succeeded' | 'requires_payment_method';
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  created: number;
  currency: string;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'pending' | 'succeeded' | 'failed';
}

/** Creates an id in Stripe's style: a type prefix and random letters and digits. */
export function newId(prefix: string, length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let suffix = '';
  for (const byte of bytes) {
    suffix += alphabet[byte % alphabet.length];
  }
  return `${prefix}_${suffix}`;
}

/** Deep copy for event payloads, so later changes to an object do not alter a sent event. */
export function snapshot<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
