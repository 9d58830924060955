/**
 * Lifecycle of a payment attempt: one Checkout Session for one or several
 * invoices.
 *
 * ```
 * CREATED ──> OPEN ──> PENDING_SETTLEMENT ──> SUCCEEDED ──> REFUNDED
 *    │          │              │                  ^
 *    │          ├──> EXPIRED ──┼──────────────────┤ (a late payment event)
 *    └──────────┴──> FAILED <──┘                  │
 * ```
 *
 * - CREATED: the row exists; the Checkout Session may or may not exist yet
 *   (the create call has not returned, or failed without a response).
 * - OPEN: the session exists and the customer can pay at its URL.
 * - PENDING_SETTLEMENT: the customer finished checkout with a payment method
 *   that settles later (a bank debit); no money has arrived yet.
 * - SUCCEEDED: Stripe reports the payment as paid. The ERP write-back is due.
 * - FAILED: a delayed payment failed, or Stripe rejected the session.
 * - EXPIRED: the session ended unpaid.
 * - REFUNDED: the whole payment was refunded.
 *
 * A payment event always wins: proof of money moves an EXPIRED or FAILED
 * attempt to SUCCEEDED, because Stripe's word on the money is final while
 * EXPIRED may be the portal's own inference. Nothing leaves SUCCEEDED except
 * a full refund, so a late `expired` or `async_payment_failed` event cannot
 * undo a payment.
 */

export const PAYMENT_STATES = ['CREATED', 'OPEN', 'PENDING_SETTLEMENT', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'REFUNDED'] as const;

export type PaymentState = (typeof PAYMENT_STATES)[number];

/** For each target state, the states an attempt may move to it from. */
const SOURCES: Record<PaymentState, readonly PaymentState[]> = {
  CREATED: [],
  OPEN: ['CREATED'],
  PENDING_SETTLEMENT: ['CREATED', 'OPEN', 'EXPIRED'],
  SUCCEEDED: ['CREATED', 'OPEN', 'PENDING_SETTLEMENT', 'EXPIRED', 'FAILED'],
  FAILED: ['CREATED', 'OPEN', 'PENDING_SETTLEMENT'],
  EXPIRED: ['CREATED', 'OPEN'],
  REFUNDED: ['CREATED', 'OPEN', 'PENDING_SETTLEMENT', 'SUCCEEDED', 'EXPIRED', 'FAILED'],
};

/** States from which an attempt may move to `target`. */
export function sourceStates(target: PaymentState): readonly PaymentState[] {
  return SOURCES[target];
}

export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return SOURCES[to].includes(from);
}

export function isPaymentState(value: string): value is PaymentState {
  return (PAYMENT_STATES as readonly string[]).includes(value);
}

/**
 * True while the attempt's amounts must be held against the invoices: the
 * customer may still pay (CREATED, OPEN) or has paid and the money is on its
 * way (PENDING_SETTLEMENT). SUCCEEDED amounts are held too, until the ERP
 * balance shows them; the payment service decides that from the balance.
 */
export function holdsInvoiceAmounts(state: PaymentState): boolean {
  switch (state) {
    case 'CREATED':
    case 'OPEN':
    case 'PENDING_SETTLEMENT':
      return true;
    case 'SUCCEEDED':
    case 'FAILED':
    case 'EXPIRED':
    case 'REFUNDED':
      return false;
    default:
      return assertNever(state);
  }
}

/** True when only a payment or refund event can still change the attempt. */
export function isFinal(state: PaymentState): boolean {
  switch (state) {
    case 'CREATED':
    case 'OPEN':
    case 'PENDING_SETTLEMENT':
      return false;
    case 'SUCCEEDED':
    case 'FAILED':
    case 'EXPIRED':
    case 'REFUNDED':
      return true;
    default:
      return assertNever(state);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled payment state ${JSON.stringify(value)}.`);
}
