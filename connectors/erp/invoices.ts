/**
 * Invoices and credit memos: lists, counts and batch lookups.
 * Dashboard aggregates are in invoice-summary.ts.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';

import * as decimal from '../decimal';
import type { Invoice, InvoiceStatus } from '../domain';
import type { CustomerScope, InvoiceFilter, InvoiceSortField, InvoiceSource } from '../sources';
import { isIdString, type Database } from '../sql';
import { customerIdParameter, requireDate, requireScope } from './arguments';
import { loadMany, loadOne } from './batch';
import type { ErpDatabase } from './contract';
import { createInvoiceSummary } from './invoice-summary';
import { pageQuery, toPage, type SortDefinition } from './keyset';
import { invoiceFromRow, invoiceLineFromRow, invoiceLineSelection, invoiceSelection } from './rows';

/** Derives the status from the balance. STATUS sorts OUTSTANDING before PAID. */
export function invoiceStatus(invoice: Invoice): InvoiceStatus {
  return decimal.isZero(invoice.balance) ? 'PAID' : 'OUTSTANDING';
}

const OUTSTANDING = sql<SqlBool>`${sql.ref('erp_invoices.balance')} <> 0`;

const INVOICE_SORTS: Record<InvoiceSortField, SortDefinition<Invoice>> = {
  NUMBER: { kind: 'text', expression: sql.ref('erp_invoices.invoice_number'), valueOf: (invoice) => invoice.number },
  INVOICE_DATE: { kind: 'date', expression: sql.ref('erp_invoices.invoice_date'), valueOf: (invoice) => invoice.invoiceDate },
  DUE_DATE: { kind: 'date', expression: sql.ref('erp_invoices.due_date'), valueOf: (invoice) => invoice.dueDate },
  AMOUNT: { kind: 'decimal', expression: sql.ref('erp_invoices.amount'), valueOf: (invoice) => invoice.amount },
  BALANCE: { kind: 'decimal', expression: sql.ref('erp_invoices.balance'), valueOf: (invoice) => invoice.balance },
  STATUS: {
    kind: 'rank',
    expression: sql`CASE WHEN ${OUTSTANDING} THEN 0 ELSE 1 END`,
    ranks: ['OUTSTANDING', 'PAID'],
    valueOf: invoiceStatus,
  },
};

export function createInvoiceSource(database: Database): InvoiceSource {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;

  /** Builds every filter condition, including the customer, as one predicate for list and count. */
  function matching(scope: CustomerScope, filter: InvoiceFilter) {
    const { asOf } = requireScope(scope);
    const customerId = customerIdParameter(adapter, scope.customerId);
    const dueDateFrom = filter.dueDateFrom === undefined ? undefined : requireDate('dueDateFrom', filter.dueDateFrom);
    const dueDateTo = filter.dueDateTo === undefined ? undefined : requireDate('dueDateTo', filter.dueDateTo);

    return (eb: ExpressionBuilder<ErpDatabase, 'erp_invoices'>): Expression<SqlBool> => {
      const conditions: Expression<SqlBool>[] = [eb('erp_invoices.customer_id', '=', customerId)];

      if (filter.status !== undefined) {
        conditions.push(filter.status === 'OUTSTANDING' ? OUTSTANDING : sql<SqlBool>`${sql.ref('erp_invoices.balance')} = 0`);
      }
      if (filter.type !== undefined) {
        conditions.push(eb('erp_invoices.invoice_type', '=', filter.type));
      }
      if (dueDateFrom !== undefined) {
        conditions.push(eb('erp_invoices.due_date', '>=', adapter.dateParameter(dueDateFrom)));
      }
      if (dueDateTo !== undefined) {
        conditions.push(eb('erp_invoices.due_date', '<=', adapter.dateParameter(dueDateTo)));
      }
      if (filter.numberContains !== undefined) {
        conditions.push(adapter.containsText('erp_invoices.invoice_number', filter.numberContains));
      }
      if (filter.overdue !== undefined) {
        const overdue = sql<SqlBool>`(${OUTSTANDING} AND ${sql.ref('erp_invoices.due_date')} < ${adapter.dateParameter(asOf)})`;
        conditions.push(filter.overdue ? overdue : sql<SqlBool>`NOT ${overdue}`);
      }
      return eb.and(conditions);
    };
  }

  return {
    async listInvoices(scope, request) {
      const sort = INVOICE_SORTS[request.orderBy.field];
      const query = db.selectFrom('erp_invoices').select(invoiceSelection(adapter)).where(matching(scope, request.filter));
      const rows = await pageQuery(query, {
        adapter,
        field: request.orderBy.field,
        sort,
        idColumn: 'erp_invoices.id',
        direction: request.orderBy.direction,
        first: request.first,
        after: request.after,
      }).execute();
      return toPage(
        rows.map((row) => invoiceFromRow(adapter, row)),
        request.first,
        sort,
      );
    },

    async countInvoices(scope, filter) {
      const row = await db
        .selectFrom('erp_invoices')
        .select((eb) => eb.fn.countAll().as('count'))
        .where(matching(scope, filter))
        .executeTakeFirstOrThrow();
      return adapter.readInteger(row.count);
    },

    async invoicesByNumber(customerId, numbers) {
      const customer = customerIdParameter(adapter, customerId);
      return loadOne(numbers, {
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_invoices')
            .select(invoiceSelection(adapter))
            .where('erp_invoices.customer_id', '=', customer)
            .where('erp_invoices.invoice_number', 'in', chunk)
            .execute();
          return rows.map((row) => invoiceFromRow(adapter, row));
        },
        keyOf: (invoice) => invoice.number,
      });
    },

    async invoicesById(customerId, ids) {
      const customer = customerIdParameter(adapter, customerId);
      return loadOne(ids, {
        normalise: (id) => (isIdString(id) ? BigInt(id).toString() : null),
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_invoices')
            .select(invoiceSelection(adapter))
            .where('erp_invoices.customer_id', '=', customer)
            .where('erp_invoices.id', 'in', chunk.map(adapter.idParameter))
            .execute();
          return rows.map((row) => invoiceFromRow(adapter, row));
        },
        keyOf: (invoice) => invoice.id,
      });
    },

    async linesByInvoiceId(customerId, invoiceIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(invoiceIds, {
        normalise: (id) => (isIdString(id) ? BigInt(id).toString() : null),
        fetch: async (chunk) => {
          // The subquery keeps only the customer's invoices, so another customer's id finds no lines.
          const rows = await db
            .selectFrom('erp_invoice_lines')
            .select(invoiceLineSelection(adapter))
            .where('erp_invoice_lines.invoice_id', 'in',
              db
                .selectFrom('erp_invoices')
                .select('erp_invoices.id')
                .where('erp_invoices.customer_id', '=', customer)
                .where('erp_invoices.id', 'in', chunk.map(adapter.idParameter)),
            )
            .orderBy('erp_invoice_lines.invoice_id')
            .orderBy('erp_invoice_lines.line_number')
            .orderBy('erp_invoice_lines.id')
            .execute();
          return rows.map((row) => invoiceLineFromRow(adapter, row));
        },
        keyOf: (line) => line.invoiceId,
      });
    },

    async invoicesByOrderId(customerId, orderIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(orderIds, {
        normalise: (id) => (isIdString(id) ? BigInt(id).toString() : null),
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_invoices')
            .select(invoiceSelection(adapter))
            .where('erp_invoices.customer_id', '=', customer)
            .where('erp_invoices.order_id', 'in', chunk.map(adapter.idParameter))
            .orderBy('erp_invoices.invoice_date')
            .orderBy('erp_invoices.id')
            .execute();
          return rows.map((row) => invoiceFromRow(adapter, row));
        },
        // Every row matched an order id in the chunk, so order_id is never null here.
        keyOf: (invoice) => invoice.orderId ?? '',
      });
    },

    ...createInvoiceSummary(database),
  };
}
