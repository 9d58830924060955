/**
 * Exactness of the Northwind mapping, whose prices, discounts and freight are
 * `real`, and of money columns mapped from PostgreSQL's `money` type. The
 * expected amounts are worked out by hand from northwind.sql.
 */
import { sql } from 'kysely';

import { openDatabase, UnexpectedValueError, type Database } from '../sql';
import { silentLogger, type TestDatabase } from '../sql/test/test-databases';
import { createErpConnector, type ErpConnector } from './index';
import { NORTHWIND_BUSINESS_DATE, createNorthwindDatabase, northwindSource } from './test/northwind';

/** Customer key of Vins et alcools Chevalier (VINET), as northwind_customer_key computes it. */
const VINET = String((22 * 27 ** 4 + 9 * 27 ** 3 + 14 * 27 ** 2 + 5 * 27 + 20));
/** Customer key of Hanari Carnes (HANAR). */
const HANAR = String(8 * 27 ** 4 + 1 * 27 ** 3 + 14 * 27 ** 2 + 1 * 27 + 18);

const source = northwindSource();
const describeNorthwind = source.kind === 'file' ? describe : describe.skip;

describeNorthwind('Northwind mapping', () => {
  let testDatabase: TestDatabase;
  let erp: ErpConnector;
  const opened: Database[] = [];

  /** Opens the test database again with extra startup options, as another installation would connect. */
  function openWithOptions(options: string): Database {
    const database = openDatabase({ url: `${testDatabase.url}?options=${encodeURIComponent(options)}`, logger: silentLogger(), poolMax: 2 });
    opened.push(database);
    return database;
  }

  beforeAll(async () => {
    if (source.kind !== 'file') {
      throw new Error('unreachable: the suite is skipped without the Northwind file');
    }
    testDatabase = await createNorthwindDatabase(source.path);
    erp = createErpConnector(testDatabase.database);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await testDatabase?.drop();
  });

  test('customer codes map to the documented keys', async () => {
    const [vinet, hanar] = await erp.directory.customersById([VINET, HANAR]);

    expect(vinet).toEqual({ id: '11879210', number: 'VINET', name: 'Vins et alcools Chevalier', currency: 'USD', salesforceAccountId: null });
    expect(hanar?.number).toBe('HANAR');
  });

  test('contacts get the documented e-mail addresses and roles', async () => {
    const [contact, missing] = await erp.directory.contactsByEmail(['Paul.Henriot@VINET.northwind.example', 'paul@vinet.example']);

    expect(contact).toEqual({ id: VINET, customerId: VINET, email: 'paul.henriot@vinet.northwind.example', name: 'Paul Henriot', role: 'BILLING', portalAccess: true });
    expect(missing).toBeNull();
  });

  test('real prices become exact cents', async () => {
    const [lines] = await erp.orders.linesByOrderId(VINET, ['10248']);

    expect(lines?.map((line) => [line.sku, line.quantityOrdered, line.unitPrice, line.amount])).toEqual([
      ['11', '12.0000', '14.0000', '168.0000'],
      ['42', '10.0000', '9.8000', '98.0000'],
      ['72', '5.0000', '34.8000', '174.0000'],
    ]);
  });

  test('discounted lines round to cents after the discount', async () => {
    const [lines] = await erp.orders.linesByOrderId(HANAR, ['10250']);
    const [order] = await erp.orders.ordersById(HANAR, ['10250']);

    // 35 x 42.40 x 0.85 = 1261.40 and 15 x 16.80 x 0.85 = 214.20, where the stored real values are 42.4000015, 16.7999992 and 0.150000006.
    expect(lines?.map((line) => line.amount)).toEqual(['77.0000', '1261.4000', '214.2000']);
    expect(order?.total).toBe('1552.6000');
  });

  test('invoices add the freight line exactly', async () => {
    const [invoice] = await erp.invoices.invoicesByNumber(VINET, ['NW-INV-10248']);
    const [lines] = await erp.invoices.linesByInvoiceId(VINET, ['10248']);

    // Freight 32.3800011 is 32.38.
    expect(invoice).toMatchObject({ amount: '472.3800', balance: '0.0000', invoiceDate: '1996-07-16', dueDate: '1996-08-15', orderId: '10248' });
    expect(lines?.map((line) => [line.lineNumber, line.description, line.amount])).toEqual([
      [1, 'Queso Cabrales', '168.0000'],
      [2, 'Singaporean Hokkien Fried Mee', '98.0000'],
      [3, 'Mozzarella di Giovanni', '174.0000'],
      [100, 'Freight', '32.3800'],
    ]);
  });

  test('the business date is the last order date', async () => {
    expect(await erp.directory.businessDate()).toBe(NORTHWIND_BUSINESS_DATE);
  });

  test('a view that exposes real prices is rejected, not rounded', async () => {
    await sql.raw(`
      CREATE SCHEMA raw_mapping;
      CREATE VIEW raw_mapping.erp_order_lines AS
      SELECT d.order_id * 100::bigint + d.product_id AS id, d.order_id::bigint AS order_id, 1 AS line_number,
             NULL::varchar AS item_number, 'raw' AS description, d.quantity::numeric(19, 4) AS quantity_ordered,
             d.quantity::numeric(19, 4) AS quantity_shipped, d.unit_price, d.unit_price * d.quantity AS amount
      FROM order_details d;`).execute(testDatabase.database.db);
    const raw = createErpConnector(openWithOptions('-c search_path=raw_mapping,public'));

    await expect(raw.orders.linesByOrderId(VINET, ['10248'])).rejects.toThrow(UnexpectedValueError);
    await expect(raw.orders.linesByOrderId(VINET, ['10248'])).rejects.toThrow('not a floating-point type');
  });

  test('money columns cast to numeric keep every digit', async () => {
    await sql.raw(`
      CREATE SCHEMA money_mapping;
      CREATE TABLE money_mapping.ledger (doc_no integer PRIMARY KEY, customer_code varchar(5), issued date, total money, open_amount money);
      INSERT INTO money_mapping.ledger VALUES
        (1, 'VINET', '1998-05-01', '490560.00', '490560.00'),
        (2, 'VINET', '1998-05-02', '12345678901234.56', '0.01');
      CREATE VIEW money_mapping.erp_invoices AS
      SELECT doc_no::bigint AS id, northwind_customer_key(customer_code) AS customer_id, ('M-' || doc_no)::varchar(40) AS invoice_number,
             'INVOICE'::varchar(20) AS invoice_type, issued AS invoice_date, issued + 30 AS due_date, 'USD'::char(3) AS currency_code,
             total::numeric(19, 4) AS amount, open_amount::numeric(19, 4) AS balance, NULL::bigint AS order_id
      FROM money_mapping.ledger;`).execute(testDatabase.database.db);
    const mapped = createErpConnector(openWithOptions('-c search_path=money_mapping,public'));

    const invoices = await mapped.invoices.invoicesByNumber(VINET, ['M-1', 'M-2']);
    const totals = await mapped.invoices.invoiceTotals({ customerId: VINET, asOf: NORTHWIND_BUSINESS_DATE });

    expect(invoices.map((invoice) => [invoice?.amount, invoice?.balance])).toEqual([
      ['490560.0000', '490560.0000'],
      ['12345678901234.5600', '0.0100'],
    ]);
    expect(totals.totalInvoiced).toBe('12345679391794.5600');
    expect(totals.currentBalance).toBe('490560.0100');
  });

  test('dates ignore the server time zone and date style', async () => {
    const name = new URL(testDatabase.url).pathname.slice(1);
    await sql.raw(`ALTER DATABASE "${name}" SET timezone TO 'Pacific/Kiritimati'; ALTER DATABASE "${name}" SET datestyle TO 'SQL, DMY'`).execute(testDatabase.database.db);
    const reopened = openWithOptions('-c application_name=tz-check');
    const shifted = createErpConnector(reopened);

    const setting = await sql<{ timezone: string }>`SELECT current_setting('TimeZone') AS timezone`.execute(reopened.db);
    const [invoice] = await shifted.invoices.invoicesByNumber(VINET, ['NW-INV-10248']);

    expect(setting.rows[0]?.timezone).toBe('UTC');
    expect([invoice?.invoiceDate, invoice?.dueDate]).toEqual(['1996-07-16', '1996-08-15']);
    expect(await shifted.directory.businessDate()).toBe(NORTHWIND_BUSINESS_DATE);
  });
});
