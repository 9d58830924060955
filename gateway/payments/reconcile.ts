/**
 * Settles attempts whose Checkout Session has run out of time, or is about
 * to, by asking Stripe instead of waiting for a webhook. A lost or late
 * `checkout.session.expired` must not hold an invoice's balance forever.
 * Nor may an attempt be taken as expired while Stripe may still report a
 * payment for it.
 *
 * - OPEN: the session is retrieved. If Stripe still shows it open, it is
 *   expired through the API so that it can no longer be paid. The final
 *   status is then applied like a webhook.
 * - CREATED: the session request is sent again with the attempt's
 *   Idempotency-Key. If a session was created before, Stripe returns it and
 *   it is handled as above. If not, Stripe rejects the request (its
 *   `expires_at` is too close by now), which proves that no session exists,
 *   and the attempt becomes EXPIRED.
 * - A session that Stripe does not know (`resource_missing`, such as after
 *   the fake Stripe restarted) cannot be paid, so the attempt becomes
 *   EXPIRED and a warning is logged.
 */
import type { PaymentAttempt } from '../../connectors/payments';
import { StripeRejectedError } from '../../connectors/stripe';
import type { CheckoutSessionSummary } from '../../connectors/stripe';
import { sessionRequest, type PaymentContext } from './context';
import { applySessionReport } from './session-updates';

/** An OPEN attempt that expires sooner than this is not handed out again; it is expired and replaced. */
const OPEN_REUSE_MARGIN_MS = 60_000;

/**
 * Stripe accepts an `expires_at` no sooner than 30 minutes after the session
 * is created. A CREATED attempt's session request is sent again with its
 * original `expires_at`, so the attempt is reused only while Stripe would
 * still accept it, with 30 seconds to spare for the request.
 */
const CREATED_REUSE_MARGIN_MS = 30 * 60_000 + 30_000;

/** True when a CREATED or OPEN attempt may be handed out again for the same request. */
export function isReusable(attempt: PaymentAttempt, nowMs: number): boolean {
  const remaining = Date.parse(attempt.expiresAt) - nowMs;
  if (attempt.state === 'OPEN') {
    return remaining > OPEN_REUSE_MARGIN_MS;
  }
  if (attempt.state === 'CREATED') {
    return remaining > CREATED_REUSE_MARGIN_MS;
  }
  return false;
}

/**
 * Reconciles the customer's CREATED and OPEN attempts on these invoices that
 * can no longer be reused (`isReusable`). Failures are logged and leave the
 * attempt as it was, still holding its amounts.
 */
export async function reconcileStaleAttempts(context: PaymentContext, customerId: string, invoiceIds: readonly string[]): Promise<void> {
  const lines = await context.store.heldLines(customerId, invoiceIds);
  const nowMs = context.clock().getTime();
  const stale = new Map<string, PaymentAttempt>();
  for (const line of lines) {
    const { attempt } = line;
    if ((attempt.state === 'CREATED' || attempt.state === 'OPEN') && !isReusable(attempt, nowMs)) {
      stale.set(attempt.id, attempt);
    }
  }

  for (const attempt of stale.values()) {
    try {
      await closeAttempt(context, attempt);
    } catch (error) {
      context.logger.warn({ err: error, paymentId: attempt.id }, 'Could not settle an expiring payment with Stripe; it keeps holding its invoice amounts');
    }
  }
}

/**
 * Ends a CREATED or OPEN attempt: its session, if any, is expired at Stripe
 * unless it was paid, and the outcome is recorded. Returns the attempt as it
 * is afterwards.
 */
export async function closeAttempt(context: PaymentContext, attempt: PaymentAttempt): Promise<PaymentAttempt> {
  let sessionId = attempt.checkoutSessionId;
  if (attempt.state === 'CREATED' && sessionId === null) {
    const [lines = []] = await context.store.linesByAttemptIds([attempt.id]);
    try {
      sessionId = (await context.checkout.createSession(sessionRequest(context.settings, attempt, lines))).id;
    } catch (error) {
      if (!(error instanceof StripeRejectedError)) {
        throw error;
      }
      const now = context.clock().toISOString();
      await context.store.transition(attempt.id, 'EXPIRED', { failureReason: `No Checkout Session exists for this payment: ${error.message}` }, now, ['CREATED']);
      context.logger.info({ paymentId: attempt.id }, 'Payment without a Checkout Session marked EXPIRED');
      return (await context.store.attemptById(attempt.id)) ?? attempt;
    }
  }
  if (sessionId === null) {
    return attempt;
  }

  let session = await retrieveKnownSession(context, sessionId);
  if (session !== null && session.status === 'open') {
    try {
      session = await context.checkout.expireSession(sessionId);
    } catch (error) {
      // Paid or expired between the two calls: read the final status.
      if (!(error instanceof StripeRejectedError)) {
        throw error;
      }
      session = await retrieveKnownSession(context, sessionId);
    }
  }
  if (session === null) {
    return expireAttemptWithMissingSession(context, attempt, sessionId);
  }

  const eventTime = context.clock().toISOString();
  await context.store.transaction(async (queries) => {
    const locked = await queries.lockAttempt(attempt.id);
    if (locked !== null) {
      await applySessionReport(context, queries, locked, 'retrieved', session, eventTime);
    }
  });
  return (await context.store.attemptById(attempt.id)) ?? attempt;
}

/** Retrieves the session, or returns null when Stripe responds that no session has this id (`resource_missing`). */
async function retrieveKnownSession(context: PaymentContext, sessionId: string): Promise<CheckoutSessionSummary | null> {
  try {
    return await context.checkout.retrieveSession(sessionId);
  } catch (error) {
    if (error instanceof StripeRejectedError && error.code === 'resource_missing') {
      return null;
    }
    throw error;
  }
}

/**
 * Marks a CREATED or OPEN attempt EXPIRED because Stripe has no session with
 * its id, which frees the invoice amounts it held. A payment event that
 * arrives for it later still moves it to SUCCEEDED (connectors/payments/states.ts).
 */
async function expireAttemptWithMissingSession(context: PaymentContext, attempt: PaymentAttempt, sessionId: string): Promise<PaymentAttempt> {
  const now = context.clock().toISOString();
  const failureReason = `Stripe has no Checkout Session ${sessionId} for this payment, so it cannot be paid.`;
  const moved = await context.store.transition(attempt.id, 'EXPIRED', { failureReason }, now, ['CREATED', 'OPEN']);
  if (moved) {
    context.logger.warn(
      { paymentId: attempt.id, checkoutSessionId: sessionId },
      'Stripe does not know the Checkout Session of this payment; the payment was marked EXPIRED and its invoices were released',
    );
  }
  return (await context.store.attemptById(attempt.id)) ?? attempt;
}
