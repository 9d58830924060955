import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';

import * as decimal from '../../decimal';
import { openDatabase, type Database } from '../../sql';
import { ERP_TEST_ENGINES, TEST_ENGINES, createTestDatabase, silentLogger, type TestDatabase, type TestEngine } from '../../sql/test/test-databases';
import { runWorkers } from '../../test/workers';
import { ORDER_STATUSES } from '../contract';
import { createErpTables } from '../ddl';
import {
  referenceComments,
  referenceDocuments,
  referenceInvoices,
  referenceLines,
  referenceOrders,
  referencePayments,
  referenceTickets,
} from '../test/reference';
import { DEMO_CONTACT_EMAILS, DemoDatabaseNotEmptyError, ensureDemoDatabase, generateDemoData } from './index';

const BUSINESS_DATE = '2026-11-30';

/** Reads every contract table through the adapters, so dumps of SQLite and PostgreSQL compare equal. */
async function logicalDump(testDatabase: TestDatabase) {
  const { database } = testDatabase;
  return {
    invoices: await referenceInvoices(database),
    invoiceLines: await referenceLines(database, 'erp_invoice_lines'),
    payments: await referencePayments(database),
    orders: await referenceOrders(database),
    orderLines: await referenceLines(database, 'erp_order_lines'),
    documents: await referenceDocuments(database),
    tickets: await referenceTickets(database),
    comments: await referenceComments(database),
  };
}

/** Reads what the contract suite's reference reads leave out: items and quantities of lines, and payment references. */
async function billingDetails(database: Database) {
  const { adapter } = database;
  const invoiceLines = await sql<Record<string, unknown>>`SELECT invoice_id, item_number, quantity, unit_price FROM erp_invoice_lines ORDER BY id`.execute(database.db);
  const orderLines = await sql<Record<string, unknown>>`SELECT order_id, item_number, quantity_shipped, unit_price FROM erp_order_lines ORDER BY id`.execute(database.db);
  const payments = await sql<Record<string, unknown>>`SELECT id, reference FROM erp_invoice_payments ORDER BY id`.execute(database.db);
  return {
    invoiceLines: invoiceLines.rows.map((row) => ({
      invoiceId: adapter.readId(row.invoice_id),
      item: `${String(row.item_number)} at ${adapter.readDecimal(row.unit_price)}`,
      quantity: adapter.readDecimal(row.quantity),
    })),
    orderLines: orderLines.rows.map((row) => ({
      orderId: adapter.readId(row.order_id),
      item: `${String(row.item_number)} at ${adapter.readDecimal(row.unit_price)}`,
      quantityShipped: adapter.readDecimal(row.quantity_shipped),
    })),
    paymentReferences: new Map(payments.rows.map((row) => [adapter.readId(row.id), String(row.reference)])),
  };
}

/** Adds `quantity` to the total of `key` in `totals`. */
function addQuantity(totals: Map<string, string>, key: string, quantity: string): void {
  totals.set(key, decimal.add(totals.get(key) ?? '0', quantity));
}

async function seededDatabase(engine: TestEngine, seed: number): Promise<TestDatabase> {
  const testDatabase = await createTestDatabase(engine);
  await createErpTables(testDatabase.database.db, testDatabase.database.engine);
  await generateDemoData(testDatabase.database, { seed });
  return testDatabase;
}

describe('demo data', () => {
  const opened: TestDatabase[] = [];
  let reference: Awaited<ReturnType<typeof logicalDump>>;
  let details: Awaited<ReturnType<typeof billingDetails>>;

  beforeAll(async () => {
    const testDatabase = await seededDatabase('sqlite', 1);
    opened.push(testDatabase);
    reference = await logicalDump(testDatabase);
    details = await billingDetails(testDatabase.database);
  });

  afterAll(async () => {
    await Promise.all(opened.map((open) => open.drop()));
  });

  test.each(ERP_TEST_ENGINES)('same seed gives the same rows on %s', async (engine) => {
    const testDatabase = await seededDatabase(engine, 1);
    opened.push(testDatabase);

    expect(await logicalDump(testDatabase)).toEqual(reference);
  });

  test('another seed gives other rows', async () => {
    const testDatabase = await seededDatabase('sqlite', 2);
    opened.push(testDatabase);

    const other = await logicalDump(testDatabase);
    expect(other.invoices.map((invoice) => invoice.amount)).not.toEqual(reference.invoices.map((invoice) => invoice.amount));
  });

  test('default size meets the documented minimums', () => {
    const creditMemos = reference.invoices.filter((invoice) => invoice.type === 'CREDIT_MEMO');
    const paymentsByInvoice = new Set(reference.payments.map((payment) => payment.invoiceId));
    const overdue = reference.invoices.filter((invoice) => !decimal.isZero(invoice.balance) && invoice.dueDate < BUSINESS_DATE);
    const partlyPaid = reference.invoices.filter((invoice) => !decimal.isZero(invoice.balance) && paymentsByInvoice.has(invoice.id));
    const paid = reference.invoices.filter((invoice) => decimal.isZero(invoice.balance));

    expect(reference.invoices.length).toBeGreaterThanOrEqual(300);
    expect(creditMemos.length).toBeGreaterThanOrEqual(20);
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(partlyPaid.length).toBeGreaterThanOrEqual(5);
    expect(paid.length).toBeGreaterThan(reference.invoices.length / 2);
    expect(reference.invoices.filter((invoice) => invoice.orderId !== null).length).toBeGreaterThan(reference.invoices.length / 2);
    expect(new Set(reference.invoices.map((invoice) => invoice.currency))).toEqual(new Set(['USD', 'EUR', 'JPY']));

    expect(reference.orders.length).toBeGreaterThanOrEqual(150);
    expect(new Set(reference.orders.map((order) => order.status))).toEqual(new Set(ORDER_STATUSES));
    expect(reference.documents.filter((document) => document.type === 'ORDER_CONFIRMATION')).toHaveLength(reference.orders.length);
    expect(reference.documents.some((document) => document.type === 'DELIVERY_NOTE')).toBe(true);

    expect(reference.tickets.length).toBeGreaterThanOrEqual(40);
    expect(new Set(reference.tickets.map((ticket) => ticket.status)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(reference.tickets.map((ticket) => ticket.priority)).size).toBe(3);
    expect(reference.comments.some((comment) => comment.isPublic && comment.fromSupport)).toBe(true);
    expect(reference.comments.some((comment) => comment.isPublic && !comment.fromSupport)).toBe(true);
    expect(reference.comments.some((comment) => !comment.isPublic)).toBe(true);
  });

  test('numbers follow the documented formats', () => {
    expect(reference.invoices.every((invoice) => /^(INV|CM)-1\d{5}$/.test(invoice.number))).toBe(true);
    expect(reference.invoices.every((invoice) => invoice.number.startsWith('CM-') === (invoice.type === 'CREDIT_MEMO'))).toBe(true);
    expect(reference.orders.every((order) => /^SO-1\d{5}$/.test(order.number))).toBe(true);
    expect(reference.tickets.every((ticket) => /^CS-1\d{5}$/.test(ticket.number))).toBe(true);
  });

  test('balances equal amounts less payments', () => {
    for (const invoice of reference.invoices) {
      const paid = decimal.sum(reference.payments.filter((payment) => payment.invoiceId === invoice.id).map((payment) => payment.amount));
      expect([invoice.number, decimal.compare(invoice.balance, decimal.subtract(invoice.amount, paid))]).toEqual([invoice.number, 0]);
    }
  });

  test('document amounts equal the sum of their lines', () => {
    for (const invoice of reference.invoices) {
      const lines = reference.invoiceLines.filter((line) => line.parentId === invoice.id);
      expect([invoice.number, decimal.toFixedScale(decimal.sum(lines.map((line) => line.amount)))]).toEqual([invoice.number, invoice.amount]);
    }
    for (const order of reference.orders) {
      const lines = reference.orderLines.filter((line) => line.parentId === order.id);
      expect([order.number, decimal.toFixedScale(decimal.sum(lines.map((line) => line.amount)))]).toEqual([order.number, order.total]);
    }
  });

  test('linked invoices bill shipped goods of their order', () => {
    const invoicesById = new Map(reference.invoices.map((invoice) => [invoice.id, invoice]));
    const shipped = new Map<string, string>();
    const billed = new Map<string, string>();
    const returned = new Map<string, string>();
    for (const line of details.orderLines) {
      addQuantity(shipped, `${line.orderId}: ${line.item}`, line.quantityShipped);
    }
    for (const line of details.invoiceLines) {
      const invoice = invoicesById.get(line.invoiceId);
      if (invoice?.orderId == null) {
        continue;
      }
      const key = `${invoice.orderId}: ${line.item}`;
      if (invoice.type === 'INVOICE') {
        addQuantity(billed, key, line.quantity);
      } else {
        addQuantity(returned, key, decimal.subtract('0', line.quantity));
      }
    }

    expect(billed.size).toBeGreaterThan(0);
    expect(returned.size).toBeGreaterThan(0);
    for (const [key, quantity] of billed) {
      expect([key, decimal.compare(quantity, shipped.get(key) ?? '0') <= 0]).toEqual([key, true]);
    }
    for (const [key, quantity] of returned) {
      expect([key, decimal.compare(quantity, billed.get(key) ?? '0') <= 0]).toEqual([key, true]);
    }
    for (const order of reference.orders) {
      const linked = reference.invoices.filter((invoice) => invoice.orderId === order.id && invoice.type === 'INVOICE');
      expect([order.number, decimal.compare(decimal.sum(linked.map((invoice) => invoice.amount)), order.total) <= 0]).toEqual([order.number, true]);
    }
  });

  test('no month has negative payments', () => {
    const invoicesById = new Map(reference.invoices.map((invoice) => [invoice.id, invoice]));
    const monthTotals = new Map<string, string>();
    for (const payment of reference.payments) {
      const customerId = invoicesById.get(payment.invoiceId)?.customerId;
      addQuantity(monthTotals, `customer ${customerId} in ${payment.paymentDate.slice(0, 7)}`, payment.amount);
    }

    expect(monthTotals.size).toBeGreaterThanOrEqual(3 * 12);
    for (const [month, total] of monthTotals) {
      expect([month, decimal.compare(total, '0') >= 0]).toEqual([month, true]);
    }
  });

  test('credit memo applications come in pairs', () => {
    const invoicesById = new Map(reference.invoices.map((invoice) => [invoice.id, invoice]));
    const invoicesByNumber = new Map(reference.invoices.map((invoice) => [invoice.number, invoice]));
    const applications = reference.payments.filter((payment) => decimal.compare(payment.amount, '0') < 0);

    expect(applications.length).toBeGreaterThan(0);
    for (const application of applications) {
      const memo = invoicesById.get(application.invoiceId);
      const target = invoicesByNumber.get(/^APPLIED TO (.+)$/.exec(details.paymentReferences.get(application.id) ?? '')?.[1] ?? '');
      const counterpart = reference.payments.find(
        (payment) =>
          payment.invoiceId === target?.id &&
          payment.paymentDate === application.paymentDate &&
          decimal.compare(payment.amount, decimal.subtract('0', application.amount)) === 0 &&
          details.paymentReferences.get(payment.id) === `CREDIT MEMO ${memo?.number}`,
      );
      expect([application.id, memo?.type, target?.type, target?.customerId === memo?.customerId]).toEqual([application.id, 'CREDIT_MEMO', 'INVOICE', true]);
      expect([application.id, counterpart !== undefined]).toEqual([application.id, true]);
    }
    for (const invoice of reference.invoices) {
      const sign = invoice.type === 'INVOICE' ? decimal.compare(invoice.balance, '0') >= 0 : decimal.compare(invoice.balance, '0') <= 0;
      expect([invoice.number, sign]).toEqual([invoice.number, true]);
    }
  });

  test('amounts are whole cents, or whole yen for JPY', () => {
    const amounts = [
      ...reference.invoices.flatMap((invoice) => [[invoice.currency, invoice.amount], [invoice.currency, invoice.balance]]),
      ...reference.orders.map((order) => [order.currency, order.total]),
    ];
    for (const [currency, amount = ''] of amounts) {
      const fraction = amount.split('.')[1] ?? '';
      expect([currency, amount, currency === 'JPY' ? /^0+$/.test(fraction) : /^\d\d00$/.test(fraction)]).toEqual([currency, amount, true]);
    }
  });

  test('credit memos are negative and nothing is dated after the business date', () => {
    const invoiceDates = new Map(reference.invoices.map((invoice) => [invoice.id, invoice.invoiceDate]));

    expect(reference.invoices.every((invoice) => (invoice.type === 'CREDIT_MEMO') === (decimal.compare(invoice.amount, '0') < 0))).toBe(true);
    expect(reference.invoices.every((invoice) => invoice.invoiceDate <= BUSINESS_DATE)).toBe(true);
    expect(reference.orders.every((order) => order.orderDate <= BUSINESS_DATE)).toBe(true);
    expect(reference.payments.every((payment) => payment.paymentDate <= BUSINESS_DATE && payment.paymentDate >= (invoiceDates.get(payment.invoiceId) ?? ''))).toBe(true);
    expect(reference.tickets.every((ticket) => ticket.updatedAt < '2026-12-01T00:00:00.000Z' && ticket.createdAt <= ticket.updatedAt)).toBe(true);
    expect(reference.tickets.every((ticket) => (ticket.status === 'CLOSED') === (ticket.closedAt !== null))).toBe(true);
  });

  test('DEMO_CONTACT_EMAILS lists the contacts with portal access', () => {
    expect(DEMO_CONTACT_EMAILS).toEqual([
      'alice@acme.example',
      'erin@acme.example',
      'dave@acme.example',
      'bob@globex.example',
      'gina@globex.example',
      'carol@initech.example',
      'ken@initech.example',
    ]);
  });

  test('generateDemoData refuses a database that has customers', async () => {
    const testDatabase = opened[0] as TestDatabase;

    await expect(generateDemoData(testDatabase.database)).rejects.toThrow(DemoDatabaseNotEmptyError);
  });

  test('invalid options are rejected before anything is written', async () => {
    const testDatabase = opened[0] as TestDatabase;

    await expect(generateDemoData(testDatabase.database, { businessDate: '2026-02-30' })).rejects.toThrow('Invalid demo option businessDate="2026-02-30"');
    await expect(generateDemoData(testDatabase.database, { invoices: -1 })).rejects.toThrow('Invalid demo option invoices=-1');
  });
});

describe.each(TEST_ENGINES)('ensureDemoDatabase on %s', (engine) => {
  let testDatabase: TestDatabase;

  beforeEach(async () => {
    testDatabase = await createTestDatabase(engine);
  });

  afterEach(async () => {
    await testDatabase.drop();
  });

  test('creates and seeds once', async () => {
    const first = await ensureDemoDatabase(testDatabase.database, { invoices: 30, orders: 20, tickets: 5 });
    const second = await ensureDemoDatabase(testDatabase.database, { invoices: 30, orders: 20, tickets: 5 });

    expect(first.seeded).toBe(true);
    expect(first.summary?.erp_invoices).toBe(30);
    expect(second).toEqual({ seeded: false, summary: null });
  });

  test('seeds once when two processes start together', async () => {
    let seeded: boolean[];
    if (engine === 'postgres') {
      const other = testDatabase.openAnother();
      seeded = (await Promise.all([ensureDemoDatabase(testDatabase.database), ensureDemoDatabase(other)])).map((result) => result.seeded);
    } else {
      const task = { kind: 'ensure-demo' as const, url: testDatabase.url };
      seeded = await runWorkers<boolean>([task, task]);
    }

    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect((await referenceInvoices(testDatabase.database)).length).toBeGreaterThanOrEqual(300);
  }, 60_000);
});

describe('seed CLI', () => {
  const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'rover-seed-cli-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  // Without ERP_DATABASE_URL the CLI writes to PORTAL_DATA_DIR/erp-demo.sqlite.
  const { ERP_DATABASE_URL: _erpDatabaseUrl, ...environment } = process.env;

  function seed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'seed-cli.ts'), ...args],
        { cwd: repositoryRoot, timeout: 30_000, env: { ...environment, PORTAL_DATA_DIR: directory, LOG_LEVEL: 'info' } },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      );
    });
  }

  test('seeds, leaves seeded data alone, and replaces on request', async () => {
    const first = await seed(['--invoices', '40', '--orders', '20', '--tickets', '5', '--seed', '3']);
    const again = await seed([]);
    const replaced = await seed(['--replace', '--invoices', '25']);
    const invalid = await seed(['--invoices', 'many']);

    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toContain('"erp_invoices":40');
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(again.stdout).toContain('The ERP database already contains customers, so it was left unchanged. Run with --replace to regenerate the demo data.');
    expect(again.stdout).not.toContain('"erp_invoices"');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('"erp_invoices":25');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--invoices must be a whole number, got "many".');

    const database = openDatabase({ url: `sqlite:${path.join(directory, 'erp-demo.sqlite')}`, logger: silentLogger() });
    try {
      expect(await referenceInvoices(database)).toHaveLength(25);
    } finally {
      await database.close();
    }
  }, 60_000);
});
