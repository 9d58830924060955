/**
 * Demo invoices and credit memos with lines and payments. Every balance is
 * the amount less the payments written for it.
 *
 * An invoice linked to an order bills one shipment of that order, so its
 * lines are the shipped lines and its amount is their total. Service
 * invoices belong to no order. A credit memo returns goods of a recently
 * billed shipment, where the customer has one, and is applied to the
 * customer's next invoices. Each application writes a negative payment row
 * on the memo and a positive row of the same amount and day on the invoice.
 * Applications therefore add nothing to a month's payments, and no month's
 * payment total is negative.
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

/**
 * Returned goods, as lines with negative quantities: up to two lines of the
 * billed shipment, each returning at most what was shipped.
 */
function returnLines(context: DemoContext, shipmentInvoice: PlannedInvoice): DemoLine[] {
  const remaining = [...shipmentInvoice.lines];
  const count = Math.min(remaining.length, context.random.integer(1, 2));
  const lines: DemoLine[] = [];
  for (let index = 0; index < count; index += 1) {
    const [line] = remaining.splice(context.random.integer(0, remaining.length - 1), 1) as [DemoLine];
    lines.push({
      item: { ...line.item, description: `Return: ${line.item.description}` },
      unitPrice: line.unitPrice,
      quantityHalves: -Math.min(line.quantityHalves, 2 * context.random.integer(1, 3)),
    });
  }
  return lines;
}

/** Returned catalogue goods of no particular order, for a customer without a recent shipment. */
function catalogueReturnLines(context: DemoContext, customer: DemoCustomer): DemoLine[] {
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

/**
 * Removes and returns the customer's latest shipment invoice dated within
 * MAX_INVOICE_DELAY_DAYS before `day`, so each shipment gets at most one return.
 */
function takeReturnableShipment(shipmentInvoices: PlannedInvoice[], day: number): PlannedInvoice | undefined {
  while (shipmentInvoices.length > 0 && (shipmentInvoices[0]?.day ?? 0) < day - MAX_INVOICE_DELAY_DAYS) {
    shipmentInvoices.shift();
  }
  return shipmentInvoices.pop();
}

/** Splits `total` minor units into a share of 20 % to 80 %, never 0 and never all of it. */
function partOf(context: DemoContext, total: number): number {
  const share = Math.floor((total * context.random.integer(20, 80)) / 100);
  return Math.min(total - 1, Math.max(1, share));
}

interface PlannedPayment {
  day: number;
  /** Amount in minor units, negative where a credit memo is applied. */
  amount: number;
  reference: string;
}

/** An invoice or credit memo, kept in memory until credit applications have changed its payments. */
interface PlannedInvoice {
  id: number;
  customer: DemoCustomer;
  number: string;
  isCreditMemo: boolean;
  day: number;
  dueDay: number;
  orderId: number | null;
  lines: DemoLine[];
  /** Amount in minor units, negative for a credit memo. */
  amount: number;
  payments: PlannedPayment[];
}

/** Credit of a memo that later invoices of its customer may still absorb. */
interface OpenCredit {
  memo: PlannedInvoice;
  /** First day the credit may be applied to an invoice. */
  availableDay: number;
  /** Minor units still unapplied, above zero. */
  remaining: number;
}

/** Writes the invoices, billing the shipped goods of `history` in date order. */
export async function writeInvoices(context: DemoContext, history: OrderHistory): Promise<void> {
  const { random } = context;
  const count = context.options.invoices;
  const openCredits: OpenCredit[][] = DEMO_CUSTOMERS.map(() => []);
  const returnableShipments: PlannedInvoice[][] = DEMO_CUSTOMERS.map(() => []);
  const planned: PlannedInvoice[] = [];
  let invoiceCount = 0;
  let creditMemoCount = 0;

  for (let index = 0; index < count; index += 1) {
    const customerIndex = CUSTOMER_ROTATION[index % CUSTOMER_ROTATION.length] ?? 0;
    const customer = DEMO_CUSTOMERS[customerIndex] as DemoCustomer;
    const day = documentDay(context, index, count);
    const isCreditMemo = random.chance(0.1);

    // An invoice bills the oldest shipment of the customer that has shipped by
    // its date. Without one it bills services, which belong to no order. A
    // credit memo returns goods of the latest billed shipment, and belongs to its order.
    let orderId: number | null = null;
    let lines: DemoLine[];
    if (isCreditMemo) {
      const returned = takeReturnableShipment(returnableShipments[customerIndex] ?? [], day);
      orderId = returned?.orderId ?? null;
      lines = returned === undefined ? catalogueReturnLines(context, customer) : returnLines(context, returned);
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
        lines = serviceLines(context, customer);
      }
    }

    const invoice: PlannedInvoice = {
      id: index + 1,
      customer,
      number: isCreditMemo ? `CM-${100_000 + ++creditMemoCount}` : `INV-${100_000 + ++invoiceCount}`,
      isCreditMemo,
      day,
      dueDay: day + PAYMENT_TERM_DAYS,
      orderId,
      lines,
      amount: lines.reduce((sum, line) => sum + lineAmountMinor(line.unitPrice, line.quantityHalves), 0),
      payments: [],
    };
    planned.push(invoice);
    if (!isCreditMemo && orderId !== null) {
      returnableShipments[customerIndex]?.push(invoice);
    }

    if (isCreditMemo) {
      // Memos of the last 30 days are still open. Older ones may be applied
      // from 5 to 30 days after their date.
      if (context.lastDay - day > 30) {
        openCredits[customerIndex]?.push({ memo: invoice, availableDay: Math.min(context.lastDay, day + random.integer(5, 30)), remaining: -invoice.amount });
      }
    } else {
      const credited = applyOpenCredits(invoice, openCredits[customerIndex] ?? []);
      settleWithCash(context, invoice, invoice.amount - credited);
    }
  }

  await writePlannedInvoices(context, planned);
}

/**
 * Applies the customer's credits that are available by the invoice's date to
 * the invoice, oldest first, and returns the minor units applied.
 */
function applyOpenCredits(invoice: PlannedInvoice, credits: OpenCredit[]): number {
  let applied = 0;
  while (applied < invoice.amount && credits.length > 0 && (credits[0]?.availableDay ?? Infinity) <= invoice.day) {
    const credit = credits[0] as OpenCredit;
    const amount = Math.min(credit.remaining, invoice.amount - applied);
    invoice.payments.push({ day: invoice.day, amount, reference: `CREDIT MEMO ${credit.memo.number}` });
    credit.memo.payments.push({ day: invoice.day, amount: -amount, reference: `APPLIED TO ${invoice.number}` });
    credit.remaining -= amount;
    applied += amount;
    if (credit.remaining === 0) {
      credits.shift();
    }
  }
  return applied;
}

/** Adds cash payments for up to `due` minor units, as likely as the invoice's age makes them. */
function settleWithCash(context: DemoContext, invoice: PlannedInvoice, due: number): void {
  const { random } = context;
  const settlement = settlementForAge(context, invoice.dueDay);
  const earliest = Math.min(context.lastDay, invoice.day + 3);
  const latest = Math.max(earliest, Math.min(context.lastDay, invoice.dueDay + 25));
  const firstDay = random.integer(earliest, latest);
  const reference = paymentReference(context, invoice.customer);

  if (due <= 0 || settlement === 'OPEN') {
    return;
  }

  // Splitting needs at least 2 minor units, so a single minor unit due is paid in full.
  if (settlement === 'PARTIAL' && due >= 2) {
    invoice.payments.push({ day: firstDay, amount: partOf(context, due), reference });
  } else if (settlement === 'PAID' && due >= 2 && random.chance(0.15)) {
    const first = partOf(context, due);
    invoice.payments.push(
      { day: firstDay, amount: first, reference },
      { day: random.integer(firstDay, Math.max(firstDay, latest)), amount: due - first, reference: paymentReference(context, invoice.customer) },
    );
  } else {
    invoice.payments.push({ day: firstDay, amount: due, reference });
  }
}

async function writePlannedInvoices(context: DemoContext, planned: readonly PlannedInvoice[]): Promise<void> {
  const { adapter, writer } = context;
  let lineId = 0;
  let paymentId = 0;

  for (const invoice of planned) {
    const { customer } = invoice;
    const balance = invoice.amount - invoice.payments.reduce((sum, payment) => sum + payment.amount, 0);

    await writer.add('erp_invoices', {
      id: adapter.idParameter(String(invoice.id)),
      customer_id: adapter.idParameter(String(customer.id)),
      invoice_number: invoice.number,
      invoice_type: invoice.isCreditMemo ? 'CREDIT_MEMO' : 'INVOICE',
      invoice_date: adapter.dateParameter(dateOf(invoice.day)),
      due_date: adapter.dateParameter(dateOf(invoice.dueDay)),
      currency_code: customer.currency,
      amount: adapter.decimalParameter(minorToDecimal(invoice.amount, customer)),
      balance: adapter.decimalParameter(minorToDecimal(balance, customer)),
      order_id: invoice.orderId === null ? null : adapter.idParameter(String(invoice.orderId)),
    });

    for (const [lineIndex, line] of invoice.lines.entries()) {
      lineId += 1;
      await writer.add('erp_invoice_lines', {
        id: adapter.idParameter(String(lineId)),
        invoice_id: adapter.idParameter(String(invoice.id)),
        line_number: lineIndex + 1,
        item_number: line.item.itemNumber,
        description: line.item.description,
        quantity: adapter.decimalParameter(halvesToDecimal(line.quantityHalves)),
        unit_price: adapter.decimalParameter(minorToDecimal(line.unitPrice, customer)),
        amount: adapter.decimalParameter(minorToDecimal(lineAmountMinor(line.unitPrice, line.quantityHalves), customer)),
      });
    }

    for (const payment of invoice.payments) {
      paymentId += 1;
      await writer.add('erp_invoice_payments', {
        id: adapter.idParameter(String(paymentId)),
        invoice_id: adapter.idParameter(String(invoice.id)),
        payment_date: adapter.dateParameter(dateOf(payment.day)),
        amount: adapter.decimalParameter(minorToDecimal(payment.amount, customer)),
        reference: payment.reference,
      });
    }
  }
}
