import { Field, ID, ObjectType } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import type { IsoDateTime } from '../../../connectors/domain';
import type { PaymentAttempt, PaymentAttemptLine, PaymentState } from '../../../connectors/payments';
import type { HoldingPayment } from '../../payments';
import { DateTimeScalar } from '../scalars/date-time';
import { PaymentStatusValues } from './enums';
import { Money, money } from './money';
import { PageInfo } from './page-info';

@ObjectType({ description: 'One invoice of an online payment and the amount paid on it.' })
export class PaymentLine {
  @Field(() => String, { description: 'Number of the invoice, for example "INV-100001".' })
  invoiceNumber!: string;

  @Field(() => Money, { description: 'Amount of this payment that goes to the invoice.' })
  amount!: Money;

  @Field(() => Money, { description: "The invoice's ERP balance when the payment was started." })
  balanceBefore!: Money;

  // invoice is a field resolver in PaymentLineResolver.

  /** ERP id of the invoice, for the invoice field. Not exposed. */
  invoiceId!: string;
}

@ObjectType({ description: "An online payment of one or several of the viewer's invoices through Stripe Checkout." })
export class Payment {
  @Field(() => ID, { description: 'Payment id, for example "pay_k2n4d7...". The return addresses after checkout carry it; pass it to Query.payment.' })
  id!: string;

  @Field(() => PaymentStatusValues)
  status!: PaymentState;

  @Field(() => Money, { description: 'Sum of the line amounts; Stripe charges exactly this.' })
  total!: Money;

  @Field(() => Money, { description: 'Refunded so far; zero unless Stripe reported a refund.' })
  amountRefunded!: Money;

  @Field(() => [PaymentLine], { description: 'The invoices paid, in the order they were requested.' })
  lines!: PaymentLine[];

  @Field(() => DateTimeScalar)
  createdAt!: IsoDateTime;

  @Field(() => DateTimeScalar, { description: 'When the Checkout page stops accepting payment.' })
  expiresAt!: IsoDateTime;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When Stripe reported the payment as paid; null until then.' })
  completedAt!: IsoDateTime | null;

  @Field(() => String, {
    nullable: true,
    description: 'Address of the Stripe Checkout page while the status is OPEN and the page has not expired; null otherwise.',
  })
  checkoutUrl!: string | null;
}

/** Maps a payment record; `nowMs` decides whether its Checkout page is still usable. */
export function toPayment(attempt: PaymentAttempt, lines: readonly PaymentAttemptLine[], nowMs: number): Payment {
  const open = attempt.state === 'OPEN' && Date.parse(attempt.expiresAt) > nowMs;
  return {
    id: attempt.id,
    status: attempt.state,
    total: money(attempt.total, attempt.currency),
    amountRefunded: money(attempt.amountRefunded, attempt.currency),
    lines: lines.map((line) => ({
      invoiceNumber: line.invoiceNumber,
      amount: money(line.amount, attempt.currency),
      balanceBefore: money(line.balanceSeen, attempt.currency),
      invoiceId: line.invoiceId,
    })),
    createdAt: attempt.createdAt,
    expiresAt: attempt.expiresAt,
    completedAt: attempt.succeededAt,
    checkoutUrl: open ? attempt.checkoutUrl : null,
  };
}

@ObjectType({ description: 'An online payment that holds part of an invoice balance.' })
export class PendingPayment {
  @Field(() => ID, { description: 'Id of the payment; pass it to Query.payment.' })
  paymentId!: string;

  @Field(() => PaymentStatusValues)
  status!: PaymentState;

  @Field(() => Money, { description: 'Amount of the payment that goes to this invoice.' })
  amount!: Money;

  @Field(() => DateTimeScalar)
  createdAt!: IsoDateTime;
}

export function toPendingPayment(holding: HoldingPayment, currency: string): PendingPayment {
  return { paymentId: holding.paymentId, status: holding.state, amount: money(decimal.toFixedScale(holding.amount), currency), createdAt: holding.createdAt };
}

@ObjectType()
export class PaymentEdge {
  @Field(() => String, { description: 'Opaque cursor; pass it as after to get the payments that follow.' })
  cursor!: string;

  @Field(() => Payment)
  node!: Payment;
}

@ObjectType({ description: 'A page of payments, newest first (Relay cursor connection).' })
export class PaymentConnection {
  @Field(() => [PaymentEdge])
  edges!: PaymentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  // totalCount is a field resolver, so the count query runs only when requested.
}
