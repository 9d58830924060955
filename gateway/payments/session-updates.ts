/**
 * Applies what Stripe reports about a Checkout Session (a webhook event or a
 * freshly retrieved session) to the attempt behind it. Runs inside a
 * transaction that has locked the attempt's row. Each change is a guarded
 * state move (see `connectors/payments/states.ts`), so a report that arrives
 * late or twice changes nothing.
 */
import type { IsoDateTime } from '../../connectors/domain';
import type { PaymentAttempt, PaymentQueries, PaymentState } from '../../connectors/payments';
import { toMinorUnits } from '../../connectors/stripe';
import type { CheckoutSessionEventType, CheckoutSessionSummary } from '../../connectors/stripe';
import type { PaymentContext } from './context';

/** Stripe's report on the session: a webhook event type, or a session retrieved through the API. */
export type SessionReport = CheckoutSessionEventType | 'retrieved';

/** Maps a report to the state it leads to, or null for none. */
function targetState(report: SessionReport, session: CheckoutSessionSummary): PaymentState | null {
  switch (report) {
    case 'checkout.session.completed':
      return session.paymentStatus === 'paid' ? 'SUCCEEDED' : 'PENDING_SETTLEMENT';
    case 'checkout.session.async_payment_succeeded':
      return 'SUCCEEDED';
    case 'checkout.session.async_payment_failed':
      return 'FAILED';
    case 'checkout.session.expired':
      return 'EXPIRED';
    case 'retrieved':
      if (session.status === 'expired') {
        return 'EXPIRED';
      }
      if (session.status === 'complete') {
        return session.paymentStatus === 'paid' ? 'SUCCEEDED' : 'PENDING_SETTLEMENT';
      }
      return null;
    default: {
      const unhandled: never = report;
      throw new Error(`Unhandled session report ${String(unhandled)}.`);
    }
  }
}

/**
 * Moves `attempt` to the state the report leads to, if its state allows,
 * and returns a short outcome for the event log. A payment (SUCCEEDED or
 * PENDING_SETTLEMENT) is checked against the attempt first: the session must
 * be the attempt's and charge exactly its total.
 */
export async function applySessionReport(
  context: PaymentContext,
  queries: PaymentQueries,
  attempt: PaymentAttempt,
  report: SessionReport,
  session: CheckoutSessionSummary,
  eventTime: IsoDateTime,
): Promise<string> {
  const target = targetState(report, session);
  if (target === null) {
    return `no change: session is ${session.status ?? 'unknown'}`;
  }
  const now = context.clock().toISOString();
  const log = context.logger.child({ paymentId: attempt.id, checkoutSessionId: session.id, report });

  // A second session for one attempt cannot come from the portal's own
  // requests, because they reuse one idempotency key. If it was paid, someone must refund it.
  if (attempt.checkoutSessionId !== null && attempt.checkoutSessionId !== session.id) {
    log.error({ recordedSessionId: attempt.checkoutSessionId }, 'Stripe reported a Checkout Session that is not the one recorded for the payment; nothing was changed');
    return `rejected: session ${session.id} is not the recorded ${attempt.checkoutSessionId}`;
  }

  const isPayment = target === 'SUCCEEDED' || target === 'PENDING_SETTLEMENT';
  if (isPayment) {
    const expectedMinor = toMinorUnits(attempt.total, attempt.currency);
    if (session.amountTotal !== expectedMinor || session.currency !== attempt.currency) {
      log.error(
        { sessionAmount: session.amountTotal, sessionCurrency: session.currency, expectedMinor, currency: attempt.currency },
        'Stripe reported a payment whose amount or currency differs from the payment record; nothing was changed, check it in Stripe',
      );
      return `rejected: session charged ${session.amountTotal} ${session.currency ?? '?'} minor units, expected ${expectedMinor} ${attempt.currency}`;
    }
  }

  const changes = {
    checkoutSessionId: session.id,
    ...(session.paymentIntentId === null ? {} : { paymentIntentId: session.paymentIntentId }),
    ...(target === 'SUCCEEDED' ? { succeededAt: eventTime, failureReason: null } : {}),
    ...(target === 'FAILED' ? { failureReason: 'The delayed payment failed (checkout.session.async_payment_failed).' } : {}),
  };
  const moved = await queries.transition(attempt.id, target, changes, now);
  if (!moved) {
    return `ignored: payment is ${attempt.state}, which does not move to ${target}`;
  }

  if (target === 'SUCCEEDED') {
    await queries.enqueueWriteBack(attempt.id, now);
  }
  if (isPayment && (attempt.state === 'EXPIRED' || attempt.state === 'FAILED')) {
    log.warn(
      { previousState: attempt.state, state: target },
      'A payment arrived for a payment record that was already EXPIRED or FAILED; it was recorded, check the invoices for a second payment',
    );
  } else {
    log.info({ previousState: attempt.state, state: target }, 'Payment state changed');
  }
  return target;
}
