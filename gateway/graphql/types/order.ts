import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

import type * as domain from '../../../connectors/domain';
import type { OrderFilter as OrderFilterValues, OrderSortField, SortDirection } from '../../../connectors/sources';
import { toGlobalId } from '../global-id';
import { DateScalar } from '../scalars/date';
import { DecimalScalar } from '../scalars/decimal';
import { trackingUrl } from '../tracking';
import { OrderSortFieldValues, OrderStatusValues, ShipmentStatusValues, SortDirectionValues } from './enums';
import { Money, money } from './money';
import { PageInfo } from './page-info';

@ObjectType({ description: "A sales order of the viewer's company." })
export class Order {
  @Field(() => ID, { description: 'Opaque global id, stable across requests; use it as a cache key.' })
  id!: string;

  @Field(() => String, { description: 'Order number, for example "SO-100001".' })
  number!: string;

  @Field(() => String, { nullable: true, description: "The customer's own purchase order number, when given." })
  purchaseOrderNumber!: string | null;

  @Field(() => DateScalar)
  orderDate!: domain.IsoDate;

  @Field(() => OrderStatusValues)
  status!: domain.OrderStatus;

  @Field(() => Money)
  total!: Money;

  // lines, shipments, documents and invoices are field resolvers in OrderResolver.

  /** The connector's row, for the field resolvers. Not exposed. */
  source!: domain.Order;
}

export function toOrder(order: domain.Order): Order {
  return {
    id: toGlobalId('Order', order.id),
    number: order.number,
    purchaseOrderNumber: order.purchaseOrderNumber,
    orderDate: order.orderDate,
    status: order.status,
    total: money(order.total, order.currency),
    source: order,
  };
}

@ObjectType({ description: 'One line of an order.' })
export class OrderLine {
  @Field(() => Int)
  lineNumber!: number;

  @Field(() => String, { nullable: true, description: 'Stock keeping unit, when the line is for an item.' })
  sku!: string | null;

  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar)
  quantityOrdered!: domain.DecimalString;

  @Field(() => DecimalScalar)
  quantityShipped!: domain.DecimalString;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => Money)
  amount!: Money;
}

export function toOrderLine(line: domain.OrderLine, currency: domain.CurrencyCode): OrderLine {
  return {
    lineNumber: line.lineNumber,
    sku: line.sku,
    description: line.description,
    quantityOrdered: line.quantityOrdered,
    quantityShipped: line.quantityShipped,
    unitPrice: money(line.unitPrice, currency),
    amount: money(line.amount, currency),
  };
}

@ObjectType({ description: 'A shipment of goods from an order.' })
export class Shipment {
  @Field(() => String)
  number!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null until the goods leave the warehouse.' })
  shipDate!: domain.IsoDate | null;

  @Field(() => String, { description: 'Carrier name as the ERP records it, for example "UPS".' })
  carrier!: string;

  @Field(() => String, { nullable: true })
  trackingNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Carrier's tracking page, when the carrier is UPS, FedEx, USPS or DHL and a tracking number exists.",
  })
  trackingUrl!: string | null;

  @Field(() => ShipmentStatusValues)
  status!: domain.ShipmentStatus;
}

export function toShipment(shipment: domain.Shipment): Shipment {
  return {
    number: shipment.number,
    shipDate: shipment.shipDate,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: trackingUrl(shipment.carrier, shipment.trackingNumber),
    status: shipment.status,
  };
}

@ObjectType()
export class OrderEdge {
  @Field(() => String, { description: 'Opaque cursor; pass it as after to get the orders that follow.' })
  cursor!: string;

  @Field(() => Order)
  node!: Order;
}

@ObjectType({ description: 'A page of orders (Relay cursor connection).' })
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges!: OrderEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  // totalCount is a field resolver, so the count query runs only when requested.

  /** The filter of the request, for totalCount. Not exposed. */
  filter!: OrderFilterValues;
}

@InputType({ description: 'Conditions an order must meet to be listed; all given conditions apply.' })
export class OrderFilter {
  @Field(() => [OrderStatusValues], { nullable: true, description: 'Any of these statuses.' })
  status?: domain.OrderStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Earliest order date, inclusive.' })
  orderDateFrom?: domain.IsoDate | null;

  @Field(() => DateScalar, { nullable: true, description: 'Latest order date, inclusive.' })
  orderDateTo?: domain.IsoDate | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the order number or purchase order number, matched literally (% and _ are not wildcards).',
  })
  numberContains?: string | null;
}

@InputType({ description: 'Sort order of an order list; ties are broken by an internal id.' })
export class OrderOrder {
  @Field(() => OrderSortFieldValues)
  field!: OrderSortField;

  @Field(() => SortDirectionValues, { defaultValue: 'ASC' })
  direction!: SortDirection;
}
