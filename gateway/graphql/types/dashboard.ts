import { Field, Int, ObjectType } from 'type-graphql';

import type { IsoDate } from '../../../connectors/domain';
import { DateScalar } from '../scalars/date';
import { Money } from './money';

@ObjectType({ description: "Headline numbers for the viewer's company; each panel can fail on its own." })
export class Dashboard {
  @Field(() => DateScalar, { description: "The ERP's latest business date; overdue and last-30-days are measured from it." })
  asOf!: IsoDate;

  // The invoices, tickets and orders panels are field resolvers in
  // DashboardResolver. They are nullable so that a role without a
  // permission still gets the other panels.
}

@ObjectType({ description: 'Invoice totals on the business date, net of credit memos.' })
export class InvoiceSummary {
  @Field(() => Money, { description: 'Net total of all invoices and credit memos to date.' })
  totalSpent!: Money;

  @Field(() => Money, { description: 'Open balance not yet due.' })
  currentBalance!: Money;

  @Field(() => Money, { description: 'Open balance past its due date.' })
  overdueBalance!: Money;

  @Field(() => Int, { description: 'Invoices and credit memos with a balance that is not zero.' })
  outstandingCount!: number;

  @Field(() => Int, { description: 'Outstanding items due before the business date.' })
  overdueCount!: number;

  // trend(months) is a field resolver in DashboardResolver.
}

@ObjectType({ description: 'Invoice and payment totals of one calendar month.' })
export class InvoiceTrendPoint {
  @Field(() => String, { description: 'Calendar month as YYYY-MM.' })
  month!: string;

  @Field(() => Money, { description: 'Net amount of invoices and credit memos dated in the month.' })
  invoiced!: Money;

  @Field(() => Money, { description: 'Net payments received in the month; refunds and applied credit memos count negative.' })
  paid!: Money;
}

@ObjectType({ description: 'Support ticket counts.' })
export class TicketSummary {
  @Field(() => Int, { description: 'Tickets that are not closed.' })
  open!: number;

  @Field(() => Int)
  closed!: number;

  @Field(() => Int, { description: 'Tickets created in the 30 days up to and including the business date.' })
  createdLast30Days!: number;
}

@ObjectType({ description: 'Order counts.' })
export class OrderSummary {
  @Field(() => Int, { description: 'Orders not yet closed or cancelled.' })
  open!: number;

  @Field(() => Int, { description: 'Closed and cancelled orders.' })
  closed!: number;

  @Field(() => Int, { description: 'Orders placed in the 30 days up to and including the business date.' })
  placedLast30Days!: number;
}
