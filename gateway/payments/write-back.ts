/**
 * The ERP write-back worker: turns each SUCCEEDED payment into cash receipts
 * in `erp_cash_receipts`, once.
 *
 * Safe with several processes running it at once: each run claims due
 * outbox rows under a lease (`PaymentQueries.claimWriteBacks`), so two
 * workers never process the same row at once. A worker may die after
 * writing the receipts but before marking the row DONE. Its lease then runs
 * out, and the next claim writes the same receipts again, which the unique
 * receipt reference turns into a no-op. A failed write is retried with exponential
 * backoff, without limit, and each failure is logged at error level.
 */
import { cashReceiptReference, type CashReceipt } from '../../connectors/erp/cash-receipts';
import type { ClaimedWriteBack, PaymentAttempt } from '../../connectors/payments';
import type { PaymentContext } from './context';

export interface WriteBackRunResult {
  claimed: number;
  /** Payments whose receipts are now in the ERP. */
  written: number;
  /** Payments refunded before their write-back, whose receipts were not written. */
  cancelled: number;
  /** Payments whose write-back failed this time and will be retried. */
  failed: number;
}

/** Claims up to `batchSize` due write-backs and processes them one after another. */
export async function runWriteBacks(context: PaymentContext): Promise<WriteBackRunResult> {
  const { batchSize, leaseMs } = context.writeBack;
  const claims = await context.store.transaction((queries) => queries.claimWriteBacks(batchSize, leaseMs, context.clock().toISOString()));

  const result: WriteBackRunResult = { claimed: claims.length, written: 0, cancelled: 0, failed: 0 };
  for (const claim of claims) {
    try {
      const outcome = await processClaim(context, claim);
      result[outcome] += 1;
    } catch (error) {
      result.failed += 1;
      const retryAt = new Date(context.clock().getTime() + retryDelayMs(context, claim.tries));
      const message = error instanceof Error ? error.message : String(error);
      await context.store.failWriteBack(claim, message, retryAt.toISOString());
      context.logger.error(
        { err: error, paymentId: claim.attemptId, tries: claim.tries, retryAt: retryAt.toISOString() },
        'Writing the cash receipts of an online payment to the ERP failed; it will be retried',
      );
    }
  }
  return result;
}

async function processClaim(context: PaymentContext, claim: ClaimedWriteBack): Promise<'written' | 'cancelled'> {
  const attempt = await context.store.attemptById(claim.attemptId);
  if (attempt === null) {
    throw new Error(`Write-back for payment ${claim.attemptId}, which does not exist.`);
  }
  const now = context.clock().toISOString();

  switch (attempt.state) {
    case 'SUCCEEDED':
      break;
    case 'REFUNDED':
      await context.store.cancelWriteBack(attempt.id, 'The payment was refunded before its receipts were written to the ERP.', now);
      context.logger.info({ paymentId: attempt.id }, 'Skipped the ERP write-back of a refunded payment');
      return 'cancelled';
    case 'CREATED':
    case 'OPEN':
    case 'PENDING_SETTLEMENT':
    case 'FAILED':
    case 'EXPIRED':
      // Only SUCCEEDED queues a write-back, and SUCCEEDED only moves on to REFUNDED.
      throw new Error(`Write-back queued for payment ${attempt.id} in state ${attempt.state}; expected SUCCEEDED.`);
    default: {
      const unhandled: never = attempt.state;
      throw new Error(`Unhandled payment state ${String(unhandled)}.`);
    }
  }

  const [lines = []] = await context.store.linesByAttemptIds([attempt.id]);
  const receipts = lines.map((line): CashReceipt => receiptFor(attempt, line.invoiceId, line.amount));
  const written = await context.receipts.insertReceipts(receipts, now);

  const completed = await context.store.completeWriteBack(claim, context.clock().toISOString());
  context.logger.info(
    { paymentId: attempt.id, inserted: written.inserted, existing: written.existing, leaseKept: completed },
    'Cash receipts of an online payment are in the ERP',
  );
  return 'written';
}

function receiptFor(attempt: PaymentAttempt, invoiceId: string, amount: string): CashReceipt {
  const externalPaymentId = attempt.paymentIntentId ?? attempt.checkoutSessionId;
  if (externalPaymentId === null || attempt.succeededAt === null) {
    throw new Error(`Payment ${attempt.id} is SUCCEEDED without a Stripe payment id or payment time.`);
  }
  return {
    receiptReference: cashReceiptReference(attempt.id, invoiceId),
    customerId: attempt.customerId,
    invoiceId,
    // NOTE: the UTC calendar day; a supplier in another time zone may book late-evening payments a day off.
    paymentDate: attempt.succeededAt.slice(0, 10),
    amount,
    currency: attempt.currency,
    externalPaymentId,
  };
}

function retryDelayMs(context: PaymentContext, tries: number): number {
  const { retryBaseMs, retryMaxMs } = context.writeBack;
  return Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, tries - 1));
}
