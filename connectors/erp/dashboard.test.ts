import * as decimal from '../decimal';
import { addDays, monthsEndingWith } from './calendar';
import { InvalidFilterError } from './errors';
import { BUSINESS_DATE, DEMO_CUSTOMER_IDS, EDGE_CUSTOMER_ID, EMPTY_CUSTOMER_ID, describeErpContract } from './test/fixture';
import { referenceInvoices, referenceOrders, referencePayments, referenceTickets } from './test/reference';

const CUSTOMERS = [...DEMO_CUSTOMER_IDS, EDGE_CUSTOMER_ID, EMPTY_CUSTOMER_ID];
const CURRENCIES: Record<string, string> = { '1': 'USD', '2': 'EUR', '3': 'JPY', [EDGE_CUSTOMER_ID]: 'USD', [EMPTY_CUSTOMER_ID]: 'EUR' };

/** Sums with big.js, formatted like the connector (four fraction digits). */
const total = (values: string[]) => decimal.toFixedScale(decimal.sum(values));

describeErpContract('dashboard', (fixture) => {
  const scopeOf = (customerId: string) => ({ customerId, asOf: BUSINESS_DATE });

  test.each(CUSTOMERS)('invoiceTotals of customer %s equal sums of its rows', async (customerId) => {
    const invoices = (await referenceInvoices(fixture().database)).filter((invoice) => invoice.customerId === customerId);
    const open = invoices.filter((invoice) => !decimal.isZero(invoice.balance));
    const overdue = open.filter((invoice) => invoice.dueDate < BUSINESS_DATE);

    const { result, statements } = await fixture().withStatements(() => fixture().erp.invoices.invoiceTotals(scopeOf(customerId)));

    expect(result).toEqual({
      currency: CURRENCIES[customerId],
      totalInvoiced: total(invoices.filter((invoice) => invoice.invoiceDate <= BUSINESS_DATE).map((invoice) => invoice.amount)),
      currentBalance: total(open.filter((invoice) => invoice.dueDate >= BUSINESS_DATE).map((invoice) => invoice.balance)),
      overdueBalance: total(overdue.map((invoice) => invoice.balance)),
      outstandingCount: open.length,
      overdueCount: overdue.length,
    });
    expect(statements).toHaveLength(1);
  });

  test('invoiceTotals keep the largest amounts exact', async () => {
    const totals = await fixture().erp.invoices.invoiceTotals(scopeOf(EDGE_CUSTOMER_ID));

    expect(totals.totalInvoiced).toBe('12345679392219.0679');
    expect(totals.overdueBalance).toBe('12345678901234.5678');
    expect(totals.currentBalance).toBe('364.5001');
  });

  test('invoiceTotals of an unknown customer fail clearly', async () => {
    await expect(fixture().erp.invoices.invoiceTotals(scopeOf('424242'))).rejects.toThrow('Customer 424242 not found');
  });

  test.each([
    ['1', 12],
    ['2', 24],
    ['3', 1],
    [EDGE_CUSTOMER_ID, 3],
    [EMPTY_CUSTOMER_ID, 2],
    ['1', 36],
  ] as const)('invoiceTrend of customer %s over %i months equals monthly sums', async (customerId, months) => {
    const invoices = (await referenceInvoices(fixture().database)).filter((invoice) => invoice.customerId === customerId);
    const invoiceIds = new Set(invoices.map((invoice) => invoice.id));
    const payments = (await referencePayments(fixture().database)).filter((payment) => invoiceIds.has(payment.invoiceId));
    const expectedMonths = monthsEndingWith(BUSINESS_DATE, months);
    const inMonth = (date: string, month: string) => date.startsWith(month) && date <= BUSINESS_DATE;

    const { result, statements } = await fixture().withStatements(() => fixture().erp.invoices.invoiceTrend(scopeOf(customerId), months));

    expect(result).toEqual(
      expectedMonths.map((month) => ({
        month,
        invoiced: total(invoices.filter((invoice) => inMonth(invoice.invoiceDate, month)).map((invoice) => invoice.amount)),
        paid: total(payments.filter((payment) => inMonth(payment.paymentDate, month)).map((payment) => payment.amount)),
      })),
    );
    expect(statements).toHaveLength(1);
  });

  test('invoiceTrend of the demo customer has activity in the window', async () => {
    const trend = await fixture().erp.invoices.invoiceTrend(scopeOf('1'), 12);

    expect(trend[0]?.month).toBe('2025-12');
    expect(trend[11]?.month).toBe('2026-11');
    expect(trend.filter((point) => !decimal.isZero(point.invoiced)).length).toBeGreaterThan(6);
    expect(trend.filter((point) => !decimal.isZero(point.paid)).length).toBeGreaterThan(6);
  });

  test('invoiceTrend rejects a window outside 1 to 120 months', async () => {
    await expect(fixture().erp.invoices.invoiceTrend(scopeOf('1'), 0)).rejects.toThrow(InvalidFilterError);
    await expect(fixture().erp.invoices.invoiceTrend(scopeOf('1'), 121)).rejects.toThrow(InvalidFilterError);
  });

  test.each(CUSTOMERS)('orderCounts of customer %s equal counts of its rows', async (customerId) => {
    const orders = (await referenceOrders(fixture().database)).filter((order) => order.customerId === customerId);
    const openStatuses = ['OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED'];
    const windowStart = addDays(BUSINESS_DATE, -29);

    const { result, statements } = await fixture().withStatements(() => fixture().erp.orders.orderCounts(scopeOf(customerId)));

    expect(result).toEqual({
      open: orders.filter((order) => openStatuses.includes(order.status)).length,
      closed: orders.filter((order) => order.status === 'CLOSED' || order.status === 'CANCELLED').length,
      recent: orders.filter((order) => order.orderDate >= windowStart && order.orderDate <= BUSINESS_DATE).length,
    });
    expect(statements).toHaveLength(1);
  });

  test.each(CUSTOMERS)('ticketCounts of customer %s equal counts of its rows', async (customerId) => {
    const tickets = (await referenceTickets(fixture().database)).filter((ticket) => ticket.customerId === customerId);
    const windowStart = `${addDays(BUSINESS_DATE, -29)}T00:00:00.000Z`;
    const windowEnd = `${addDays(BUSINESS_DATE, 1)}T00:00:00.000Z`;

    const { result, statements } = await fixture().withStatements(() => fixture().erp.tickets.ticketCounts(scopeOf(customerId)));

    expect(result).toEqual({
      open: tickets.filter((ticket) => ticket.status !== 'CLOSED').length,
      closed: tickets.filter((ticket) => ticket.status === 'CLOSED').length,
      recent: tickets.filter((ticket) => ticket.createdAt >= windowStart && ticket.createdAt < windowEnd).length,
    });
    expect(statements).toHaveLength(1);
  });

  test('recent ticket window starts at midnight', async () => {
    const counts = await fixture().erp.tickets.ticketCounts(scopeOf(EDGE_CUSTOMER_ID));

    // CS-EDGE-1, -2 and -3 count (CS-EDGE-3 was created at 2026-11-01T00:00:00.000Z), but not CS-EDGE-4, created one millisecond earlier.
    expect(counts).toEqual({ open: 3, closed: 1, recent: 3 });
  });
});
