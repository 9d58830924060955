import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import { ConnectorInputError } from '../../../connectors/errors';
import type { SortOrder } from '../../../connectors/sources';
import { badUserInput } from '../../errors';
import { MAX_INVOICES_PER_PAYMENT, type PaymentPage } from '../../payments';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { PAYMENTS_UNAVAILABLE_REASON, requirePayments } from '../payment-access';
import { decodeCursor, encodeCursor } from '../pagination/cursor';
import { toUtcIsoString } from '../scalars/date-time';
import { checkPageSize } from '../pagination/first';
import { Invoice, toInvoice } from '../types/invoice';
import { money } from '../types/money';
import { pageInfo } from '../types/page-info';
import { PayInvoicesInput, PayInvoicesPayload, PaymentSettings } from '../types/pay-invoices';
import { Payment, PaymentConnection, PaymentLine, toPayment } from '../types/payment';

/** The only order of the payments list; the cursor records it like the other lists' cursors do. */
const PAYMENT_ORDER: SortOrder<string> = { field: 'CREATED_AT', direction: 'DESC' };

/** Payment ids as the payment store makes them: "pay_" and 20 base32 characters. */
const PAYMENT_ID_PATTERN = /^pay_[a-z2-7]{20}$/;

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => PaymentSettings, { description: 'Whether invoices can be paid online, and with which limits.' })
  paymentSettings(@Ctx() context: GatewayContext): PaymentSettings {
    requireViewer(context);

    const { payments } = context;
    if (!payments.enabled) {
      return { enabled: false, unavailableReason: PAYMENTS_UNAVAILABLE_REASON, allowPartialPayments: false, minimumAmounts: [], maxInvoicesPerPayment: MAX_INVOICES_PER_PAYMENT };
    }
    const { settings } = payments;
    return {
      enabled: true,
      unavailableReason: null,
      allowPartialPayments: settings.allowPartial,
      minimumAmounts: [...settings.minimumAmounts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => money(decimal.toFixedScale(amount), currency)),
      maxInvoicesPerPayment: MAX_INVOICES_PER_PAYMENT,
    };
  }

  @Query(() => PaymentConnection, { description: "The viewer's company's online payments, newest first. first: 1 to 100. NOT_CONFIGURED while payments are off." })
  async payments(
    @Ctx() context: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
  ): Promise<PaymentConnection> {
    const { viewer, service } = requirePayments(context, 'invoices:read');
    const pageSize = checkPageSize(first);
    const afterKey = after === null || after === undefined ? null : decodePaymentCursor(after);

    const page: PaymentPage = await service.listPayments(viewer.customer.id, {
      first: pageSize,
      ...(afterKey === null ? {} : { after: afterKey }),
    });
    const nowMs = Date.now();
    const edges = page.items.map(({ payment, lines }) => ({
      cursor: encodeCursor('Payment', PAYMENT_ORDER, { value: payment.createdAt, id: payment.id }),
      node: toPayment(payment, lines, nowMs),
    }));
    return { edges, pageInfo: pageInfo(edges.map((edge) => edge.cursor), page.hasNextPage) };
  }

  @Query(() => Payment, { nullable: true, description: "Null when no payment of the viewer's company has this id. NOT_CONFIGURED while payments are off." })
  async payment(@Ctx() context: GatewayContext, @Arg('id', () => ID) id: string): Promise<Payment | null> {
    const { paymentLoaders } = requirePayments(context, 'invoices:read');
    if (!PAYMENT_ID_PATTERN.test(id)) {
      return null;
    }

    const found = await paymentLoaders.paymentById.load(id);
    return found === null ? null : toPayment(found.payment, found.lines, Date.now());
  }

  @Mutation(() => PayInvoicesPayload, {
    description:
      'Starts a Stripe Checkout payment of the listed invoices, or returns the one an identical earlier request started (a double click). ' +
      'Each amount is computed from the ERP balance less pending payments. BAD_USER_INPUT names the invoice at fault, for example one that a pending payment already covers. ' +
      'Needs the invoices:pay permission; NOT_CONFIGURED while payments are off.',
  })
  async payInvoices(@Ctx() context: GatewayContext, @Arg('input', () => PayInvoicesInput) input: PayInvoicesInput): Promise<PayInvoicesPayload> {
    const { viewer, service } = requirePayments(context, 'invoices:pay');

    const started = await asBadUserInput(
      () => service.startPayment(viewer, input.invoices.map((line) => ({ number: line.number, amount: line.amount ?? null }))),
      (field) => `input.${field}`,
    );
    return { checkoutUrl: started.checkoutUrl, payment: toPayment(started.payment, started.lines, Date.now()) };
  }

  @Mutation(() => Payment, {
    description:
      'Cancels a payment that has not been paid: its Checkout page stops working and the invoice amounts it held are free again. A payment that was paid meanwhile is returned as paid.',
  })
  async cancelPayment(@Ctx() context: GatewayContext, @Arg('id', () => ID) id: string): Promise<Payment> {
    const { viewer, service, paymentLoaders } = requirePayments(context, 'invoices:pay');

    const cancelled = await asBadUserInput(() => service.cancelPayment(viewer, id), () => 'id');
    const found = await paymentLoaders.paymentById.load(cancelled.id);
    return toPayment(cancelled, found?.lines ?? [], Date.now());
  }
}

@Resolver(() => PaymentLine)
export class PaymentLineResolver {
  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice, or null when the ERP no longer has it.' })
  async invoice(@Root() line: PaymentLine, @Ctx() context: GatewayContext): Promise<Invoice | null> {
    const { loaders } = requirePermission(context, 'invoices:read');

    const invoice = await loaders.invoiceById.load(line.invoiceId);
    return invoice === null ? null : toInvoice(invoice);
  }
}

@Resolver(() => PaymentConnection)
export class PaymentConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of payments across all pages.' })
  async totalCount(@Ctx() context: GatewayContext): Promise<number> {
    const { viewer, service } = requirePayments(context, 'invoices:read');
    return service.countPayments(viewer.customer.id);
  }
}

/**
 * Reads the `after` argument of Query.payments. The cursor is checked in
 * full, because its values go into SQL parameters of the store and a forged
 * one must fail as bad input, not as a database error.
 */
function decodePaymentCursor(after: string): { createdAt: string; id: string } {
  const key = decodeCursor('Payment', PAYMENT_ORDER, after);
  const createdAt = key.value === null ? null : toUtcIsoString(key.value);
  if (createdAt === null || createdAt !== key.value || !PAYMENT_ID_PATTERN.test(key.id)) {
    throw badUserInput('after is not a cursor of the payments list. Request the first page again and pass its endCursor unchanged.', 'after');
  }
  return { createdAt, id: key.id };
}

/**
 * Runs `work` and turns the payment service's input errors into
 * BAD_USER_INPUT; `argumentName` maps the service's field path (such as
 * "invoices.0.amount") to the GraphQL argument path.
 */
async function asBadUserInput<T>(work: () => Promise<T>, argumentName: (field: string) => string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConnectorInputError) {
      throw badUserInput(error.message, argumentName(error.field));
    }
    throw error;
  }
}
