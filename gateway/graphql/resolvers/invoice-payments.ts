import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import { PaymentService } from '../../payments';
import type { GatewayContext } from '../context';
import { requirePaymentLoaders } from '../payment-access';
import { Invoice } from '../types/invoice';
import { Money, money } from '../types/money';
import { PendingPayment, toPendingPayment } from '../types/payment';

/** The Click to Pay fields of Invoice; every one reads the invoice's hold through one DataLoader. */
@Resolver(() => Invoice)
export class InvoicePaymentResolver {
  @FieldResolver(() => Money, {
    description:
      'Part of the balance that payments made in this portal hold: Checkouts that are open or settling, and payments the ERP has not applied yet. Zero while payments are off, and for credit memos.',
  })
  async pendingPaymentAmount(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<Money> {
    const hold = await requirePaymentLoaders(context).invoiceHold.load(invoice.source);
    return money(decimal.toFixedScale(hold.total), invoice.source.currency);
  }

  @FieldResolver(() => Money, {
    description: 'What can still be paid online: the balance less pendingPaymentAmount, never below zero. Zero for credit memos and paid invoices.',
  })
  async payableAmount(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<Money> {
    const { source } = invoice;
    if (source.type !== 'INVOICE') {
      return money(decimal.toFixedScale('0'), source.currency);
    }

    const hold = await requirePaymentLoaders(context).invoiceHold.load(source);
    return money(decimal.toFixedScale(PaymentService.payableAmount(source.balance, hold)), source.currency);
  }

  @FieldResolver(() => [PendingPayment], { description: 'The payments behind pendingPaymentAmount, newest first.' })
  async pendingPayments(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<PendingPayment[]> {
    const hold = await requirePaymentLoaders(context).invoiceHold.load(invoice.source);
    return hold.payments.map((payment) => toPendingPayment(payment, invoice.source.currency));
  }
}
