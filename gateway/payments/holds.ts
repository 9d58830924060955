/**
 * How much of an invoice's ERP balance portal payments already hold.
 *
 * Two kinds of amounts count:
 * - in flight: lines of attempts that are CREATED, OPEN or
 *   PENDING_SETTLEMENT, in full;
 * - awaiting the ERP: lines of SUCCEEDED attempts whose cash receipts the
 *   ERP has not applied yet. The portal cannot see which receipts were
 *   applied, so it estimates from the balance: the ERP has applied at most
 *   the drop from the highest balance those attempts saw to the current
 *   balance, and the rest still awaits. The estimate errs towards holding
 *   too much, which blocks a payment rather than allowing a second one.
 *
 * NOTE: an invoice whose ERP balance rises after a portal payment was
 * applied (a debit adjustment) stays blocked for up to that payment's amount.
 * Partial refunds are not subtracted either.
 */
import * as decimal from '../../connectors/decimal';
import type { DecimalString, IsoDateTime } from '../../connectors/domain';
import type { HeldLine, PaymentState } from '../../connectors/payments';

/** A payment behind a hold on an invoice, for messages and the invoice status. */
export interface HoldingPayment {
  paymentId: string;
  state: PaymentState;
  amount: DecimalString;
  createdAt: IsoDateTime;
  expiresAt: IsoDateTime;
}

export interface InvoiceHold {
  invoiceId: string;
  /** Held by payments that may still complete. */
  inFlight: DecimalString;
  /** Paid through the portal but, by the estimate above, not yet in the ERP balance. */
  awaitingErp: DecimalString;
  /** `inFlight` plus `awaitingErp`. */
  total: DecimalString;
  /** Payments behind `inFlight`, and SUCCEEDED ones while `awaitingErp` is above zero; newest first. */
  payments: HoldingPayment[];
}

/** Computes the hold on one invoice from its current ERP balance and the held lines of its payments. */
export function invoiceHold(invoiceId: string, balance: DecimalString, lines: readonly HeldLine[]): InvoiceHold {
  const own = lines.filter((line) => line.invoiceId === invoiceId);
  const inFlightLines = own.filter((line) => line.attempt.state !== 'SUCCEEDED');
  const succeededLines = own.filter((line) => line.attempt.state === 'SUCCEEDED');

  const inFlight = decimal.sum(inFlightLines.map((line) => line.amount));

  let awaitingErp = '0';
  if (succeededLines.length > 0) {
    const paid = decimal.sum(succeededLines.map((line) => line.amount));
    const highestSeen = succeededLines.map((line) => line.balanceSeen).reduce((a, b) => (decimal.compare(a, b) >= 0 ? a : b));
    const applied = max('0', decimal.subtract(highestSeen, balance));
    awaitingErp = max('0', decimal.subtract(paid, applied));
  }

  const holding = decimal.isZero(awaitingErp) ? inFlightLines : [...inFlightLines, ...succeededLines];
  const payments = holding
    .map((line) => ({
      paymentId: line.attempt.id,
      state: line.attempt.state,
      amount: line.amount,
      createdAt: line.attempt.createdAt,
      expiresAt: line.attempt.expiresAt,
    }))
    .sort(newestFirst);

  return { invoiceId, inFlight, awaitingErp, total: decimal.add(inFlight, awaitingErp), payments };
}

function max(a: DecimalString, b: DecimalString): DecimalString {
  return decimal.compare(a, b) >= 0 ? a : b;
}

function newestFirst(a: HoldingPayment, b: HoldingPayment): number {
  if (a.createdAt === b.createdAt) {
    return 0;
  }
  return a.createdAt < b.createdAt ? 1 : -1;
}
