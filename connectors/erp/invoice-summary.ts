/**
 * Dashboard aggregates over invoices: totals and the monthly trend. Each is
 * one aggregate statement, so no invoice rows are fetched.
 */
import { sql, type Kysely } from 'kysely';

import type { InvoiceTrendPoint, MoneyTotals } from '../domain';
import type { CustomerScope, InvoiceSource } from '../sources';
import type { Database } from '../sql';
import { customerIdParameter, requireScope } from './arguments';
import { firstOfMonth, monthsEndingWith } from './calendar';
import type { ErpDatabase } from './contract';
import { InvalidFilterError } from './errors';

/** Maximum trend length in months. The GraphQL schema allows up to 36. */
export const MAX_TREND_MONTHS = 120;

export function createInvoiceSummary(database: Database): Pick<InvoiceSource, 'invoiceTotals' | 'invoiceTrend'> {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;

  const amount = sql.ref('erp_invoices.amount');
  const balance = sql.ref('erp_invoices.balance');
  const dueDate = sql.ref('erp_invoices.due_date');
  const invoiceDate = sql.ref('erp_invoices.invoice_date');

  return {
    async invoiceTotals(scope: CustomerScope): Promise<MoneyTotals> {
      const { asOf } = requireScope(scope);
      const customerId = customerIdParameter(adapter, scope.customerId);
      const businessDate = adapter.dateParameter(asOf);

      // Starting from the customer gives one row (with zero sums) even when it has no invoices.
      const row = await db
        .selectFrom('erp_customers')
        .leftJoin('erp_invoices', 'erp_invoices.customer_id', 'erp_customers.id')
        .where('erp_customers.id', '=', customerId)
        .groupBy('erp_customers.currency_code')
        .select([
          'erp_customers.currency_code',
          adapter.decimalText(sql`COALESCE(SUM(CASE WHEN ${invoiceDate} <= ${businessDate} THEN ${amount} ELSE 0 END), 0)`).as('total_invoiced'),
          adapter.decimalText(sql`COALESCE(SUM(CASE WHEN ${balance} <> 0 AND ${dueDate} >= ${businessDate} THEN ${balance} ELSE 0 END), 0)`).as('current_balance'),
          adapter.decimalText(sql`COALESCE(SUM(CASE WHEN ${balance} <> 0 AND ${dueDate} < ${businessDate} THEN ${balance} ELSE 0 END), 0)`).as('overdue_balance'),
          sql`COALESCE(SUM(CASE WHEN ${balance} <> 0 THEN 1 ELSE 0 END), 0)`.as('outstanding_count'),
          sql`COALESCE(SUM(CASE WHEN ${balance} <> 0 AND ${dueDate} < ${businessDate} THEN 1 ELSE 0 END), 0)`.as('overdue_count'),
        ])
        .executeTakeFirst();

      if (row === undefined) {
        throw new Error(`Customer ${scope.customerId} not found in erp_customers. CustomerScope.customerId must come from a contact of an existing customer.`);
      }
      return {
        currency: row.currency_code.trim(),
        totalInvoiced: adapter.readDecimal(row.total_invoiced),
        currentBalance: adapter.readDecimal(row.current_balance),
        overdueBalance: adapter.readDecimal(row.overdue_balance),
        outstandingCount: adapter.readInteger(row.outstanding_count),
        overdueCount: adapter.readInteger(row.overdue_count),
      };
    },

    async invoiceTrend(scope: CustomerScope, months: number): Promise<InvoiceTrendPoint[]> {
      const { asOf } = requireScope(scope);
      if (!Number.isSafeInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
        throw new InvalidFilterError(`Invalid trend length ${months}: months must be a whole number from 1 to ${MAX_TREND_MONTHS}.`);
      }
      const customerId = customerIdParameter(adapter, scope.customerId);
      const windowStart = adapter.dateParameter(firstOfMonth(asOf, 1 - months));
      const windowEnd = adapter.dateParameter(asOf);

      const invoicedMonth = adapter.monthText('erp_invoices.invoice_date');
      const invoiced = db
        .selectFrom('erp_invoices')
        .select([
          sql<string>`${sql.lit('invoiced')}`.as('kind'),
          invoicedMonth.as('month'),
          adapter.decimalText(sql`SUM(${amount})`).as('total'),
        ])
        .where('erp_invoices.customer_id', '=', customerId)
        .where('erp_invoices.invoice_date', '>=', windowStart)
        .where('erp_invoices.invoice_date', '<=', windowEnd)
        .groupBy(invoicedMonth);

      // Payments of the customer's invoices, by the month the cash arrived.
      const paidMonth = adapter.monthText('erp_invoice_payments.payment_date');
      const paid = db
        .selectFrom('erp_invoice_payments')
        .select([
          sql<string>`${sql.lit('paid')}`.as('kind'),
          paidMonth.as('month'),
          adapter.decimalText(sql`SUM(${sql.ref('erp_invoice_payments.amount')})`).as('total'),
        ])
        .where('erp_invoice_payments.invoice_id', 'in',
          db.selectFrom('erp_invoices').select('erp_invoices.id').where('erp_invoices.customer_id', '=', customerId),
        )
        .where('erp_invoice_payments.payment_date', '>=', windowStart)
        .where('erp_invoice_payments.payment_date', '<=', windowEnd)
        .groupBy(paidMonth);

      const rows = await invoiced.unionAll(paid).execute();

      // Months without rows stay at zero, so the trend has a point for every month.
      const points = new Map(monthsEndingWith(asOf, months).map((month) => [month, { month, invoiced: '0.0000', paid: '0.0000' }]));
      for (const row of rows) {
        const point = points.get(String(row.month));
        if (point !== undefined) {
          point[row.kind === 'invoiced' ? 'invoiced' : 'paid'] = adapter.readDecimal(row.total);
        }
      }
      return [...points.values()];
    },
  };
}
