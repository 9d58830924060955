/**
 * Demo invoices and credit memos with lines and payments. Every balance is
 * the amount less the payments written for it.
 */
import { CUSTOMER_ROTATION, DEMO_CUSTOMERS, PRODUCTS, SERVICES, type DemoCustomer } from './catalog';
import { dateOf, digits, documentDay, type DemoContext } from './context';
import { halvesToDecimal, lineAmountMinor, minorToDecimal, unitPriceMinor } from './money';
import type { DemoLine, OrderHistory } from './orders';

/** Net terms: every document is due 30 days after its date. */
const PAYMENT_TERM_DAYS = 30;

/** A shipment older than this when the next invoice is written is treated as invoiced elsewhere. */
const MAX_INVOICE_DELAY_DAYS = 90;

type Settlement = 'OPEN' | 'PARTIAL' | 'PAID';

function settlementForAge(context: DemoContext, dueDay: number): Settlement {
  const daysOverdue = context.lastDay - dueDay;
  if (daysOverdue <= 0) {
    return context.random.weighted([['OPEN', 70], ['PARTIAL', 15], ['PAID', 15]]);
  }
  if (daysOverdue <= 60) {
    return context.random.weighted([['OPEN', 25], ['PARTIAL', 20], ['PAID', 55]]);
  }
  return context.random.weighted([['OPEN', 2], ['PARTIAL', 2], ['PAID', 96]]);
}

function paymentReference(context: DemoContext, customer: DemoCustomer): string {
  switch (customer.currency) {
    case 'USD':
      return context.random.chance(0.8) ? `ACH ${digits(context, 10)}` : `CHECK ${digits(context, 6)}`;
    case 'EUR':
      return `SEPA ${digits(context, 12)}`;
    case 'JPY':
      return `FURIKOMI ${digits(context, 8)}`;
  }
}

function serviceLines(context: DemoContext, customer: DemoCustomer): DemoLine[] {
  const count = context.random.integer(1, 3);
  const lines: DemoLine[] = [];
  for (let index = 0; index < count; index += 1) {
    const item = context.random.pick(SERVICES);
    lines.push({
      item,
      unitPrice: unitPriceMinor(item, customer),
      quantityHalves: item.halfUnits ? context.random.integer(2, 24) : 2 * context.random.integer(1, 3),
    });
  }
  return lines;
}

/** Returned goods, as lines with negative quantities. */
function returnLines(context: DemoContext, customer: DemoCustomer): DemoLine[] {
  const count = context.random.integer(1, 2);
  const lines: DemoLine[] = [];
  for (let index = 0; index < count; index += 1) {
    const item = context.random.pick(PRODUCTS);
    lines.push({
      item: { ...item, description: `Return: ${item.description}` },
      unitPrice: unitPriceMinor(item, customer),
      quantityHalves: -2 * context.random.integer(1, 3),
    });
  }
  return lines;
}

/** Returns the customer's latest order that shipped within MAX_INVOICE_DELAY_DAYS before `day`, or null. */
function recentShippedOrder(history: OrderHistory, customerIndex: number, day: number): number | null {
  const orders = history.orders[customerIndex] ?? [];
  for (let index = orders.length - 1; index >= 0; index -= 1) {
    const order = orders[index];
    if (order === undefined || order.day < day - MAX_INVOICE_DELAY_DAYS) {
      return null;
    }
    if (order.shipped && order.day <= day) {
      return order.id;
    }
  }
  return null;
}

/** Splits `total` minor units into a share of 20 % to 80 %, never 0 and never all of it. */
function partOf(context: DemoContext, total: number): number {
  const share = Math.floor((total * context.random.integer(20, 80)) / 100);
  return Math.min(total - 1, Math.max(1, share));
}

/** Writes the invoices, billing the shipped goods of `history` in date order. */
export async function writeInvoices(context: DemoContext, history: OrderHistory): Promise<void> {
  const { adapter, random, writer } = context;
  const count = context.options.invoices;
  const lastInvoiceNumber: (string | null)[] = DEMO_CUSTOMERS.map(() => null);
  let invoiceCount = 0;
  let creditMemoCount = 0;
  let lineId = 0;
  let paymentId = 0;

  for (let index = 0; index < count; index += 1) {
    const customerIndex = CUSTOMER_ROTATION[index % CUSTOMER_ROTATION.length] ?? 0;
    const customer = DEMO_CUSTOMERS[customerIndex] as DemoCustomer;
    const day = documentDay(context, index, count);
    const dueDay = day + PAYMENT_TERM_DAYS;
    const id = index + 1;
    const isCreditMemo = random.chance(0.1);

    // An invoice bills the oldest shipment of the customer that has shipped by
    // its date. Without one it bills services: mostly for a recent order
    // (installation, training), otherwise for no order at all.
    let orderId: number | null = null;
    let lines: DemoLine[];
    if (isCreditMemo) {
      lines = returnLines(context, customer);
    } else {
      const queue = history.invoiceable[customerIndex] ?? [];
      while (queue.length > 0 && (queue[0]?.day ?? 0) < day - MAX_INVOICE_DELAY_DAYS) {
        queue.shift();
      }
      const shipment = queue[0] !== undefined && queue[0].day <= day ? queue.shift() : undefined;
      if (shipment !== undefined) {
        orderId = shipment.orderId;
        lines = shipment.lines;
      } else {
        orderId = random.chance(0.7) ? recentShippedOrder(history, customerIndex, day) : null;
        lines = serviceLines(context, customer);
      }
    }

    const number = isCreditMemo ? `CM-${100_000 + ++creditMemoCount}` : `INV-${100_000 + ++invoiceCount}`;
    const amount = lines.reduce((sum, line) => sum + lineAmountMinor(line.unitPrice, line.quantityHalves), 0);

    // Payments: [day, amount in minor units]. Credit memos older than 30 days were applied to an invoice.
    const payments: [number, number][] = [];
    if (isCreditMemo) {
      if (context.lastDay - day > 30) {
        payments.push([Math.min(context.lastDay, day + random.integer(5, 30)), amount]);
      }
    } else {
      const settlement = settlementForAge(context, dueDay);
      const earliest = Math.min(context.lastDay, day + 3);
      const latest = Math.max(earliest, Math.min(context.lastDay, dueDay + 25));
      const firstDay = random.integer(earliest, latest);
      if (settlement === 'PARTIAL') {
        payments.push([firstDay, partOf(context, amount)]);
      } else if (settlement === 'PAID' && random.chance(0.15)) {
        const first = partOf(context, amount);
        payments.push([firstDay, first], [random.integer(firstDay, Math.max(firstDay, latest)), amount - first]);
      } else if (settlement === 'PAID') {
        payments.push([firstDay, amount]);
      }
    }
    const balance = amount - payments.reduce((sum, [, paid]) => sum + paid, 0);

    await writer.add('erp_invoices', {
      id: adapter.idParameter(String(id)),
      customer_id: adapter.idParameter(String(customer.id)),
      invoice_number: number,
      invoice_type: isCreditMemo ? 'CREDIT_MEMO' : 'INVOICE',
      invoice_date: adapter.dateParameter(dateOf(day)),
      due_date: adapter.dateParameter(dateOf(dueDay)),
      currency_code: customer.currency,
      amount: adapter.decimalParameter(minorToDecimal(amount, customer)),
      balance: adapter.decimalParameter(minorToDecimal(balance, customer)),
      order_id: orderId === null ? null : adapter.idParameter(String(orderId)),
    });

    for (const [lineIndex, line] of lines.entries()) {
      lineId += 1;
      await writer.add('erp_invoice_lines', {
        id: adapter.idParameter(String(lineId)),
        invoice_id: adapter.idParameter(String(id)),
        line_number: lineIndex + 1,
        item_number: line.item.itemNumber,
        description: line.item.description,
        quantity: adapter.decimalParameter(halvesToDecimal(line.quantityHalves)),
        unit_price: adapter.decimalParameter(minorToDecimal(line.unitPrice, customer)),
        amount: adapter.decimalParameter(minorToDecimal(lineAmountMinor(line.unitPrice, line.quantityHalves), customer)),
      });
    }

    for (const [paymentDay, paid] of payments) {
      paymentId += 1;
      await writer.add('erp_invoice_payments', {
        id: adapter.idParameter(String(paymentId)),
        invoice_id: adapter.idParameter(String(id)),
        payment_date: adapter.dateParameter(dateOf(paymentDay)),
        amount: adapter.decimalParameter(minorToDecimal(paid, customer)),
        reference: isCreditMemo ? `APPLIED TO ${lastInvoiceNumber[customerIndex] ?? 'ACCOUNT'}` : paymentReference(context, customer),
      });
    }

    if (!isCreditMemo) {
      lastInvoiceNumber[customerIndex] = number;
    }
  }
}
