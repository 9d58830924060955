/**
 * Kysely table types of the payment records in the portal's own database.
 *
 * Column types by engine follow the ERP contract's conventions, so the same
 * engine adapter reads them. Money is NUMERIC(19,4) on PostgreSQL and an
 * INTEGER count of ten-thousandths on SQLite. Instants are TIMESTAMP(3) in
 * UTC on PostgreSQL and ISO 8601 text with milliseconds on SQLite. Columns
 * whose driver value differs by engine are typed `unknown` and go through
 * the adapter.
 */
import type { PaymentState } from './states';

export interface PaymentAttemptsTable {
  /** "pay_" and 20 random characters. */
  id: string;
  /** ERP customer id. */
  customer_id: string;
  /** ERP contact id of the person who started the payment. */
  contact_id: string;
  contact_email: string | null;
  currency_code: string;
  total_amount: unknown;
  state: PaymentState;
  /** Hash of the request; equal requests against the same ERP balances share it. */
  request_key: string;
  /** 0 for the first attempt of a request key, counting up as earlier ones end. */
  request_sequence: unknown;
  /** `request_key` and `request_sequence`; sent to Stripe as the Idempotency-Key. Unique. */
  idempotency_key: string;
  checkout_session_id: string | null;
  checkout_url: string | null;
  payment_intent_id: string | null;
  /** When the Checkout Session stops accepting payment; fixed when the row is created. */
  expires_at: unknown;
  amount_refunded: unknown;
  /** Reason the attempt FAILED or EXPIRED without a session. */
  failure_reason: string | null;
  created_at: unknown;
  updated_at: unknown;
  /** When Stripe reported the payment as paid. */
  succeeded_at: unknown;
}

export interface PaymentAttemptLinesTable {
  attempt_id: string;
  line_number: unknown;
  invoice_id: string;
  invoice_number: string;
  amount: unknown;
  /** The invoice's ERP balance when the attempt was created. */
  balance_seen: unknown;
}

/** Each Stripe event that was applied, once; the primary key makes a second delivery a no-op. */
export interface PaymentWebhookEventsTable {
  event_id: string;
  event_type: string;
  attempt_id: string | null;
  /** Effect of the event, for example "SUCCEEDED" or "ignored: payment is SUCCEEDED, which does not move to EXPIRED". */
  outcome: string;
  received_at: unknown;
}

export type WriteBackState = 'PENDING' | 'DONE' | 'CANCELLED';

/** Outbox of ERP write-backs: one row per paid attempt. */
export interface PaymentWriteBacksTable {
  attempt_id: string;
  state: WriteBackState;
  /** Claims so far, including the current one. */
  tries: unknown;
  next_attempt_at: unknown;
  /** Random token of the worker holding the claim; null when unclaimed. */
  lease_token: string | null;
  lease_expires_at: unknown;
  last_error: string | null;
  created_at: unknown;
  completed_at: unknown;
}

/** One row per customer, updated at the start of every transaction that creates an attempt, to serialise them. */
export interface PaymentCustomerLocksTable {
  customer_id: string;
  locked_at: unknown;
}

export interface PaymentsDatabase {
  payment_attempts: PaymentAttemptsTable;
  payment_attempt_lines: PaymentAttemptLinesTable;
  payment_webhook_events: PaymentWebhookEventsTable;
  payment_write_backs: PaymentWriteBacksTable;
  payment_customer_locks: PaymentCustomerLocksTable;
}
