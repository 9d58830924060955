/**
 * The ERP contract suite's data, the same on SQLite, PostgreSQL and (with
 * ERP_TEST_MSSQL_URL) SQL Server.
 * Customers 1 to 3 have the demo data set. Customer 100 has hand-written edge
 * cases: ties in every sort value, LIKE wildcards in numbers and the largest
 * amounts. Customer 101 has no documents at all.
 */
import type { Kysely } from 'kysely';

import type { Database, QueryEvent } from '../../sql';
import { ERP_TEST_ENGINES, createTestDatabase, type TestDatabase, type TestEngine } from '../../sql/test/test-databases';
import type { ErpDatabase } from '../contract';
import { createErpTables } from '../ddl';
import { generateDemoData } from '../demo';
import { insertWithExplicitIds } from '../demo/writer';
import { createErpConnector, type ErpConnector } from '../index';

export const BUSINESS_DATE = '2026-11-30';
export const EDGE_CUSTOMER_ID = '100';
export const EMPTY_CUSTOMER_ID = '101';
export const DEMO_CUSTOMER_IDS = ['1', '2', '3'] as const;

/** The moment every ticket created by the suite is stamped with. */
export const TEST_NOW = new Date('2026-11-30T09:15:00.123Z');

export interface ErpFixture {
  engine: TestEngine;
  test: TestDatabase;
  database: Database;
  erp: ErpConnector;
  /** Runs `work` and returns its result with the SQL statements it executed. */
  withStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: QueryEvent[] }>;
}

type Rows = Record<string, unknown>[];

/** Raw rows of the edge customers, written with the adapter so each engine stores them its own way. */
function edgeRows(database: Database): Partial<Record<keyof ErpDatabase, Rows>> {
  const { adapter } = database;
  const id = (value: number) => adapter.idParameter(String(value));
  const money = (value: string) => adapter.decimalParameter(value);
  const date = (value: string) => adapter.dateParameter(value);
  const instant = (value: string) => adapter.instantParameter(value);

  const invoice = (key: number, number: string, type: string, invoiceDate: string, dueDate: string, amount: string, balance: string) => ({
    id: id(key),
    customer_id: id(100),
    invoice_number: number,
    invoice_type: type,
    invoice_date: date(invoiceDate),
    due_date: date(dueDate),
    currency_code: 'USD',
    amount: money(amount),
    balance: money(balance),
    order_id: null,
  });

  return {
    erp_customers: [
      { id: id(100), customer_number: 'C-90001', name: 'Edge Cases Ltd', currency_code: 'USD', salesforce_account_id: null },
      { id: id(101), customer_number: 'C-90002', name: 'Empty GmbH', currency_code: 'EUR', salesforce_account_id: null },
    ],
    erp_contacts: [
      { id: id(100), customer_id: id(100), email: 'Edge.Admin@Edge.example', full_name: 'Edge Admin', portal_role: 'ADMIN', portal_access: adapter.booleanParameter(true) },
      { id: id(101), customer_id: id(101), email: 'nobody@empty.example', full_name: 'No Body', portal_role: 'BILLING', portal_access: adapter.booleanParameter(false) },
    ],
    erp_orders: [
      { id: id(9101), customer_id: id(100), order_number: 'SO-EDGE-1', customer_po: 'PO_50%', order_date: date('2026-11-20'), status: 'OPEN', currency_code: 'USD', total_amount: money('250.0000') },
      { id: id(9102), customer_id: id(100), order_number: 'SO-EDGE-2', customer_po: null, order_date: date('2026-11-20'), status: 'CANCELLED', currency_code: 'USD', total_amount: money('250.0000') },
      { id: id(9103), customer_id: id(100), order_number: 'so-edge-3', customer_po: 'po-lower', order_date: date('2026-10-01'), status: 'CLOSED', currency_code: 'USD', total_amount: money('12345678901234.5678') },
    ],
    erp_order_lines: [
      { id: id(9101), order_id: id(9101), line_number: 2, item_number: null, description: 'Second line', quantity_ordered: money('1.5'), quantity_shipped: money('0'), unit_price: money('100'), amount: money('150') },
      { id: id(9102), order_id: id(9101), line_number: 1, item_number: 'RV-1', description: 'First line', quantity_ordered: money('1'), quantity_shipped: money('0'), unit_price: money('100'), amount: money('100') },
    ],
    erp_shipments: [
      { id: id(9101), order_id: id(9101), shipment_number: 'SH-EDGE-1', ship_date: null, carrier: 'UPS', tracking_number: null, status: 'PENDING' },
    ],
    erp_documents: [
      { id: id(9102), order_id: id(9101), document_type: 'DRAWING', title: 'Drawing, revision B', file_name: 'drawing-b.pdf', content_type: 'application/pdf', storage_key: 'https://files.example/9102', created_date: date('2026-11-21') },
      { id: id(9101), order_id: id(9101), document_type: 'ORDER_CONFIRMATION', title: 'Confirmation SO-EDGE-1', file_name: 'SO-EDGE-1.pdf', content_type: 'application/pdf', storage_key: 'edge/SO-EDGE-1.pdf', created_date: date('2026-11-20') },
      { id: id(9103), order_id: id(9101), document_type: 'CERTIFICATE', title: 'Certificate, same day as the drawing', file_name: 'cert.pdf', content_type: 'application/pdf', storage_key: 'edge/cert.pdf', created_date: date('2026-11-21') },
    ],
    erp_invoices: [
      invoice(9001, 'EDGE-100%', 'INVOICE', '2026-10-01', '2026-10-31', '12345678901234.5678', '12345678901234.5678'),
      invoice(9002, 'EDGE-1_0', 'INVOICE', '2026-10-01', '2026-10-31', '490560.0000', '0'),
      invoice(9003, 'EDGE-!1', 'INVOICE', '2026-11-15', '2026-12-15', '100.0000', '100.0000'),
      invoice(9004, 'EDGE-[A]', 'INVOICE', '2026-11-15', '2026-12-15', '100.0000', '40.0000'),
      invoice(9005, 'edge-lower', 'CREDIT_MEMO', '2026-11-15', '2026-12-15', '-25.5000', '-25.5000'),
      invoice(9006, 'EDGE-1X0', 'INVOICE', '2026-11-30', '2026-11-30', '0.0001', '0.0001'),
      { ...invoice(9007, 'EDGE-SO', 'INVOICE', '2026-11-29', '2026-12-29', '250.0000', '250.0000'), order_id: id(9101) },
    ],
    erp_invoice_lines: [
      { id: id(9001), invoice_id: id(9001), line_number: 1, item_number: 'BIG-1', description: 'Largest amount', quantity: money('1'), unit_price: money('12345678901234.5678'), amount: money('12345678901234.5678') },
      { id: id(9002), invoice_id: id(9004), line_number: 2, item_number: null, description: 'Freight', quantity: money('1'), unit_price: money('10'), amount: money('10') },
      { id: id(9003), invoice_id: id(9004), line_number: 1, item_number: 'RV-2', description: 'Goods', quantity: money('2.5'), unit_price: money('36'), amount: money('90') },
    ],
    erp_invoice_payments: [
      { id: id(9001), invoice_id: id(9002), payment_date: date('2026-10-20'), amount: money('490560.0000'), reference: 'WIRE 1' },
      { id: id(9002), invoice_id: id(9004), payment_date: date('2026-11-20'), amount: money('60.0000'), reference: 'ACH 2' },
    ],
    erp_service_cases: [
      { id: id(9201), customer_id: id(100), case_number: 'CS-EDGE-1', subject: 'Discount of 50% missing', description: 'd', status: 'NEW', priority: 'HIGH', contact_id: id(100), created_at: instant('2026-11-20T10:00:00.000Z'), updated_at: instant('2026-11-20T10:00:00.000Z'), closed_at: null },
      { id: id(9202), customer_id: id(100), case_number: 'CS-EDGE-2', subject: 'Same second as CS-EDGE-1', description: 'd', status: 'CLOSED', priority: 'HIGH', contact_id: null, created_at: instant('2026-11-20T10:00:00.000Z'), updated_at: instant('2026-11-21T08:30:00.250Z'), closed_at: instant('2026-11-21T08:30:00.250Z') },
      { id: id(9203), customer_id: id(100), case_number: 'CS-EDGE-3', subject: 'Opened on 2026-11-01 at midnight UTC', description: 'd', status: 'WAITING_ON_CUSTOMER', priority: 'LOW', contact_id: id(100), created_at: instant('2026-11-01T00:00:00.000Z'), updated_at: instant('2026-11-02T00:00:00.000Z'), closed_at: null },
      { id: id(9204), customer_id: id(100), case_number: 'CS-EDGE-4', subject: 'Opened just before the 30-day window', description: 'd', status: 'IN_PROGRESS', priority: 'MEDIUM', contact_id: id(100), created_at: instant('2026-10-31T23:59:59.999Z'), updated_at: instant('2026-11-01T00:00:00.000Z'), closed_at: null },
    ],
    erp_case_comments: [
      { id: id(9301), case_id: id(9201), author_name: 'Support', from_support: adapter.booleanParameter(true), is_public: adapter.booleanParameter(false), body: 'internal note', created_at: instant('2026-11-20T11:00:00.000Z') },
      { id: id(9302), case_id: id(9201), author_name: 'Support', from_support: adapter.booleanParameter(true), is_public: adapter.booleanParameter(true), body: 'second public', created_at: instant('2026-11-20T12:00:00.000Z') },
      { id: id(9303), case_id: id(9201), author_name: 'Edge Admin', from_support: adapter.booleanParameter(false), is_public: adapter.booleanParameter(true), body: 'first public', created_at: instant('2026-11-20T10:30:00.000Z') },
    ],
  };
}

async function insertEdgeRows(database: Database): Promise<void> {
  const rows = edgeRows(database);
  // One transaction, because SQL Server sets IDENTITY_INSERT per connection.
  await database.db.transaction().execute(async (trx) => {
    for (const table of Object.keys(rows) as (keyof ErpDatabase)[]) {
      await insertWithExplicitIds(trx, database.engine, table, true, async () => {
        await (trx as Kysely<ErpDatabase>).insertInto(table).values(rows[table] as never).execute();
      });
    }
  });
}

/** Creates the tables, writes the demo data (seed 7) and the edge cases. */
export async function createErpFixture(engine: TestEngine): Promise<{ test: TestDatabase; fixture: ErpFixture }> {
  const test = await createTestDatabase(engine);
  const { database } = test;
  await createErpTables(database.db, database.engine);
  await generateDemoData(database, { seed: 7, businessDate: BUSINESS_DATE });
  await insertEdgeRows(database);

  const fixture: ErpFixture = {
    engine,
    test,
    database,
    erp: createErpConnector(database, { now: () => TEST_NOW }),
    async withStatements(work) {
      const start = test.statements.length;
      const result = await work();
      return { result, statements: test.statements.slice(start) };
    },
  };
  return { test, fixture };
}

/**
 * Declares `body` once per engine, with a fixture built before its tests and
 * dropped after them. The PostgreSQL half fails (never skips) when the
 * server is down, with instructions in the error.
 */
export function describeErpContract(title: string, body: (fixture: () => ErpFixture) => void): void {
  describe.each(ERP_TEST_ENGINES)(`${title} on %s`, (engine) => {
    let created: { test: TestDatabase; fixture: ErpFixture } | undefined;

    beforeAll(async () => {
      created = await createErpFixture(engine);
    }, 60_000);

    afterAll(async () => {
      await created?.test.drop();
    });

    body(() => {
      if (created === undefined) {
        throw new Error(`The ${engine} fixture was not created. See the error of beforeAll above.`);
      }
      return created.fixture;
    });
  });
}
