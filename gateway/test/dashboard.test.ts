/**
 * The dashboard in one request, each number checked against totals computed
 * here from the ERP rows, with integer arithmetic on SQLite's
 * ten-thousandths, independently of the connector's SQL.
 */
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const DASHBOARD = `{
  dashboard {
    asOf
    invoices {
      totalSpent { amount currency }
      currentBalance { amount currency }
      overdueBalance { amount currency }
      outstandingCount
      overdueCount
      trend { month invoiced { amount currency } paid { amount currency } }
      trend6: trend(months: 6) { month }
    }
    orders { open closed placedLast30Days }
    tickets { open closed createdLast30Days }
  }
}`;

function decimal(scaled: bigint): string {
  const sign = scaled < 0n ? '-' : '';
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Adds days to a YYYY-MM-DD date in UTC. */
function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Returns the `count` months ending with the month of `date`, oldest first, as YYYY-MM. */
function monthsEndingWith(date: string, count: number): string[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

async function expectedDashboard(customerNumber: string) {
  const [customer] = await server.erpQuery<{ id: number; currency_code: string }>(
    `SELECT id, currency_code FROM erp_customers WHERE customer_number = '${customerNumber}'`,
  );
  const [business] = await server.erpQuery<{ business_date: string }>('SELECT MAX(business_date) AS business_date FROM erp_business_date');
  const asOf = business!.business_date;
  const currency = customer!.currency_code;

  const invoices = await server.erpQuery<{ id: number; amount: number; balance: number; invoice_date: string; due_date: string }>(
    `SELECT id, amount, balance, invoice_date, due_date FROM erp_invoices WHERE customer_id = ${customer!.id}`,
  );
  const payments = await server.erpQuery<{ amount: number; payment_date: string }>(
    `SELECT p.amount, p.payment_date FROM erp_invoice_payments p JOIN erp_invoices i ON i.id = p.invoice_id WHERE i.customer_id = ${customer!.id}`,
  );
  const orders = await server.erpQuery<{ status: string; order_date: string }>(`SELECT status, order_date FROM erp_orders WHERE customer_id = ${customer!.id}`);
  const tickets = await server.erpQuery<{ status: string; created_at: string }>(
    `SELECT status, created_at FROM erp_service_cases WHERE customer_id = ${customer!.id}`,
  );

  let totalSpent = 0n;
  let current = 0n;
  let overdue = 0n;
  let outstandingCount = 0;
  let overdueCount = 0;
  for (const invoice of invoices) {
    if (invoice.invoice_date <= asOf) {
      totalSpent += BigInt(invoice.amount);
    }
    if (invoice.balance !== 0) {
      outstandingCount += 1;
      if (invoice.due_date < asOf) {
        overdue += BigInt(invoice.balance);
        overdueCount += 1;
      } else {
        current += BigInt(invoice.balance);
      }
    }
  }

  const trend = monthsEndingWith(asOf, 12).map((month) => {
    const invoiced = invoices
      .filter((invoice) => invoice.invoice_date.startsWith(month) && invoice.invoice_date <= asOf)
      .reduce((sum, invoice) => sum + BigInt(invoice.amount), 0n);
    const paid = payments
      .filter((payment) => payment.payment_date.startsWith(month) && payment.payment_date <= asOf)
      .reduce((sum, payment) => sum + BigInt(payment.amount), 0n);
    return { month, invoiced: { amount: decimal(invoiced), currency }, paid: { amount: decimal(paid), currency } };
  });

  // "Last 30 days" is the 30 calendar days up to and including the business date.
  const firstRecentDay = addDays(asOf, -29);
  const openStatuses = ['OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED'];

  return {
    dashboard: {
      asOf,
      invoices: {
        totalSpent: { amount: decimal(totalSpent), currency },
        currentBalance: { amount: decimal(current), currency },
        overdueBalance: { amount: decimal(overdue), currency },
        outstandingCount,
        overdueCount,
        trend,
        trend6: trend.slice(6).map((point) => ({ month: point.month })),
      },
      orders: {
        open: orders.filter((order) => openStatuses.includes(order.status)).length,
        closed: orders.filter((order) => !openStatuses.includes(order.status)).length,
        placedLast30Days: orders.filter((order) => order.order_date >= firstRecentDay && order.order_date <= asOf).length,
      },
      tickets: {
        open: tickets.filter((ticket) => ticket.status !== 'CLOSED').length,
        closed: tickets.filter((ticket) => ticket.status === 'CLOSED').length,
        createdLast30Days: tickets.filter((ticket) => ticket.created_at.slice(0, 10) >= firstRecentDay && ticket.created_at.slice(0, 10) <= asOf).length,
      },
    },
  };
}

describe('dashboard', () => {
  it.each([
    ['alice@acme.example', 'C-10001'],
    ['bob@globex.example', 'C-10002'],
    ['carol@initech.example', 'C-10003'],
  ])('matches the ERP rows for %s', async (email, customerNumber) => {
    const client: TestClient = await signedInClient(server.baseUrl, email);

    server.erpStatements.length = 0;
    const response = await client.graphql(DASHBOARD);

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(await expectedDashboard(customerNumber));
  });

  it('has non-trivial demo numbers to check', async () => {
    const expected = await expectedDashboard('C-10001');

    expect(expected.dashboard.asOf).toBe('2026-11-30');
    expect(expected.dashboard.invoices.overdueCount).toBeGreaterThan(0);
    expect(expected.dashboard.orders.placedLast30Days).toBeGreaterThan(0);
    expect(expected.dashboard.tickets.createdLast30Days).toBeGreaterThan(0);
  });

  it('takes one statement per panel', async () => {
    const client = await signedInClient(server.baseUrl, 'alice@acme.example');

    server.erpStatements.length = 0;
    await client.graphql(DASHBOARD);

    // Contact, customer, business date, totals, two trends, orders, tickets.
    expect(server.erpStatements).toHaveLength(8);
  });
});
