import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';

import type { CustomerScope } from '../../../connectors/sources';
import { badUserInput } from '../../errors';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { Dashboard, InvoiceSummary, InvoiceTrendPoint, OrderSummary, TicketSummary } from '../types/dashboard';
import { money } from '../types/money';

const MAX_TREND_MONTHS = 36;

/** InvoiceSummary as resolved, with what the trend field needs. */
type InvoiceSummaryWithScope = InvoiceSummary & { scope: CustomerScope; currency: string };

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, { description: "Headline numbers for the viewer's company, measured on the ERP's business date." })
  async dashboard(@Ctx() context: GatewayContext): Promise<Dashboard> {
    const { loaders } = requireViewer(context);
    return { asOf: await loaders.businessDate() };
  }

  @FieldResolver(() => InvoiceSummary, { nullable: true, description: 'Null with a FORBIDDEN error when the role cannot see invoices.' })
  async invoices(@Ctx() context: GatewayContext): Promise<InvoiceSummaryWithScope> {
    const { loaders } = requirePermission(context, 'invoices:read');

    const scope = await loaders.scope();
    const totals = await context.erp.invoices.invoiceTotals(scope);
    return {
      totalSpent: money(totals.totalInvoiced, totals.currency),
      currentBalance: money(totals.currentBalance, totals.currency),
      overdueBalance: money(totals.overdueBalance, totals.currency),
      outstandingCount: totals.outstandingCount,
      overdueCount: totals.overdueCount,
      scope,
      currency: totals.currency,
    };
  }

  @FieldResolver(() => TicketSummary, {
    nullable: true,
    description: 'Null with a FORBIDDEN error when the role cannot see tickets, or with UPSTREAM_UNAVAILABLE while the ticket source is unavailable.',
  })
  async tickets(@Ctx() context: GatewayContext): Promise<TicketSummary> {
    const { loaders } = requirePermission(context, 'tickets:read');

    const counts = await context.tickets.ticketCounts(await loaders.scope());
    return { open: counts.open, closed: counts.closed, createdLast30Days: counts.recent };
  }

  @FieldResolver(() => OrderSummary, { nullable: true, description: 'Null with a FORBIDDEN error when the role cannot see orders.' })
  async orders(@Ctx() context: GatewayContext): Promise<OrderSummary> {
    const { loaders } = requirePermission(context, 'orders:read');

    const counts = await context.erp.orders.orderCounts(await loaders.scope());
    return { open: counts.open, closed: counts.closed, placedLast30Days: counts.recent };
  }
}

@Resolver(() => InvoiceSummary)
export class InvoiceSummaryResolver {
  @FieldResolver(() => [InvoiceTrendPoint], {
    description: 'Monthly totals, oldest first, ending with the month of Dashboard.asOf. months: 1 to 36.',
  })
  async trend(
    @Root() summary: InvoiceSummaryWithScope,
    @Ctx() context: GatewayContext,
    @Arg('months', () => Int, { nullable: true, defaultValue: 12 }) months: number | null,
  ): Promise<InvoiceTrendPoint[]> {
    requirePermission(context, 'invoices:read');
    const monthCount = months ?? 12;
    if (!Number.isInteger(monthCount) || monthCount < 1 || monthCount > MAX_TREND_MONTHS) {
      throw badUserInput(`months must be between 1 and ${MAX_TREND_MONTHS}, got ${monthCount}.`, 'months');
    }

    const points = await context.erp.invoices.invoiceTrend(summary.scope, monthCount);
    return points.map((point) => ({
      month: point.month,
      invoiced: money(point.invoiced, summary.currency),
      paid: money(point.paid, summary.currency),
    }));
  }
}
