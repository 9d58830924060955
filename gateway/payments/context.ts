/**
 * The collaborators shared by the parts of the payment service, and the
 * Checkout Session request that is built from a stored attempt.
 */
import type { Logger } from 'pino';

import type { CashReceipt, InsertReceiptsResult } from '../../connectors/erp/cash-receipts';
import type { PaymentAttempt, PaymentAttemptLine, PaymentStore } from '../../connectors/payments';
import type { InvoiceSource } from '../../connectors/sources';
import { toMinorUnits } from '../../connectors/stripe';
import type { CheckoutSessionRequest, StripeCheckout } from '../../connectors/stripe';
import type { SignedInViewer } from '../auth/viewer';
import { PAYMENT_ID_PLACEHOLDER, type PaymentsSettings } from './config';
import { formatAmount } from './format';

/** The Stripe calls the service makes; `StripeCheckout` implements them. */
export type CheckoutApi = Pick<StripeCheckout, 'createSession' | 'retrieveSession' | 'expireSession' | 'retrievePaymentIntent'>;

/** The ERP write-back; `CashReceiptWriter` implements it. */
export interface ReceiptWriter {
  insertReceipts(receipts: readonly CashReceipt[], now?: string): Promise<InsertReceiptsResult>;
}

/** The signed-in contact and customer a payment runs for. */
export type PaymentViewer = Pick<SignedInViewer, 'contact' | 'customer'>;

export interface WriteBackOptions {
  /** Write-backs claimed per run. Default 20. */
  batchSize: number;
  /** How long a claim stays with one worker; a crashed worker's rows return after it. Default 60 s. */
  leaseMs: number;
  /** Wait before the first retry of a failed write-back, doubled per try. Default 5 s. */
  retryBaseMs: number;
  /** Maximum wait between retries. Default 10 minutes. */
  retryMaxMs: number;
}

export const DEFAULT_WRITE_BACK_OPTIONS: WriteBackOptions = {
  batchSize: 20,
  leaseMs: 60_000,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
};

export interface PaymentContext {
  settings: PaymentsSettings;
  store: PaymentStore;
  invoices: Pick<InvoiceSource, 'invoicesByNumber'>;
  checkout: CheckoutApi;
  receipts: ReceiptWriter;
  logger: Logger;
  clock: () => Date;
  writeBack: WriteBackOptions;
}

/** Metadata key on the Checkout Session and its PaymentIntent that names the attempt. */
export const ATTEMPT_METADATA_KEY = 'portal_payment_id';

/**
 * Builds the Checkout Session request of an attempt. It depends only on
 * stored values, so every call for one attempt sends the same parameters,
 * which Stripe's idempotency check requires when a request is repeated.
 */
export function sessionRequest(settings: PaymentsSettings, attempt: PaymentAttempt, lines: readonly PaymentAttemptLine[]): CheckoutSessionRequest {
  const invoiceNumbers = lines.map((line) => line.invoiceNumber).join(',');
  const email = attempt.contactEmail !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(attempt.contactEmail) ? attempt.contactEmail : undefined;

  return {
    idempotencyKey: attempt.idempotencyKey,
    currency: attempt.currency,
    lines: lines.map((line) => {
      const partial = line.amount !== line.balanceSeen;
      return {
        name: `Invoice ${line.invoiceNumber}`,
        ...(partial ? { description: `Part payment; open balance ${formatAmount(line.balanceSeen, attempt.currency)} ${attempt.currency}` } : {}),
        amountMinor: toMinorUnits(line.amount, attempt.currency),
      };
    }),
    clientReferenceId: attempt.id,
    metadata: {
      [ATTEMPT_METADATA_KEY]: attempt.id,
      customer_id: attempt.customerId,
      // Stripe caps a metadata value at 500 characters.
      invoices: invoiceNumbers.length <= 500 ? invoiceNumbers : `${invoiceNumbers.slice(0, 496)},...`,
    },
    successUrl: settings.successUrl.replace(PAYMENT_ID_PLACEHOLDER, attempt.id),
    cancelUrl: settings.cancelUrl.replace(PAYMENT_ID_PLACEHOLDER, attempt.id),
    expiresAt: Math.floor(Date.parse(attempt.expiresAt) / 1000),
    ...(email === undefined ? {} : { customerEmail: email }),
  };
}
