import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import { requirePermission } from '../access';
import type { GatewayContext } from '../context';
import { requirePaymentLoaders } from '../payment-access';
import { InvoiceSummary } from '../types/dashboard';
import { Money, money } from '../types/money';

/** The Click to Pay figures of the dashboard's invoice panel. */
@Resolver(() => InvoiceSummary)
export class InvoiceSummaryPaymentResolver {
  @FieldResolver(() => Money, {
    description:
      'Part of the open balance that payments made in this portal hold (the sum of Invoice.pendingPaymentAmount). Counts payments the ERP has not applied only for 90 days after they succeeded. Zero while payments are off.',
  })
  async pendingPaymentAmount(@Root() summary: InvoiceSummary, @Ctx() context: GatewayContext): Promise<Money> {
    requirePermission(context, 'invoices:read');

    const holds = await requirePaymentLoaders(context).customerHolds();
    return money(decimal.toFixedScale(decimal.sum(holds.map((hold) => hold.total))), summary.totalSpent.currency);
  }

  @FieldResolver(() => Int, { description: 'Invoices with status PAYMENT_PENDING, counted like pendingPaymentAmount.' })
  async pendingPaymentCount(@Ctx() context: GatewayContext): Promise<number> {
    requirePermission(context, 'invoices:read');

    const holds = await requirePaymentLoaders(context).customerHolds();
    return holds.length;
  }
}
