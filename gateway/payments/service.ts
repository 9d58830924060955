/**
 * The payment service that the GraphQL resolvers and the webhook route call.
 * It keeps no state in memory. Everything that matters is in the portal
 * database, so any number of gateway processes can run it side by side.
 */
import type { Logger } from 'pino';

import * as decimal from '../../connectors/decimal';
import type { DecimalString, Invoice } from '../../connectors/domain';
import { ConnectorInputError } from '../../connectors/errors';
import { CashReceiptWriter } from '../../connectors/erp/cash-receipts';
import type { PaymentAttempt, PaymentAttemptLine, PaymentState } from '../../connectors/payments';
import { PaymentStore } from '../../connectors/payments';
import type { Database } from '../../connectors/sql';
import { createStripeClient, StripeCheckout } from '../../connectors/stripe';
import type { InvoiceSource } from '../../connectors/sources';
import type { PaymentsSettings } from './config';
import {
  DEFAULT_WRITE_BACK_OPTIONS,
  type CheckoutApi,
  type PaymentContext,
  type PaymentViewer,
  type ReceiptWriter,
  type WriteBackOptions,
} from './context';
import { invoiceHold, type InvoiceHold } from './holds';
import { closeAttempt } from './reconcile';
import { startPayment, type PayInvoiceRequest, type StartedPayment } from './start-payment';
import { handleStripeWebhook, type WebhookResult } from './webhook';
import { runWriteBacks, type WriteBackRunResult } from './write-back';

export interface PaymentServiceDeps {
  settings: PaymentsSettings;
  store: PaymentStore;
  invoices: Pick<InvoiceSource, 'invoicesByNumber'>;
  checkout: CheckoutApi;
  receipts: ReceiptWriter;
  logger: Logger;
  /** Current time; tests pass a movable clock. */
  clock?: () => Date;
  writeBack?: Partial<WriteBackOptions>;
}

/** A payment with its invoice lines, as `Query.payments` shows it. */
export interface PaymentWithLines {
  payment: PaymentAttempt;
  lines: PaymentAttemptLine[];
}

export interface PaymentPage {
  items: PaymentWithLines[];
  hasNextPage: boolean;
}

export interface WriteBackLoop {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export class PaymentService {
  private readonly context: PaymentContext;

  constructor(deps: PaymentServiceDeps) {
    this.context = {
      settings: deps.settings,
      store: deps.store,
      invoices: deps.invoices,
      checkout: deps.checkout,
      receipts: deps.receipts,
      logger: deps.logger.child({ component: 'payments' }),
      clock: deps.clock ?? (() => new Date()),
      writeBack: { ...DEFAULT_WRITE_BACK_OPTIONS, ...deps.writeBack },
    };
  }

  /** Starts (or, for a repeated identical request, returns) a payment; see start-payment.ts. */
  startPayment(viewer: PaymentViewer, requests: readonly PayInvoiceRequest[]): Promise<StartedPayment> {
    return startPayment(this.context, viewer, requests);
  }

  /** Verifies and applies one webhook request; see webhook.ts. */
  handleStripeWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): Promise<WebhookResult> {
    return handleStripeWebhook(this.context, rawBody, signatureHeader);
  }

  /** Processes due ERP write-backs once; see write-back.ts. */
  runWriteBacks(): Promise<WriteBackRunResult> {
    return runWriteBacks(this.context);
  }

  /**
   * Cancels a payment that has not been paid: its Checkout Session is
   * expired at Stripe and the payment becomes EXPIRED, which frees the
   * invoice amounts it held. A payment that was paid meanwhile is recorded
   * as paid instead. Returns the payment as it is afterwards.
   */
  async cancelPayment(viewer: PaymentViewer, paymentId: string): Promise<PaymentAttempt> {
    const attempt = await this.context.store.attemptById(paymentId);
    if (attempt === null || attempt.customerId !== viewer.customer.id) {
      throw new ConnectorInputError('paymentId', `Payment ${paymentId} was not found. Check the id in the payments list.`);
    }
    if (attempt.state !== 'CREATED' && attempt.state !== 'OPEN') {
      throw new ConnectorInputError('paymentId', `Payment ${paymentId} is ${attempt.state} and can no longer be cancelled.`);
    }
    return closeAttempt(this.context, attempt);
  }

  /** The customer's payments, newest first, optionally only in some states. */
  async listPayments(
    customerId: string,
    options: { first: number; after?: { createdAt: string; id: string }; states?: readonly PaymentState[] },
  ): Promise<PaymentPage> {
    const attempts = await this.context.store.attemptsByCustomer(customerId, {
      limit: options.first + 1,
      ...(options.states === undefined ? {} : { states: options.states }),
      ...(options.after === undefined ? {} : { before: options.after }),
    });
    const page = attempts.slice(0, options.first);
    const lines = await this.context.store.linesByAttemptIds(page.map((attempt) => attempt.id));
    return {
      items: page.map((payment, index) => ({ payment, lines: lines[index] ?? [] })),
      hasNextPage: attempts.length > options.first,
    };
  }

  /** Payments by id for one customer, in key order, with null for an id that is not the customer's. */
  async paymentsById(customerId: string, ids: readonly string[]): Promise<(PaymentWithLines | null)[]> {
    const attempts = await this.context.store.attemptsById(ids);
    const own = attempts.map((attempt) => (attempt !== null && attempt.customerId === customerId ? attempt : null));
    const lines = await this.context.store.linesByAttemptIds(own.filter((attempt) => attempt !== null).map((attempt) => attempt.id));
    let next = 0;
    return own.map((payment) => (payment === null ? null : { payment, lines: lines[next++] ?? [] }));
  }

  /**
   * Computes how much of each invoice's balance portal payments hold, in key order.
   * An invoice with `total` above zero has status PAYMENT_PENDING; the
   * amount still payable online is its balance less `total`.
   */
  async invoiceHolds(customerId: string, invoices: readonly Pick<Invoice, 'id' | 'balance'>[]): Promise<InvoiceHold[]> {
    const held = await this.context.store.heldLines(
      customerId,
      invoices.map((invoice) => invoice.id),
    );
    return invoices.map((invoice) => invoiceHold(invoice.id, invoice.balance, held));
  }

  /**
   * Computes the holds on every invoice of the customer that portal payments
   * may still hold, for the dashboard. `loadInvoices` returns the invoices by
   * id in key order, with null for an id the customer has no invoice for.
   * Only invoices with an open balance and a hold above zero are listed.
   *
   * NOTE: only SUCCEEDED payments of the last `succeededLookbackDays` days
   * count. An older one that the ERP has still not applied holds its invoice
   * (see `invoiceHolds`) but is missing from this total.
   */
  async customerHolds(
    customerId: string,
    loadInvoices: (ids: readonly string[]) => Promise<readonly (Pick<Invoice, 'id' | 'balance'> | null)[]>,
    succeededLookbackDays = 90,
  ): Promise<InvoiceHold[]> {
    const since = new Date(this.context.clock().getTime() - succeededLookbackDays * 24 * 60 * 60_000).toISOString();
    const held = await this.context.store.heldLinesOfCustomer(customerId, since);
    const invoiceIds = [...new Set(held.map((line) => line.invoiceId))];
    const invoices = await loadInvoices(invoiceIds);

    // A settled invoice shows as PAID whatever it holds, so it counts for nothing here.
    return invoices
      .filter((invoice): invoice is Pick<Invoice, 'id' | 'balance'> => invoice !== null && decimal.compare(invoice.balance, '0') > 0)
      .map((invoice) => invoiceHold(invoice.id, invoice.balance, held))
      .filter((hold) => decimal.compare(hold.total, '0') > 0);
  }

  /** Counts the customer's payments in every state. */
  countPayments(customerId: string): Promise<number> {
    return this.context.store.countAttemptsByCustomer(customerId);
  }

  /** Open amount that can still be paid online: the balance less what payments hold, never below zero. */
  static payableAmount(balance: DecimalString, hold: InvoiceHold): DecimalString {
    const payable = decimal.subtract(balance, hold.total);
    return decimal.compare(payable, '0') > 0 ? payable : '0';
  }

  /**
   * Runs `runWriteBacks` every `intervalMs` until stopped; a run that fails
   * is logged and the next one goes ahead. Every gateway process may start
   * one.
   */
  startWriteBackLoop(intervalMs = 5_000): WriteBackLoop {
    let running: Promise<void> | null = null;
    const timer = setInterval(() => {
      if (running !== null) {
        return;
      }
      running = this.runWriteBacks()
        .then(() => undefined)
        .catch((error: unknown) => this.context.logger.error({ err: error }, 'ERP write-back run failed'))
        .finally(() => {
          running = null;
        });
    }, intervalMs);
    timer.unref();

    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  }
}

export interface PaymentServiceSetup {
  settings: PaymentsSettings;
  /** The portal database; its payment tables must be migrated (`migratePaymentStore`). */
  portalDatabase: Database;
  /** The ERP database that receives `erp_cash_receipts` rows. */
  erpDatabase: Database;
  invoices: Pick<InvoiceSource, 'invoicesByNumber'>;
  logger: Logger;
  clock?: () => Date;
}

/** Builds the service with the real Stripe client, store and ERP receipt writer. */
export function createPaymentService(setup: PaymentServiceSetup): PaymentService {
  return new PaymentService({
    settings: setup.settings,
    store: new PaymentStore(setup.portalDatabase),
    invoices: setup.invoices,
    checkout: new StripeCheckout(createStripeClient(setup.settings.stripe)),
    receipts: new CashReceiptWriter(setup.erpDatabase),
    logger: setup.logger,
    ...(setup.clock === undefined ? {} : { clock: setup.clock }),
  });
}
