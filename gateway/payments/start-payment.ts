/**
 * Starting a payment: from a list of invoice numbers (and optional partial
 * amounts) to the URL of a Stripe Checkout Session.
 *
 * Amounts come from the ERP, never from the client's totals: each invoice
 * is charged its ERP balance less what other portal payments hold
 * (`holds.ts`), or a smaller amount the client asks for when partial
 * payments are on.
 *
 * Exactly one session per request: the request key hashes the customer, the
 * invoices, the requested amounts and the ERP balances. The customer's lock
 * row serialises requests. A request whose key already has an attempt that
 * can still be paid gets that attempt back, and any other request inserts a
 * new attempt. The Stripe Idempotency-Key is the attempt's, so two processes
 * that both create the session for one attempt receive the same session.
 */
import { createHash } from 'node:crypto';

import * as decimal from '../../connectors/decimal';
import type { CurrencyCode, DecimalString, Invoice } from '../../connectors/domain';
import { ConnectorInputError, UpstreamUnavailableError } from '../../connectors/errors';
import type { HeldLine, PaymentAttempt, PaymentAttemptLine } from '../../connectors/payments';
import {
  STRIPE_MAX_AMOUNT_MINOR,
  StripeRejectedError,
  UnrepresentableAmountError,
  fromMinorUnits,
  minorUnitStep,
  toMinorUnits,
} from '../../connectors/stripe';
import { sessionRequest, type PaymentContext, type PaymentViewer } from './context';
import { formatAmount } from './format';
import { invoiceHold, type HoldingPayment } from './holds';
import { isReusable, reconcileStaleAttempts } from './reconcile';

/** Stripe accepts at most 100 line items in a payment-mode Checkout Session. */
export const MAX_INVOICES_PER_PAYMENT = 100;

export interface PayInvoiceRequest {
  /** Invoice number as printed on the invoice, for example "INV-100001". */
  number: string;
  /** Amount to pay; absent or null pays the open amount. Only honoured when partial payments are on. */
  amount?: DecimalString | null;
}

export interface StartedPayment {
  payment: PaymentAttempt;
  lines: PaymentAttemptLine[];
  /** The hosted Stripe Checkout page to send the customer to. */
  checkoutUrl: string;
  /** True when an earlier identical request had already created this payment (a double click). */
  reused: boolean;
}

interface ParsedRequest {
  index: number;
  number: string;
  amount: DecimalString | null;
}

interface PricedLine {
  invoice: Invoice;
  amount: DecimalString;
}

/** See the file comment. Raises `ConnectorInputError` for anything the customer must change. */
export async function startPayment(context: PaymentContext, viewer: PaymentViewer, requests: readonly PayInvoiceRequest[]): Promise<StartedPayment> {
  const customerId = viewer.customer.id;
  const parsed = parseRequests(requests);
  const invoices = await loadInvoices(context, customerId, parsed);
  const currency = commonCurrency(invoices);
  const requestKey = computeRequestKey(customerId, currency, parsed, invoices);
  const invoiceIds = invoices.map((invoice) => invoice.id);

  // Settle attempts that ran out of time before counting what they hold;
  // this may ask Stripe, so it runs before the lock is taken.
  await reconcileStaleAttempts(context, customerId, invoiceIds);

  const now = context.clock();
  const { attempt, reused } = await context.store.withCustomerLock(customerId, now.toISOString(), async (queries) => {
    const earlier = await queries.attemptsByRequestKey(customerId, requestKey);
    const reusable = earlier.find((candidate) => isReusable(candidate, now.getTime()));
    if (reusable !== undefined) {
      return { attempt: reusable, reused: true };
    }

    const held = await queries.heldLines(customerId, invoiceIds);
    const priced = priceLines(context, parsed, invoices, held, currency);
    const total = decimal.sum(priced.map((line) => line.amount));
    checkTotal(context, total, currency);

    const sequence = earlier.reduce((next, candidate) => Math.max(next, candidate.requestSequence + 1), 0);
    const expiresAt = new Date(now.getTime() + context.settings.checkoutLifetimeMinutes * 60_000);
    expiresAt.setUTCMilliseconds(0);
    const created = await queries.insertAttempt(
      {
        customerId,
        contactId: viewer.contact.id,
        contactEmail: viewer.contact.email,
        currency,
        total,
        requestKey,
        requestSequence: sequence,
        expiresAt: expiresAt.toISOString(),
        lines: priced.map((line) => ({
          invoiceId: line.invoice.id,
          invoiceNumber: line.invoice.number,
          amount: decimal.toFixedScale(line.amount),
          balanceSeen: decimal.toFixedScale(line.invoice.balance),
        })),
      },
      now.toISOString(),
    );
    return { attempt: created, reused: false };
  });

  const [lines = []] = await context.store.linesByAttemptIds([attempt.id]);
  context.logger.info(
    { paymentId: attempt.id, customerId, total: attempt.total, currency, invoices: lines.map((line) => line.invoiceNumber), reused },
    reused ? 'Payment request matched an existing payment' : 'Payment created',
  );
  const opened = await ensureCheckoutSession(context, attempt, lines, reused);
  return { payment: opened, lines, checkoutUrl: opened.checkoutUrl as string, reused };
}

/**
 * Creates the attempt's Checkout Session unless it is recorded already, and
 * records it (CREATED -> OPEN). Returns the attempt with its checkout URL.
 */
export async function ensureCheckoutSession(
  context: PaymentContext,
  attempt: PaymentAttempt,
  lines: readonly PaymentAttemptLine[],
  reused: boolean,
): Promise<PaymentAttempt> {
  if (attempt.state === 'OPEN' && attempt.checkoutUrl !== null) {
    return attempt;
  }

  const log = context.logger.child({ paymentId: attempt.id });
  let session;
  try {
    session = await context.checkout.createSession(sessionRequest(context.settings, attempt, lines));
  } catch (error) {
    if (error instanceof StripeRejectedError) {
      // Only an attempt without a session fails here; one that another
      // process has opened meanwhile keeps its live session.
      const failed = await context.store.transition(attempt.id, 'FAILED', { failureReason: error.message }, context.clock().toISOString(), ['CREATED']);
      log.error({ err: error, stripeCode: error.code, failed }, 'Stripe rejected the Checkout Session request');
      if (!failed) {
        const current = await context.store.attemptById(attempt.id);
        if (current !== null && current.state === 'OPEN' && current.checkoutUrl !== null) {
          return current;
        }
      }
      if (error.code === 'amount_too_small') {
        throw new ConnectorInputError(
          'invoices',
          `The payment total ${formatAmount(attempt.total, attempt.currency)} ${attempt.currency} is below the smallest card payment Stripe accepts in ${attempt.currency}. Add invoices to the payment.`,
        );
      }
      throw error;
    }

    // Another request for the same attempt may have recorded the session meanwhile.
    if (error instanceof UpstreamUnavailableError && reused) {
      const current = await context.store.attemptById(attempt.id);
      if (current !== null && current.state === 'OPEN' && current.checkoutUrl !== null) {
        return current;
      }
    }
    throw error;
  }

  if (session.url === null) {
    throw new UpstreamUnavailableError('stripe', `Stripe returned Checkout Session ${session.id} without a payment page address.`);
  }
  const now = context.clock().toISOString();
  await context.store.transition(attempt.id, 'OPEN', { checkoutSessionId: session.id, checkoutUrl: session.url }, now);

  const current = await context.store.attemptById(attempt.id);
  if (current === null || current.checkoutSessionId !== session.id) {
    log.error({ checkoutSessionId: session.id, recordedSessionId: current?.checkoutSessionId }, 'The payment record contains another Checkout Session than the one Stripe returned');
    throw new Error(`Payment ${attempt.id} records Checkout Session ${current?.checkoutSessionId ?? 'none'}, but Stripe returned ${session.id}.`);
  }
  if (current.state !== 'OPEN' || current.checkoutUrl === null) {
    throw new ConnectorInputError('invoices', `Payment ${attempt.id} is already ${current.state.toLowerCase().replace('_', ' ')}; reload the invoices to see its result.`);
  }
  return current;
}

function parseRequests(requests: readonly PayInvoiceRequest[]): ParsedRequest[] {
  if (requests.length === 0) {
    throw new ConnectorInputError('invoices', 'Choose at least one invoice to pay.');
  }
  if (requests.length > MAX_INVOICES_PER_PAYMENT) {
    throw new ConnectorInputError('invoices', `Pay at most ${MAX_INVOICES_PER_PAYMENT} invoices at once; ${requests.length} were given.`);
  }

  const seen = new Set<string>();
  return requests.map((request, index) => {
    const number = request.number.trim();
    if (number === '') {
      throw new ConnectorInputError(`invoices.${index}.number`, `Invoice ${index + 1} in the list has no number.`);
    }
    if (seen.has(number)) {
      throw new ConnectorInputError(`invoices.${index}.number`, `Invoice ${number} is listed twice; list each invoice once.`);
    }
    seen.add(number);

    const amount = request.amount === undefined || request.amount === null ? null : request.amount.trim();
    if (amount === null) {
      return { index, number, amount: null };
    }
    if (!/^\d+(\.\d+)?$/.test(amount)) {
      throw new ConnectorInputError(`invoices.${index}.amount`, `Invoice ${number}: amount "${amount}" is not a positive decimal number such as 125.50.`);
    }
    try {
      decimal.toScaledInteger(amount);
    } catch {
      throw new ConnectorInputError(`invoices.${index}.amount`, `Invoice ${number}: amount ${amount} has more than 4 decimal places.`);
    }
    if (decimal.isZero(amount)) {
      throw new ConnectorInputError(`invoices.${index}.amount`, `Invoice ${number}: the amount must be greater than zero.`);
    }
    return { index, number, amount: decimal.toFixedScale(amount) };
  });
}

async function loadInvoices(context: PaymentContext, customerId: string, parsed: readonly ParsedRequest[]): Promise<Invoice[]> {
  const found = await context.invoices.invoicesByNumber(
    customerId,
    parsed.map((request) => request.number),
  );

  return parsed.map((request, position) => {
    const invoice = found[position] ?? null;
    const field = `invoices.${request.index}.number`;
    if (invoice === null) {
      throw new ConnectorInputError(field, `Invoice ${request.number} was not found. Check the number; only your company's invoices can be paid.`);
    }
    if (invoice.type !== 'INVOICE') {
      throw new ConnectorInputError(field, `${request.number} is a credit memo, which cannot be paid. Remove it from the payment.`);
    }
    if (decimal.compare(invoice.balance, '0') <= 0) {
      throw new ConnectorInputError(field, `Invoice ${request.number} has no open balance. Remove it from the payment.`);
    }
    return invoice;
  });
}

function commonCurrency(invoices: readonly Invoice[]): CurrencyCode {
  const byCurrency = new Map<string, string[]>();
  for (const invoice of invoices) {
    const numbers = byCurrency.get(invoice.currency) ?? [];
    numbers.push(invoice.number);
    byCurrency.set(invoice.currency, numbers);
  }
  if (byCurrency.size > 1) {
    const listing = [...byCurrency].map(([currency, numbers]) => `${currency}: ${numbers.join(', ')}`).join('; ');
    throw new ConnectorInputError('invoices', `Invoices in different currencies cannot be paid together (${listing}). Pay each currency separately.`);
  }
  return (invoices[0] as Invoice).currency;
}

/**
 * Hash of what the customer asked for and the ERP balances it was asked
 * against. A double click gives the same key; a changed balance (the ERP has
 * booked a payment) or another amount gives a new one.
 */
function computeRequestKey(customerId: string, currency: CurrencyCode, parsed: readonly ParsedRequest[], invoices: readonly Invoice[]): string {
  const lines = parsed
    .map((request, position) => {
      const invoice = invoices[position] as Invoice;
      return [invoice.id, request.amount, decimal.toFixedScale(invoice.balance)] as const;
    })
    .sort((a, b) => compareText(a[0], b[0]));
  const material = JSON.stringify({ version: 1, customerId, currency, lines });
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

function priceLines(
  context: PaymentContext,
  parsed: readonly ParsedRequest[],
  invoices: readonly Invoice[],
  held: readonly HeldLine[],
  currency: CurrencyCode,
): PricedLine[] {
  const { allowPartial, minimumAmounts } = context.settings;
  const minimum = minimumAmounts.get(currency) ?? null;

  return parsed.map((request, position) => {
    const invoice = invoices[position] as Invoice;
    const field = `invoices.${request.index}.amount`;
    const hold = invoiceHold(invoice.id, invoice.balance, held);
    const available = decimal.subtract(invoice.balance, hold.total);
    const show = (value: DecimalString): string => `${formatAmount(value, currency)} ${currency}`;

    if (decimal.compare(available, '0') <= 0) {
      throw new ConnectorInputError(`invoices.${request.index}.number`, coveredMessage(invoice.number, hold.payments, currency, !decimal.isZero(hold.awaitingErp)));
    }

    let amount = available;
    if (request.amount !== null) {
      const openText = decimal.isZero(hold.total)
        ? show(available)
        : `${show(available)} (balance ${show(invoice.balance)} less ${show(hold.total)} in payments ${hold.payments.map((payment) => payment.paymentId).join(', ')})`;
      const comparison = decimal.compare(request.amount, available);
      if (comparison > 0) {
        throw new ConnectorInputError(field, `Invoice ${invoice.number}: ${show(request.amount)} is more than the open amount ${openText}. Enter at most ${formatAmount(available, currency)}.`);
      }
      if (comparison < 0 && !allowPartial) {
        throw new ConnectorInputError(
          field,
          `Invoice ${invoice.number}: partial payments are not enabled, so the amount must be the open amount ${openText}. Leave the amount out to pay it in full.`,
        );
      }
      if (comparison < 0 && minimum !== null && decimal.compare(request.amount, minimum) < 0) {
        throw new ConnectorInputError(field, `Invoice ${invoice.number}: a partial payment must be at least ${show(minimum)}; ${show(request.amount)} was entered.`);
      }
      amount = request.amount;
    }

    try {
      toMinorUnits(amount, currency);
    } catch (error) {
      if (!(error instanceof UnrepresentableAmountError)) {
        throw error;
      }
      const fix = allowPartial
        ? `Enter an amount that ${currency} card payments can carry (steps of ${fromMinorUnits(minorUnitStep(currency), currency)} ${currency}).`
        : 'Ask the supplier to correct the balance or pay it another way.';
      throw new ConnectorInputError(field, `Invoice ${invoice.number}: ${amount} ${currency} cannot be charged exactly by card: ${error.message} ${fix}`);
    }
    return { invoice, amount };
  });
}

function checkTotal(context: PaymentContext, total: DecimalString, currency: CurrencyCode): void {
  const minimum = context.settings.minimumAmounts.get(currency) ?? null;
  if (minimum !== null && decimal.compare(total, minimum) < 0) {
    throw new ConnectorInputError(
      'invoices',
      `The payment total ${formatAmount(total, currency)} ${currency} is below the minimum online payment of ${formatAmount(minimum, currency)} ${currency}. Add invoices to the payment.`,
    );
  }
  if (toMinorUnits(total, currency) > STRIPE_MAX_AMOUNT_MINOR) {
    throw new ConnectorInputError(
      'invoices',
      `The payment total ${formatAmount(total, currency)} ${currency} is above the largest card payment Stripe accepts (${fromMinorUnits(STRIPE_MAX_AMOUNT_MINOR, currency)} ${currency}). Pay fewer invoices at once.`,
    );
  }
}

function coveredMessage(invoiceNumber: string, payments: readonly HoldingPayment[], currency: CurrencyCode, awaitingErp: boolean): string {
  const newest = payments[0];
  if (newest === undefined) {
    return `Invoice ${invoiceNumber} has no amount left to pay.`;
  }
  if (awaitingErp && newest.state === 'SUCCEEDED') {
    return `Invoice ${invoiceNumber} was paid online in payment ${newest.paymentId} (${formatAmount(newest.amount, currency)} ${currency}); the ERP has not booked it yet. No further payment is needed.`;
  }
  const others = payments.length > 1 ? ` and ${payments.length - 1} other pending payment(s)` : '';
  return (
    `Invoice ${invoiceNumber} is already covered by pending payment ${newest.paymentId}${others} ` +
    `(${formatAmount(newest.amount, currency)} ${currency}, ${newest.state}, started ${newest.createdAt}). ` +
    `Complete or cancel that payment, or pay again after it expires at ${newest.expiresAt}.`
  );
}

function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
