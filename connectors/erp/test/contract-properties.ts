/**
 * The data-independent half of the ERP contract suite: every check compares
 * the connector with reference reads of the same views (SELECT * through the
 * adapter), so it holds for any data set that satisfies the contract. The
 * contract test runs it against the demo data on every engine and against
 * the Northwind mapping. The other contract test files check hand-written
 * edge cases of the demo fixture.
 */
import * as decimal from '../../decimal';
import type { Customer, Invoice, Order, OrderDocument, Ticket } from '../../domain';
import type { InvoiceSortField, OrderSortField, SortDirection, TicketSortField } from '../../sources';
import type { Database, QueryEvent } from '../../sql';
import { MAX_KEYS_PER_STATEMENT } from '../batch';
import { addDays, firstOfMonth, monthsEndingWith } from '../calendar';
import { CASE_PRIORITIES, CASE_STATUSES, CLOSED_ORDER_STATUSES, OPEN_ORDER_STATUSES, ORDER_STATUSES } from '../contract';
import type { ErpConnector } from '../index';
import {
  collectPages,
  compareDecimal,
  compareRank,
  compareText,
  referenceBusinessDate,
  referenceContacts,
  referenceCustomers,
  referenceDocuments,
  referenceInvoiceStatus,
  referenceInvoices,
  referenceLines,
  referenceOrder,
  referenceOrders,
  referencePayments,
  referenceShipments,
  referenceTickets,
  type ReferenceSort,
} from './reference';

/** What a data set hands to the properties: its database, a connector over it and the statements it ran. */
export interface ContractSubject {
  database: Database;
  erp: ErpConnector;
  statements: QueryEvent[];
}

const INVOICE_SORTS: Record<InvoiceSortField, ReferenceSort<Invoice>> = {
  NUMBER: { value: (invoice) => invoice.number, compare: compareText },
  INVOICE_DATE: { value: (invoice) => invoice.invoiceDate, compare: compareText },
  DUE_DATE: { value: (invoice) => invoice.dueDate, compare: compareText },
  AMOUNT: { value: (invoice) => invoice.amount, compare: compareDecimal },
  BALANCE: { value: (invoice) => invoice.balance, compare: compareDecimal },
  STATUS: { value: referenceInvoiceStatus, compare: compareRank(['OUTSTANDING', 'PAID']) },
};

const ORDER_SORTS: Record<OrderSortField, ReferenceSort<Order>> = {
  NUMBER: { value: (order) => order.number, compare: compareText },
  ORDER_DATE: { value: (order) => order.orderDate, compare: compareText },
  TOTAL: { value: (order) => order.total, compare: compareDecimal },
  STATUS: { value: (order) => order.status, compare: compareRank(ORDER_STATUSES) },
};

const TICKET_SORTS: Record<TicketSortField, ReferenceSort<Ticket>> = {
  NUMBER: { value: (ticket) => ticket.number, compare: compareText },
  CREATED_AT: { value: (ticket) => ticket.createdAt, compare: compareText },
  UPDATED_AT: { value: (ticket) => ticket.updatedAt, compare: compareText },
  STATUS: { value: (ticket) => ticket.status, compare: compareRank(CASE_STATUSES) },
  PRIORITY: { value: (ticket) => ticket.priority, compare: compareRank(CASE_PRIORITIES) },
};

const DIRECTIONS: readonly SortDirection[] = ['ASC', 'DESC'];

function sortCases<Field extends string>(sorts: Record<Field, unknown>): [Field, SortDirection][] {
  return (Object.keys(sorts) as Field[]).flatMap((field) => DIRECTIONS.map((direction) => [field, direction] as [Field, SortDirection]));
}

const byNumericId = (a: { id: string }, b: { id: string }) => compareText(a.id.padStart(20, '0'), b.id.padStart(20, '0'));

interface References {
  businessDate: string;
  customers: Customer[];
  invoices: Invoice[];
  orders: Order[];
  tickets: Ticket[];
  documents: OrderDocument[];
  /** The customers the per-customer checks run for: the two with the most invoices, and the first with none (or the third busiest). */
  sampleCustomerIds: string[];
}

async function readReferences(database: Database): Promise<References> {
  const [businessDate, customers, invoices, orders, tickets, documents] = await Promise.all([
    referenceBusinessDate(database),
    referenceCustomers(database),
    referenceInvoices(database),
    referenceOrders(database),
    referenceTickets(database),
    referenceDocuments(database),
  ]);

  const invoiceCounts = new Map<string, number>();
  for (const invoice of invoices) {
    invoiceCounts.set(invoice.customerId, (invoiceCounts.get(invoice.customerId) ?? 0) + 1);
  }
  const busiest = [...invoiceCounts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([id]) => id);
  const withoutInvoices = customers.find((customer) => !invoiceCounts.has(customer.id));
  const third = withoutInvoices?.id ?? busiest[2] ?? busiest[0];
  const sampleCustomerIds = [...busiest.slice(0, 2), ...(third === undefined ? [] : [third])];
  return { businessDate, customers, invoices, orders, tickets, documents, sampleCustomerIds };
}

/**
 * Declares the contract properties for one data set. `subject` returns the
 * data set once the caller's beforeAll has created it.
 */
export function describeContractProperties(subject: () => ContractSubject): void {
  let references: References;

  beforeAll(async () => {
    references = await readReferences(subject().database);
  });

  const erp = () => subject().erp;
  const scopeOf = (customerId: string) => ({ customerId, asOf: references.businessDate });
  const sample = (index: number) => references.sampleCustomerIds[index] ?? '';

  async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: QueryEvent[] }> {
    const { statements } = subject();
    const start = statements.length;
    const result = await work();
    return { result, statements: statements.slice(start) };
  }

  test('data set has customers, invoices and orders to check', () => {
    expect(references.sampleCustomerIds.length).toBeGreaterThanOrEqual(2);
    expect(references.invoices.filter((invoice) => invoice.customerId === sample(0)).length).toBeGreaterThan(5);
    expect(references.orders.filter((order) => order.customerId === sample(0)).length).toBeGreaterThan(5);
  });

  test('ids in every view are unique', async () => {
    const { database } = subject();
    const lists: { id: string }[][] = [
      references.customers,
      await referenceContacts(database),
      references.invoices,
      references.orders,
      references.tickets,
      references.documents,
      await referenceShipments(database),
      await referenceLines(database, 'erp_invoice_lines'),
      await referenceLines(database, 'erp_order_lines'),
      await referencePayments(database),
    ];

    for (const list of lists) {
      expect(new Set(list.map((row) => row.id)).size).toBe(list.length);
    }
  });

  test('businessDate is the latest business date', async () => {
    expect(await erp().directory.businessDate()).toBe(references.businessDate);
  });

  test('contacts resolve by e-mail in any case and by id, in key order', async () => {
    const contacts = (await referenceContacts(subject().database)).slice(0, 25);
    const emails = [...contacts.map((contact) => contact.email.toUpperCase()), 'nobody@nowhere.example'];

    const { result, statements } = await statementsOf(() => erp().directory.contactsByEmail(emails));
    const byId = await erp().directory.contactsById([...contacts.map((contact) => contact.id), '999999999', 'x'].reverse());

    expect(result).toEqual([...contacts, null]);
    expect(statements).toHaveLength(1);
    expect(byId).toEqual([null, null, ...[...contacts].reverse()]);
  });

  test('customersById returns key order with nulls', async () => {
    const customers = references.customers.slice(0, 10);

    const result = await erp().directory.customersById(['0', ...customers.map((customer) => customer.id).reverse()]);

    expect(result).toEqual([null, ...[...customers].reverse()]);
  });

  describe.each([0, 1, 2])('sample customer %i', (index) => {
    const invoicesOf = () => references.invoices.filter((invoice) => invoice.customerId === sample(index));
    const ordersOf = () => references.orders.filter((order) => order.customerId === sample(index));

    test.each(sortCases(INVOICE_SORTS))('invoices by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(invoicesOf(), INVOICE_SORTS[field], direction);

      const pages = await collectPages((after) => erp().invoices.listInvoices(scopeOf(sample(index)), { filter: {}, orderBy: { field, direction }, first: 7, after }));
      const items = pages.flatMap((page) => page.items);

      expect(items.map((item) => item.node)).toEqual(expected);
      expect(items.map((item) => item.key)).toEqual(expected.map((invoice) => ({ value: INVOICE_SORTS[field].value(invoice), id: invoice.id })));
      expect(await erp().invoices.countInvoices(scopeOf(sample(index)), {})).toBe(expected.length);
    });

    test.each(sortCases(ORDER_SORTS))('orders by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(ordersOf(), ORDER_SORTS[field], direction);

      const pages = await collectPages((after) => erp().orders.listOrders(scopeOf(sample(index)), { filter: {}, orderBy: { field, direction }, first: 7, after }));

      expect(pages.flatMap((page) => page.items.map((item) => item.node))).toEqual(expected);
      expect(await erp().orders.countOrders(scopeOf(sample(index)), {})).toBe(expected.length);
    });

    test.each(sortCases(TICKET_SORTS))('tickets by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(
        references.tickets.filter((ticket) => ticket.customerId === sample(index)),
        TICKET_SORTS[field],
        direction,
      );

      const pages = await collectPages((after) => erp().tickets.listTickets(scopeOf(sample(index)), { filter: {}, orderBy: { field, direction }, first: 7, after }));

      expect(pages.flatMap((page) => page.items.map((item) => item.node))).toEqual(expected);
    });

    test('outstanding and overdue filters match the balances', async () => {
      const asOf = references.businessDate;
      const outstanding = invoicesOf().filter((invoice) => !decimal.isZero(invoice.balance));
      const overdue = outstanding.filter((invoice) => invoice.dueDate < asOf);

      const scope = scopeOf(sample(index));
      expect(await erp().invoices.countInvoices(scope, { status: 'OUTSTANDING' })).toBe(outstanding.length);
      expect(await erp().invoices.countInvoices(scope, { status: 'PAID' })).toBe(invoicesOf().length - outstanding.length);
      expect(await erp().invoices.countInvoices(scope, { overdue: true })).toBe(overdue.length);
      expect(await erp().invoices.countInvoices(scope, { overdue: false })).toBe(invoicesOf().length - overdue.length);
    });

    test('invoiceTotals equal sums of the reference rows', async () => {
      const asOf = references.businessDate;
      const open = invoicesOf().filter((invoice) => !decimal.isZero(invoice.balance));
      const customer = references.customers.find((candidate) => candidate.id === sample(index));
      const sum = (values: string[]) => decimal.toFixedScale(decimal.sum(values));

      expect(await erp().invoices.invoiceTotals(scopeOf(sample(index)))).toEqual({
        currency: customer?.currency,
        totalInvoiced: sum(invoicesOf().filter((invoice) => invoice.invoiceDate <= asOf).map((invoice) => invoice.amount)),
        currentBalance: sum(open.filter((invoice) => invoice.dueDate >= asOf).map((invoice) => invoice.balance)),
        overdueBalance: sum(open.filter((invoice) => invoice.dueDate < asOf).map((invoice) => invoice.balance)),
        outstandingCount: open.length,
        overdueCount: open.filter((invoice) => invoice.dueDate < asOf).length,
      });
    });

    test('invoiceTrend equals monthly sums of the reference rows', async () => {
      const asOf = references.businessDate;
      const from = firstOfMonth(asOf, -11);
      const own = new Set(invoicesOf().map((invoice) => invoice.id));
      const payments = (await referencePayments(subject().database)).filter((payment) => own.has(payment.invoiceId));
      const inWindow = (date: string) => date >= from && date <= asOf;
      const sumFor = (month: string, entries: { date: string; amount: string }[]) =>
        decimal.toFixedScale(decimal.sum(entries.filter((entry) => inWindow(entry.date) && entry.date.startsWith(month)).map((entry) => entry.amount)));
      const invoiced = invoicesOf().map((invoice) => ({ date: invoice.invoiceDate, amount: invoice.amount }));
      const paid = payments.map((payment) => ({ date: payment.paymentDate, amount: payment.amount }));

      expect(await erp().invoices.invoiceTrend(scopeOf(sample(index)), 12)).toEqual(
        monthsEndingWith(asOf, 12).map((month) => ({ month, invoiced: sumFor(month, invoiced), paid: sumFor(month, paid) })),
      );
    });

    test('orderCounts and ticketCounts equal counts of the reference rows', async () => {
      const asOf = references.businessDate;
      const tickets = references.tickets.filter((ticket) => ticket.customerId === sample(index));
      const recentFrom = `${addDays(asOf, -29)}T00:00:00.000Z`;
      const recentUntil = `${addDays(asOf, 1)}T00:00:00.000Z`;

      expect(await erp().orders.orderCounts(scopeOf(sample(index)))).toEqual({
        open: ordersOf().filter((order) => (OPEN_ORDER_STATUSES as readonly string[]).includes(order.status)).length,
        closed: ordersOf().filter((order) => (CLOSED_ORDER_STATUSES as readonly string[]).includes(order.status)).length,
        recent: ordersOf().filter((order) => order.orderDate >= addDays(asOf, -29) && order.orderDate <= asOf).length,
      });
      expect(await erp().tickets.ticketCounts(scopeOf(sample(index)))).toEqual({
        open: tickets.filter((ticket) => ticket.status !== 'CLOSED').length,
        closed: tickets.filter((ticket) => ticket.status === 'CLOSED').length,
        recent: tickets.filter((ticket) => ticket.createdAt >= recentFrom && ticket.createdAt < recentUntil).length,
      });
    });
  });

  test('lines, shipments, documents and invoices of orders match the reference rows', async () => {
    const { database } = subject();
    const orders = references.orders.filter((order) => order.customerId === sample(0)).slice(0, 40);
    const ids = orders.map((order) => order.id);
    const [orderLines, shipments] = await Promise.all([referenceLines(database, 'erp_order_lines'), referenceShipments(database)]);

    const { result, statements } = await statementsOf(() =>
      Promise.all([
        erp().orders.linesByOrderId(sample(0), ids),
        erp().orders.shipmentsByOrderId(sample(0), ids),
        erp().orders.documentsByOrderId(sample(0), ids),
        erp().invoices.invoicesByOrderId(sample(0), ids),
      ]),
    );
    const [lineGroups, shipmentGroups, documentGroups, invoiceGroups] = result;

    for (const [index, id] of ids.entries()) {
      const expectedLines = orderLines.filter((line) => line.parentId === id).sort((a, b) => a.lineNumber - b.lineNumber || byNumericId(a, b));
      const expectedShipments = shipments.filter((shipment) => shipment.orderId === id).sort(byNumericId);
      const expectedDocuments = references.documents
        .filter((document) => document.orderId === id)
        .sort((a, b) => compareText(a.createdDate, b.createdDate) || byNumericId(a, b));
      const expectedInvoices = references.invoices
        .filter((invoice) => invoice.orderId === id)
        .sort((a, b) => compareText(a.invoiceDate, b.invoiceDate) || byNumericId(a, b));

      expect(lineGroups[index]?.map((line) => [line.id, line.lineNumber, line.amount])).toEqual(expectedLines.map((line) => [line.id, line.lineNumber, line.amount]));
      expect(shipmentGroups[index]?.map((shipment) => shipment.id)).toEqual(expectedShipments.map((shipment) => shipment.id));
      expect(documentGroups[index]).toEqual(expectedDocuments);
      expect(invoiceGroups[index]).toEqual(expectedInvoices);
    }
    expect(statements).toHaveLength(4);
  });

  test('invoice lines match the reference rows', async () => {
    const invoices = references.invoices.filter((invoice) => invoice.customerId === sample(1)).slice(0, 40);
    const lines = await referenceLines(subject().database, 'erp_invoice_lines');

    const result = await erp().invoices.linesByInvoiceId(
      sample(1),
      invoices.map((invoice) => invoice.id),
    );

    for (const [index, invoice] of invoices.entries()) {
      const expected = lines.filter((line) => line.parentId === invoice.id).sort((a, b) => a.lineNumber - b.lineNumber || byNumericId(a, b));
      expect(result[index]?.map((line) => [line.id, line.amount])).toEqual(expected.map((line) => [line.id, line.amount]));
    }
  });

  test('another customer keys behave like missing keys', async () => {
    const foreignInvoice = references.invoices.find((invoice) => invoice.customerId === sample(1));
    const foreignOrder = references.orders.find((order) => order.customerId === sample(1));
    const ownInvoice = references.invoices.find((invoice) => invoice.customerId === sample(0));

    const invoices = await erp().invoices.invoicesById(sample(0), [foreignInvoice?.id ?? '', ownInvoice?.id ?? '']);
    const byNumber = await erp().invoices.invoicesByNumber(sample(0), [foreignInvoice?.number ?? '']);
    const lines = await erp().orders.linesByOrderId(sample(0), [foreignOrder?.id ?? '']);
    const orders = await erp().orders.ordersByNumber(sample(0), [foreignOrder?.number ?? '']);

    expect(invoices).toEqual([null, ownInvoice]);
    expect(byNumber).toEqual([null]);
    expect(lines).toEqual([[]]);
    expect(orders).toEqual([null]);
  });

  test('empty key lists send no statement', async () => {
    const { result, statements } = await statementsOf(() =>
      Promise.all([
        erp().directory.contactsByEmail([]),
        erp().directory.customersById([]),
        erp().invoices.invoicesById(sample(0), []),
        erp().invoices.linesByInvoiceId(sample(0), []),
        erp().orders.linesByOrderId(sample(0), []),
        erp().orders.documentsByOrderId(sample(0), []),
        erp().tickets.commentsByTicketId(sample(0), []),
      ]),
    );

    expect(result).toEqual([[], [], [], [], [], [], []]);
    expect(statements).toHaveLength(0);
  });

  test('large batches are split below the SQL Server parameter limit, in key order', async () => {
    const own = references.orders.filter((order) => order.customerId === sample(0));
    const keys = Array.from({ length: MAX_KEYS_PER_STATEMENT * 2 + 500 }, (_, index) => String(900_000_000 + index));
    keys[1500] = own[0]?.id ?? '';
    keys[2400] = own[1]?.id ?? '';

    const { result, statements } = await statementsOf(() => erp().orders.ordersById(sample(0), keys));

    expect(result).toHaveLength(keys.length);
    expect(result[1500]).toEqual(own[0]);
    expect(result[2400]).toEqual(own[1]);
    expect(result.filter((order) => order !== null)).toHaveLength(2);
    expect(statements).toHaveLength(3);
    expect(Math.max(...statements.map((statement) => statement.parameters.length))).toBeLessThan(2_100);
  });
}
