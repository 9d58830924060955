/**
 * Stripe webhook handling: verify the signature on the raw body, record the
 * event id once, and apply the event to its payment in the same
 * transaction. Nothing here calls the ERP, so the handler responds quickly.
 * The ERP write-back runs later from the outbox (`write-back.ts`).
 *
 * Stripe delivers at least once, in any order, and retries until it gets a
 * 2xx. A duplicate gets a 200 response and has no effect. An event that arrives
 * after a later one is applied only if the state machine allows the move,
 * so `expired` after `completed` changes nothing. An error leads to a 500
 * response and rolls back the event id, so Stripe's retry applies the event again.
 */
import * as decimal from '../../connectors/decimal';
import type { PaymentAttempt, PaymentQueries } from '../../connectors/payments';
import { fromMinorUnits, verifyStripeWebhook } from '../../connectors/stripe';
import type { RefundedChargeSummary, StripeWebhookEvent } from '../../connectors/stripe';
import { cashReceiptReference } from '../../connectors/erp/cash-receipts';
import { ATTEMPT_METADATA_KEY, type PaymentContext } from './context';
import { applySessionReport } from './session-updates';

export interface WebhookResult {
  eventId: string;
  eventType: string;
  /** `duplicate` when the event id was recorded before and nothing was done. */
  status: 'processed' | 'duplicate';
  paymentId: string | null;
  /** Effect of the event, as recorded in `payment_webhook_events.outcome`. */
  outcome: string;
}

/**
 * Handles one webhook request. Raises `WebhookSignatureError`, which the
 * route turns into a 400, when the signature is missing, wrong or too old.
 * Nothing is recorded then.
 */
export async function handleStripeWebhook(context: PaymentContext, rawBody: Buffer | string, signatureHeader: string | undefined): Promise<WebhookResult> {
  const event = verifyStripeWebhook(rawBody, signatureHeader, {
    secret: context.settings.webhookSecret,
    toleranceSeconds: context.settings.webhookToleranceSeconds,
    nowMs: context.clock().getTime(),
  });

  // A refund names only its PaymentIntent; finding the payment may need a
  // Stripe call, which must not run inside the database transaction.
  const refundPaymentId = event.kind === 'charge_refunded' ? await paymentIdForCharge(context, event.charge) : null;

  const result = await context.store.transaction(async (queries): Promise<WebhookResult> => {
    const now = context.clock().toISOString();
    const fresh = await queries.insertEvent(event.id, event.type, now);
    if (!fresh) {
      const earlier = await queries.eventOutcome(event.id);
      return { eventId: event.id, eventType: event.type, status: 'duplicate', paymentId: earlier?.attemptId ?? null, outcome: earlier?.outcome ?? 'duplicate' };
    }

    const { paymentId, outcome } = await applyEvent(context, queries, event, refundPaymentId);
    await queries.setEventOutcome(event.id, paymentId, outcome);
    return { eventId: event.id, eventType: event.type, status: 'processed', paymentId, outcome };
  });

  context.logger.info(
    { eventId: result.eventId, eventType: result.eventType, paymentId: result.paymentId, status: result.status, outcome: result.outcome },
    'Stripe webhook handled',
  );
  return result;
}

async function applyEvent(
  context: PaymentContext,
  queries: PaymentQueries,
  event: StripeWebhookEvent,
  refundPaymentId: string | null,
): Promise<{ paymentId: string | null; outcome: string }> {
  const eventTime = new Date(event.created * 1000).toISOString();

  switch (event.kind) {
    case 'checkout_session': {
      const { session } = event;
      const candidateId = session.clientReferenceId ?? session.metadata[ATTEMPT_METADATA_KEY] ?? null;
      let attempt = candidateId === null ? null : await queries.lockAttempt(candidateId);
      if (attempt === null) {
        const bySession = await queries.attemptBySessionId(session.id);
        attempt = bySession === null ? null : await queries.lockAttempt(bySession.id);
      }
      if (attempt === null) {
        context.logger.warn({ eventId: event.id, checkoutSessionId: session.id }, 'Webhook for a Checkout Session that no portal payment created; ignored');
        return { paymentId: null, outcome: 'ignored: no payment for this session' };
      }
      const outcome = await applySessionReport(context, queries, attempt, event.type, session, eventTime);
      return { paymentId: attempt.id, outcome };
    }

    case 'charge_refunded': {
      const attempt = refundPaymentId === null ? null : await queries.lockAttempt(refundPaymentId);
      if (attempt === null) {
        context.logger.warn({ eventId: event.id, chargeId: event.charge.id }, 'Refund for a charge that no portal payment made; ignored');
        return { paymentId: null, outcome: 'ignored: no payment for this charge' };
      }
      return { paymentId: attempt.id, outcome: await applyRefund(context, queries, attempt, event.charge) };
    }

    case 'other':
      return { paymentId: null, outcome: 'ignored: event type not handled' };

    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled webhook event ${JSON.stringify(unhandled)}.`);
    }
  }
}

/** Records a refund on a payment whose row the caller has locked. */
async function applyRefund(context: PaymentContext, queries: PaymentQueries, attempt: PaymentAttempt, charge: RefundedChargeSummary): Promise<string> {
  const paymentId = attempt.id;
  const log = context.logger.child({ paymentId, chargeId: charge.id });
  const now = context.clock().toISOString();

  if (charge.currency !== attempt.currency) {
    log.error({ chargeCurrency: charge.currency, currency: attempt.currency }, 'Refund currency differs from the payment record; nothing was changed');
    return `rejected: refund in ${charge.currency}, payment in ${attempt.currency}`;
  }

  // Refund events may arrive out of order; the refunded total only grows.
  const refunded = fromMinorUnits(charge.amountRefunded, attempt.currency);
  const amountRefunded = decimal.compare(refunded, attempt.amountRefunded) > 0 ? refunded : attempt.amountRefunded;

  if (!charge.refunded) {
    await queries.updateAttempt(paymentId, { amountRefunded }, now);
    log.warn({ amountRefunded, currency: attempt.currency }, 'Part of an online payment was refunded; the ERP cash receipts were not changed and must be corrected there');
    return `partially refunded: ${amountRefunded} ${attempt.currency}`;
  }

  const moved = await queries.transition(paymentId, 'REFUNDED', { amountRefunded }, now);
  if (!moved) {
    return `ignored: payment is ${attempt.state}`;
  }

  const writeBack = await queries.writeBack(paymentId);
  if (writeBack?.state === 'PENDING') {
    await queries.cancelWriteBack(paymentId, 'The payment was refunded before its receipts were written to the ERP.', now);
    log.info('Payment refunded before its ERP write-back; the write-back was cancelled');
  } else if (writeBack?.state === 'DONE') {
    const [lines = []] = await queries.linesByAttemptIds([paymentId]);
    log.warn(
      { receiptReferences: lines.map((line) => cashReceiptReference(paymentId, line.invoiceId)) },
      'An online payment whose cash receipts are already in the ERP was refunded; reverse those receipts in the ERP',
    );
  }
  return 'REFUNDED';
}

/**
 * Finds the payment behind a refunded charge: from the charge's metadata,
 * from the recorded PaymentIntent id, or from the PaymentIntent's metadata at
 * Stripe, because a refund can arrive before the payment's own event.
 */
async function paymentIdForCharge(context: PaymentContext, charge: RefundedChargeSummary): Promise<string | null> {
  const fromCharge = charge.metadata[ATTEMPT_METADATA_KEY];
  if (fromCharge !== undefined) {
    return fromCharge;
  }
  if (charge.paymentIntentId === null) {
    return null;
  }
  const known = await context.store.attemptByPaymentIntentId(charge.paymentIntentId);
  if (known !== null) {
    return known.id;
  }
  const intent = await context.checkout.retrievePaymentIntent(charge.paymentIntentId);
  return intent.metadata[ATTEMPT_METADATA_KEY] ?? null;
}
