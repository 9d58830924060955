import { Field, InputType, Int, ObjectType } from 'type-graphql';

import type { DecimalString } from '../../../connectors/domain';
import { DecimalScalar } from '../scalars/decimal';
import { Money } from './money';
import { Payment } from './payment';

@InputType({ description: 'One invoice to pay and, optionally, how much of it.' })
export class PayInvoiceInput {
  @Field(() => String, { description: 'Invoice number, for example "INV-100001".' })
  number!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Amount to pay, at most Invoice.payableAmount. Omit it to pay all of payableAmount. A smaller amount needs PaymentSettings.allowPartialPayments and at least the minimum for the currency.',
  })
  amount?: DecimalString | null;
}

@InputType({ description: 'The invoices of one payment, all in one currency. The server computes every amount; the client sends no total.' })
export class PayInvoicesInput {
  @Field(() => [PayInvoiceInput], { description: '1 to PaymentSettings.maxInvoicesPerPayment invoices, each listed once.' })
  invoices!: PayInvoiceInput[];
}

@ObjectType()
export class PayInvoicesPayload {
  @Field(() => String, { description: 'Address of the Stripe Checkout page; send the customer there to pay.' })
  checkoutUrl!: string;

  @Field(() => Payment)
  payment!: Payment;
}

@ObjectType({ description: 'Whether and how invoices can be paid online in this portal.' })
export class PaymentSettings {
  @Field(() => Boolean, { description: 'False when the portal has no Stripe account configured; payInvoices then fails with NOT_CONFIGURED.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why online payment is unavailable, for showing in place of a Pay button; null when enabled.' })
  unavailableReason!: string | null;

  @Field(() => Boolean, { description: 'True when an invoice may be paid in part (PayInvoiceInput.amount below Invoice.payableAmount).' })
  allowPartialPayments!: boolean;

  @Field(() => [Money], { description: 'Smallest partial amount and smallest payment total, per currency; currencies without an entry have none.' })
  minimumAmounts!: Money[];

  @Field(() => Int, { description: 'Most invoices one payment can include.' })
  maxInvoicesPerPayment!: number;
}
