/**
 * Sales orders: lists, counts, batch lookups of orders, lines and shipments,
 * and the dashboard counts.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';

import type { OpenClosedCounts, Order } from '../domain';
import type { CustomerScope, OrderFilter, OrderSortField, OrderSource } from '../sources';
import { isIdString, type Database } from '../sql';
import { customerIdParameter, requireDate, requireScope } from './arguments';
import { loadMany, loadOne } from './batch';
import { addDays } from './calendar';
import { CLOSED_ORDER_STATUSES, OPEN_ORDER_STATUSES, ORDER_STATUSES, type ErpDatabase } from './contract';
import { pageQuery, rankExpression, toPage, type SortDefinition } from './keyset';
import {
  documentFromRow,
  documentSelection,
  orderFromRow,
  orderLineFromRow,
  orderLineSelection,
  orderSelection,
  shipmentFromRow,
  shipmentSelection,
} from './rows';

const ORDER_SORTS: Record<OrderSortField, SortDefinition<Order>> = {
  NUMBER: { kind: 'text', expression: sql.ref('erp_orders.order_number'), valueOf: (order) => order.number },
  ORDER_DATE: { kind: 'date', expression: sql.ref('erp_orders.order_date'), valueOf: (order) => order.orderDate },
  TOTAL: { kind: 'decimal', expression: sql.ref('erp_orders.total_amount'), valueOf: (order) => order.total },
  STATUS: {
    kind: 'rank',
    expression: rankExpression('erp_orders.status', ORDER_STATUSES),
    ranks: ORDER_STATUSES,
    valueOf: (order) => order.status,
  },
};

/** Statuses in a literal IN list, so the dashboard statement carries no extra parameters. */
function statusIn(statuses: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref('erp_orders.status')} IN (${sql.join(statuses.map((status) => sql.lit(status)))})`;
}

export function createOrderSource(database: Database): OrderSource {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;
  const normaliseId = (id: string) => (isIdString(id) ? BigInt(id).toString() : null);

  /** Builds every filter condition, including the customer, as one predicate for list and count. */
  function matching(scope: CustomerScope, filter: OrderFilter) {
    requireScope(scope);
    const customerId = customerIdParameter(adapter, scope.customerId);
    const orderDateFrom = filter.orderDateFrom === undefined ? undefined : requireDate('orderDateFrom', filter.orderDateFrom);
    const orderDateTo = filter.orderDateTo === undefined ? undefined : requireDate('orderDateTo', filter.orderDateTo);

    return (eb: ExpressionBuilder<ErpDatabase, 'erp_orders'>): Expression<SqlBool> => {
      const conditions: Expression<SqlBool>[] = [eb('erp_orders.customer_id', '=', customerId)];

      if (filter.status !== undefined) {
        // An empty list matches no order, as an empty IN list would.
        conditions.push(filter.status.length === 0 ? sql<SqlBool>`1 = 0` : eb('erp_orders.status', 'in', filter.status));
      }
      if (orderDateFrom !== undefined) {
        conditions.push(eb('erp_orders.order_date', '>=', adapter.dateParameter(orderDateFrom)));
      }
      if (orderDateTo !== undefined) {
        conditions.push(eb('erp_orders.order_date', '<=', adapter.dateParameter(orderDateTo)));
      }
      if (filter.numberContains !== undefined) {
        conditions.push(
          eb.or([
            adapter.containsText('erp_orders.order_number', filter.numberContains),
            adapter.containsText('erp_orders.customer_po', filter.numberContains),
          ]),
        );
      }
      return eb.and(conditions);
    };
  }

  /** `erp_orders.id IN (...)` limited to the customer, for lines and shipments. */
  function customerOrderIds(customerId: unknown, chunk: string[]) {
    return db
      .selectFrom('erp_orders')
      .select('erp_orders.id')
      .where('erp_orders.customer_id', '=', customerId)
      .where('erp_orders.id', 'in', chunk.map(adapter.idParameter));
  }

  return {
    async listOrders(scope, request) {
      const sort = ORDER_SORTS[request.orderBy.field];
      const query = db.selectFrom('erp_orders').select(orderSelection(adapter)).where(matching(scope, request.filter));
      const rows = await pageQuery(query, {
        adapter,
        field: request.orderBy.field,
        sort,
        idColumn: 'erp_orders.id',
        direction: request.orderBy.direction,
        first: request.first,
        after: request.after,
      }).execute();
      return toPage(
        rows.map((row) => orderFromRow(adapter, row)),
        request.first,
        sort,
      );
    },

    async countOrders(scope, filter) {
      const row = await db
        .selectFrom('erp_orders')
        .select((eb) => eb.fn.countAll().as('count'))
        .where(matching(scope, filter))
        .executeTakeFirstOrThrow();
      return adapter.readInteger(row.count);
    },

    async ordersByNumber(customerId, numbers) {
      const customer = customerIdParameter(adapter, customerId);
      return loadOne(numbers, {
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_orders')
            .select(orderSelection(adapter))
            .where('erp_orders.customer_id', '=', customer)
            .where('erp_orders.order_number', 'in', chunk)
            .execute();
          return rows.map((row) => orderFromRow(adapter, row));
        },
        keyOf: (order) => order.number,
      });
    },

    async ordersById(customerId, ids) {
      const customer = customerIdParameter(adapter, customerId);
      return loadOne(ids, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_orders')
            .select(orderSelection(adapter))
            .where('erp_orders.customer_id', '=', customer)
            .where('erp_orders.id', 'in', chunk.map(adapter.idParameter))
            .execute();
          return rows.map((row) => orderFromRow(adapter, row));
        },
        keyOf: (order) => order.id,
      });
    },

    async linesByOrderId(customerId, orderIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(orderIds, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_order_lines')
            .select(orderLineSelection(adapter))
            .where('erp_order_lines.order_id', 'in', customerOrderIds(customer, chunk))
            .orderBy('erp_order_lines.order_id')
            .orderBy('erp_order_lines.line_number')
            .orderBy('erp_order_lines.id')
            .execute();
          return rows.map((row) => orderLineFromRow(adapter, row));
        },
        keyOf: (line) => line.orderId,
      });
    },

    async shipmentsByOrderId(customerId, orderIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(orderIds, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_shipments')
            .select(shipmentSelection(adapter))
            .where('erp_shipments.order_id', 'in', customerOrderIds(customer, chunk))
            .orderBy('erp_shipments.order_id')
            .orderBy('erp_shipments.id')
            .execute();
          return rows.map((row) => shipmentFromRow(adapter, row));
        },
        keyOf: (shipment) => shipment.orderId,
      });
    },

    async documentsByOrderId(customerId, orderIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(orderIds, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_documents')
            .select(documentSelection(adapter))
            .where('erp_documents.order_id', 'in', customerOrderIds(customer, chunk))
            .orderBy('erp_documents.order_id')
            .orderBy('erp_documents.created_date')
            .orderBy('erp_documents.id')
            .execute();
          return rows.map((row) => documentFromRow(adapter, row));
        },
        keyOf: (document) => document.orderId,
      });
    },

    async orderCounts(scope): Promise<OpenClosedCounts> {
      const { asOf } = requireScope(scope);
      const customerId = customerIdParameter(adapter, scope.customerId);
      const orderDate = sql.ref('erp_orders.order_date');

      // "Recent" is the 30 days ending with the business date, both ends included.
      const row = await db
        .selectFrom('erp_orders')
        .where('erp_orders.customer_id', '=', customerId)
        .select([
          sql`COALESCE(SUM(CASE WHEN ${statusIn(OPEN_ORDER_STATUSES)} THEN 1 ELSE 0 END), 0)`.as('open'),
          sql`COALESCE(SUM(CASE WHEN ${statusIn(CLOSED_ORDER_STATUSES)} THEN 1 ELSE 0 END), 0)`.as('closed'),
          sql`COALESCE(SUM(CASE WHEN ${orderDate} >= ${adapter.dateParameter(addDays(asOf, -29))} AND ${orderDate} <= ${adapter.dateParameter(asOf)} THEN 1 ELSE 0 END), 0)`.as(
            'recent',
          ),
        ])
        .executeTakeFirstOrThrow();
      return {
        open: adapter.readInteger(row.open),
        closed: adapter.readInteger(row.closed),
        recent: adapter.readInteger(row.recent),
      };
    },
  };
}
