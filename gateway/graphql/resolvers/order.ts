import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';

import type { OrderSortField, SortOrder } from '../../../connectors/sources';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { toConnection } from '../pagination/connection';
import { decodeCursor } from '../pagination/cursor';
import { checkSearchLength, compactFilter } from '../pagination/filter';
import { checkPageSize } from '../pagination/first';
import { Invoice, toInvoice } from '../types/invoice';
import {
  Order,
  OrderConnection,
  OrderFilter,
  OrderLine,
  OrderOrder,
  Shipment,
  toOrder,
  toOrderLine,
  toShipment,
} from '../types/order';
import { OrderDocument, toOrderDocument } from '../types/order-document';

const DEFAULT_ORDER: SortOrder<OrderSortField> = { field: 'ORDER_DATE', direction: 'DESC' };

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => OrderConnection, { description: 'Sales orders. first: 1 to 100. Default order: ORDER_DATE DESC.' })
  async orders(
    @Ctx() context: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null | undefined,
    @Arg('orderBy', () => OrderOrder, { nullable: true }) orderBy: OrderOrder | null | undefined,
  ): Promise<OrderConnection> {
    const { loaders } = requirePermission(context, 'orders:read');

    // Check every argument before the first query.
    const pageSize = checkPageSize(first);
    const sort: SortOrder<OrderSortField> = orderBy ? { field: orderBy.field, direction: orderBy.direction } : DEFAULT_ORDER;
    const afterKey = after === null || after === undefined ? null : decodeCursor('Order', sort, after);
    const filterValues = compactFilter(filter);
    checkSearchLength(filterValues.numberContains, 'filter.numberContains');

    const page = await context.erp.orders.listOrders(await loaders.scope(), {
      filter: filterValues,
      orderBy: sort,
      first: pageSize,
      after: afterKey,
    });
    loaders.primeOrders(page.items.map((item) => item.node));

    return { ...toConnection('Order', sort, page, toOrder), filter: filterValues };
  }

  @Query(() => Order, { nullable: true, description: "Null when no order of the viewer's customer has this number." })
  async order(@Ctx() context: GatewayContext, @Arg('number', () => String) number: string): Promise<Order | null> {
    const { loaders } = requirePermission(context, 'orders:read');

    const order = await loaders.orderByNumber.load(number);
    return order === null ? null : toOrder(order);
  }

  @FieldResolver(() => [OrderLine], { description: 'Lines in line number order.' })
  async lines(@Root() order: Order, @Ctx() context: GatewayContext): Promise<OrderLine[]> {
    const { loaders } = requireViewer(context);

    const lines = await loaders.orderLinesByOrderId.load(order.source.id);
    return lines.map((line) => toOrderLine(line, order.source.currency));
  }

  @FieldResolver(() => [Shipment])
  async shipments(@Root() order: Order, @Ctx() context: GatewayContext): Promise<Shipment[]> {
    const { loaders } = requireViewer(context);

    const shipments = await loaders.shipmentsByOrderId.load(order.source.id);
    return shipments.map(toShipment);
  }

  @FieldResolver(() => [OrderDocument], { description: 'Files of the order, oldest first; downloadUrl gives each file.' })
  async documents(@Root() order: Order, @Ctx() context: GatewayContext): Promise<OrderDocument[]> {
    const { loaders } = requirePermission(context, 'orders:read');

    const documents = await loaders.documentsByOrderId.load(order.source.id);
    return documents.map((document) => toOrderDocument(document, order.source, context.publicBaseUrl));
  }

  @FieldResolver(() => [Invoice], { nullable: true, description: 'Invoices that bill this order. Null with FORBIDDEN when the role cannot see invoices.' })
  async invoices(@Root() order: Order, @Ctx() context: GatewayContext): Promise<Invoice[]> {
    const { loaders } = requirePermission(context, 'invoices:read');

    const invoices = await loaders.invoicesByOrderId.load(order.source.id);
    loaders.primeInvoices(invoices);
    return invoices.map(toInvoice);
  }
}

@Resolver(() => OrderConnection)
export class OrderConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of orders matching the filter, across all pages.' })
  async totalCount(@Root() connection: OrderConnection, @Ctx() context: GatewayContext): Promise<number> {
    const { loaders } = requireViewer(context);
    return context.erp.orders.countOrders(await loaders.scope(), connection.filter);
  }
}
