/**
 * Demo sales orders with lines and shipments.
 */
import type { OrderStatus, ShipmentStatus } from '../../domain';
import { CUSTOMER_ROTATION, DEMO_CUSTOMERS, PRODUCTS, type Carrier, type CatalogItem, type DemoCustomer } from './catalog';
import { dateOf, digits, documentDay, type DemoContext } from './context';
import { halvesToDecimal, lineAmountMinor, minorToDecimal, unitPriceMinor } from './money';

export interface DemoLine {
  item: CatalogItem;
  unitPrice: number;
  /** Quantity in half units, so 5 means 2.5. */
  quantityHalves: number;
}

/** Goods that left the warehouse in one shipment and can be invoiced. */
export interface InvoiceableShipment {
  orderId: number;
  day: number;
  lines: DemoLine[];
}

export interface OrderHistory {
  /** Per customer (index into DEMO_CUSTOMERS): shipments not yet invoiced, oldest first. */
  invoiceable: InvoiceableShipment[][];
  /** Per customer: orders with their day, oldest first, for support cases. */
  orders: { id: number; day: number; number: string }[][];
}

function orderStatusForAge(context: DemoContext, age: number): OrderStatus {
  if (age <= 21) {
    return context.random.weighted([['OPEN', 40], ['PARTIALLY_SHIPPED', 25], ['SHIPPED', 25], ['CANCELLED', 10]]);
  }
  if (age <= 60) {
    return context.random.weighted([['OPEN', 10], ['PARTIALLY_SHIPPED', 15], ['SHIPPED', 35], ['CLOSED', 35], ['CANCELLED', 5]]);
  }
  return context.random.weighted([['CLOSED', 90], ['CANCELLED', 10]]);
}

function purchaseOrderNumber(context: DemoContext, customer: DemoCustomer): string | null {
  if (context.random.chance(0.1)) {
    return null;
  }
  switch (customer.currency) {
    case 'USD':
      return `PO-4500${digits(context, 4)}`;
    case 'EUR':
      return `BE-${context.options.businessDate.slice(0, 4)}-${digits(context, 5)}`;
    case 'JPY':
      return `IN-${digits(context, 6)}`;
  }
}

/** Tracking numbers in each carrier's usual shape. */
function trackingNumber(context: DemoContext, carrier: Carrier): string {
  switch (carrier) {
    case 'UPS':
      return `1Z${context.random.characters('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 6)}03${digits(context, 8)}`;
    case 'FedEx':
      return digits(context, 12);
    case 'USPS':
      return `9400${digits(context, 18)}`;
    case 'DHL':
      return digits(context, 10);
  }
}

function orderLines(context: DemoContext, customer: DemoCustomer, minimum: number): DemoLine[] {
  const count = Math.max(minimum, context.random.weighted([[1, 2], [2, 4], [3, 3], [4, 2], [5, 1]]));
  const items = new Set<CatalogItem>();
  while (items.size < Math.min(count, PRODUCTS.length)) {
    items.add(context.random.pick(PRODUCTS));
  }
  return [...items].map((item) => ({
    item,
    unitPrice: unitPriceMinor(item, customer),
    quantityHalves: item.halfUnits ? context.random.integer(4, 120) : 2 * context.random.integer(1, 20),
  }));
}

/** Returns PENDING until shipped, and DELIVERED once the order is closed or the shipment left more than 4 days ago. */
function shipmentStatusFor(context: DemoContext, orderStatus: OrderStatus, shipDay: number | null): ShipmentStatus {
  if (shipDay === null) {
    return 'PENDING';
  }
  if (orderStatus === 'CLOSED' || context.lastDay - shipDay > 4) {
    return 'DELIVERED';
  }
  return 'IN_TRANSIT';
}

/** Splits lines into one or two shipments, each with at least one line. */
function splitIntoShipments(context: DemoContext, lines: DemoLine[]): DemoLine[][] {
  if (lines.length < 2 || !context.random.chance(0.2)) {
    return [lines];
  }
  const cut = context.random.integer(1, lines.length - 1);
  return [lines.slice(0, cut), lines.slice(cut)];
}

/** Writes the orders and returns what invoices and support cases refer to. */
export async function writeOrders(context: DemoContext): Promise<OrderHistory> {
  const { adapter, random, writer } = context;
  const count = context.options.orders;
  const history: OrderHistory = { invoiceable: DEMO_CUSTOMERS.map(() => []), orders: DEMO_CUSTOMERS.map(() => []) };
  let lineId = 0;
  let shipmentId = 0;
  let documentId = 0;

  // Documents draw no random numbers, so the rest of the data set is the same as without them.
  const addDocument = async (orderId: number, type: 'ORDER_CONFIRMATION' | 'DELIVERY_NOTE', title: string, fileName: string, day: number) => {
    documentId += 1;
    await writer.add('erp_documents', {
      id: adapter.idParameter(String(documentId)),
      order_id: adapter.idParameter(String(orderId)),
      document_type: type,
      title,
      file_name: fileName,
      content_type: 'application/pdf',
      storage_key: `demo/orders/${orderId}/${fileName}`,
      created_date: adapter.dateParameter(dateOf(day)),
    });
  };

  for (let index = 0; index < count; index += 1) {
    const customerIndex = CUSTOMER_ROTATION[index % CUSTOMER_ROTATION.length] ?? 0;
    const customer = DEMO_CUSTOMERS[customerIndex] as DemoCustomer;
    const day = documentDay(context, index, count);
    const id = index + 1;
    const number = `SO-${100_000 + id}`;
    const status = orderStatusForAge(context, context.lastDay - day);

    // A partial shipment needs one line that shipped and one that did not.
    const lines = orderLines(context, customer, status === 'PARTIALLY_SHIPPED' ? 2 : 1);
    const shippedLineCount = { OPEN: 0, CANCELLED: 0, PARTIALLY_SHIPPED: Math.floor(lines.length / 2), SHIPPED: lines.length, CLOSED: lines.length }[status];
    const total = lines.reduce((sum, line) => sum + lineAmountMinor(line.unitPrice, line.quantityHalves), 0);

    await writer.add('erp_orders', {
      id: adapter.idParameter(String(id)),
      customer_id: adapter.idParameter(String(customer.id)),
      order_number: number,
      customer_po: purchaseOrderNumber(context, customer),
      order_date: adapter.dateParameter(dateOf(day)),
      status,
      currency_code: customer.currency,
      total_amount: adapter.decimalParameter(minorToDecimal(total, customer)),
    });
    await addDocument(id, 'ORDER_CONFIRMATION', `Order confirmation ${number}`, `${number}-confirmation.pdf`, day);

    for (const [lineIndex, line] of lines.entries()) {
      lineId += 1;
      await writer.add('erp_order_lines', {
        id: adapter.idParameter(String(lineId)),
        order_id: adapter.idParameter(String(id)),
        line_number: lineIndex + 1,
        item_number: line.item.itemNumber,
        description: line.item.description,
        quantity_ordered: adapter.decimalParameter(halvesToDecimal(line.quantityHalves)),
        quantity_shipped: adapter.decimalParameter(halvesToDecimal(lineIndex < shippedLineCount ? line.quantityHalves : 0)),
        unit_price: adapter.decimalParameter(minorToDecimal(line.unitPrice, customer)),
        amount: adapter.decimalParameter(minorToDecimal(lineAmountMinor(line.unitPrice, line.quantityHalves), customer)),
      });
    }

    // Shipped goods go out in one or two shipments. A partial order also has a pending one.
    const shipments: { lines: DemoLine[]; shipDay: number | null }[] = [];
    if (shippedLineCount > 0) {
      let shipDay = Math.min(context.lastDay, day + random.integer(1, 5));
      for (const shipped of splitIntoShipments(context, lines.slice(0, shippedLineCount))) {
        shipments.push({ lines: shipped, shipDay });
        shipDay = Math.min(context.lastDay, shipDay + random.integer(2, 10));
      }
    }
    if (status === 'PARTIALLY_SHIPPED' || (status === 'OPEN' && random.chance(0.3))) {
      shipments.push({ lines: lines.slice(shippedLineCount), shipDay: null });
    }

    for (const shipment of shipments) {
      shipmentId += 1;
      const carrier = random.pick(customer.carriers);
      const shipmentStatus = shipmentStatusFor(context, status, shipment.shipDay);
      await writer.add('erp_shipments', {
        id: adapter.idParameter(String(shipmentId)),
        order_id: adapter.idParameter(String(id)),
        shipment_number: `SH-${200_000 + shipmentId}`,
        ship_date: shipment.shipDay === null ? null : adapter.dateParameter(dateOf(shipment.shipDay)),
        carrier,
        tracking_number: shipment.shipDay === null ? null : trackingNumber(context, carrier),
        status: shipmentStatus,
      });
      if (shipment.shipDay !== null) {
        await addDocument(id, 'DELIVERY_NOTE', `Delivery note SH-${200_000 + shipmentId}`, `SH-${200_000 + shipmentId}-delivery-note.pdf`, shipment.shipDay);
        history.invoiceable[customerIndex]?.push({ orderId: id, day: shipment.shipDay, lines: shipment.lines });
      }
    }

    history.orders[customerIndex]?.push({ id, day, number });
  }

  // Second shipments can ship after a later order's first one.
  for (const queue of history.invoiceable) {
    queue.sort((a, b) => a.day - b.day || a.orderId - b.orderId);
  }
  return history;
}
