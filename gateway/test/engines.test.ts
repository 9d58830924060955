/**
 * The same GraphQL responses from an ERP on SQLite and on PostgreSQL: both
 * servers get the demo data of the same generator settings plus two invoices
 * with the largest exact amounts and a 64-bit id, and every query below must
 * return byte-for-byte the same JSON.
 */
import { sql, type Kysely } from 'kysely';

import type { ErpDatabase } from '../../connectors/erp';
import type { Database } from '../../connectors/sql';
import { createTestDatabase, type TestDatabase } from '../../connectors/sql/test/test-databases';
import { signedInClient, type TestClient } from './client';
import { startTestServer, type TestServer } from './harness';

/** Above 2^53, so a JavaScript number could not hold it. */
const BIG_INVOICE_ID = '9007199254740993';

/** Adds two invoices of Acme (customer 1) whose amounts and id do not fit a double exactly. */
async function addExactInvoices(database: Database): Promise<void> {
  const { adapter } = database;
  const db = database.db as Kysely<ErpDatabase>;
  const invoice = (id: string, number: string, amount: string, balance: string) => ({
    id: adapter.idParameter(id),
    customer_id: adapter.idParameter('1'),
    invoice_number: number,
    invoice_type: 'INVOICE' as const,
    invoice_date: adapter.dateParameter('2026-11-02'),
    due_date: adapter.dateParameter('2026-12-02'),
    currency_code: 'USD',
    amount: adapter.decimalParameter(amount),
    balance: adapter.decimalParameter(balance),
    order_id: null,
  });

  await db
    .insertInto('erp_invoices')
    .values([invoice(BIG_INVOICE_ID, 'INV-EXACT-1', '12345678901234.5678', '12345678901234.5678'), invoice('900000', 'INV-EXACT-2', '490560.0000', '490560.0000')])
    .execute();
  await db
    .insertInto('erp_invoice_lines')
    .values({
      id: adapter.idParameter('900000'),
      invoice_id: adapter.idParameter(BIG_INVOICE_ID),
      line_number: 1,
      item_number: 'BIG-1',
      description: 'Largest amount',
      quantity: adapter.decimalParameter('1'),
      unit_price: adapter.decimalParameter('12345678901234.5678'),
      amount: adapter.decimalParameter('12345678901234.5678'),
    })
    .execute();
}

const QUERIES: Record<string, string> = {
  dashboard: `{ dashboard { asOf
    invoices { totalSpent { amount currency } currentBalance { amount currency } overdueBalance { amount currency } outstandingCount overdueCount
               trend { month invoiced { amount currency } paid { amount currency } } }
    orders { open closed placedLast30Days } tickets { open closed createdLast30Days } } }`,
  invoicesByAmount: `{ invoices(first: 40, orderBy: { field: AMOUNT, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { id number amount { amount currency } balance { amount } invoiceDate dueDate isOverdue
      lines { lineNumber sku description quantity unitPrice { amount } amount { amount } } order { number } } } } }`,
  invoicesByDueDate: `{ invoices(first: 100, orderBy: { field: DUE_DATE, direction: ASC }, filter: { status: OUTSTANDING }) { totalCount
    edges { cursor node { number dueDate balance { amount } } } } }`,
  orders: `{ orders(first: 30, orderBy: { field: ORDER_DATE, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { id number orderDate status purchaseOrderNumber total { amount currency }
      lines { lineNumber sku quantityOrdered quantityShipped unitPrice { amount } amount { amount } }
      shipments { number shipDate carrier trackingNumber trackingUrl status } invoices { number amount { amount } } } } } }`,
  tickets: `{ tickets(first: 50, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount
    edges { cursor node { id number subject status priority createdAt updatedAt closedAt comments { id authorName fromSupport body createdAt } } } } }`,
  exactInvoices: `{ invoicesByNumber(numbers: ["INV-EXACT-1", "INV-EXACT-2", "INV-MISSING"]) { id number amount { amount } balance { amount }
    lines { unitPrice { amount } amount { amount } } } }`,
};

describe('GraphQL responses on SQLite and PostgreSQL', () => {
  let postgres: TestDatabase;
  let sqliteServer: TestServer;
  let postgresServer: TestServer;
  let sqliteClient: TestClient;
  let postgresClient: TestClient;

  beforeAll(async () => {
    postgres = await createTestDatabase('postgres');
    sqliteServer = await startTestServer();
    postgresServer = await startTestServer({ erpDatabase: { url: postgres.url } });
    await addExactInvoices(sqliteServer.erpDatabase);
    await addExactInvoices(postgresServer.erpDatabase);
    sqliteClient = await signedInClient(sqliteServer.baseUrl, 'alice@acme.example');
    postgresClient = await signedInClient(postgresServer.baseUrl, 'alice@acme.example');
  }, 60_000);

  afterAll(async () => {
    await sqliteServer?.close();
    await postgresServer?.close();
    await postgres?.drop();
  });

  test('ERP of the second server is PostgreSQL', async () => {
    const result = await sql<{ version: string }>`SELECT version() AS version`.execute(postgresServer.erpDatabase.db);

    expect(postgresServer.erpDatabase.engine).toBe('postgres');
    expect(result.rows[0]?.version).toMatch(/^PostgreSQL/);
  });

  test.each(Object.keys(QUERIES))('%s is identical', async (name) => {
    const query = QUERIES[name] as string;

    const [fromSqlite, fromPostgres] = await Promise.all([sqliteClient.graphql(query), postgresClient.graphql(query)]);

    expect(fromSqlite.errors).toBeUndefined();
    expect(fromPostgres.text).toBe(fromSqlite.text);
  });

  test('exact amounts and 64-bit ids reach the client unchanged', async () => {
    const response = await postgresClient.graphql(QUERIES.exactInvoices as string);
    const [big, round, missing] = response.data?.invoicesByNumber as Record<string, any>[];

    expect(big?.amount.amount).toBe('12345678901234.5678');
    expect(big?.lines[0].unitPrice.amount).toBe('12345678901234.5678');
    expect(Buffer.from(String(big?.id), 'base64url').toString('utf8')).toBe(`Invoice:${BIG_INVOICE_ID}`);
    expect(round?.amount.amount).toBe('490560.0000');
    expect(missing).toBeNull();
  });

  test('dashboard sums keep the largest amounts exact', async () => {
    const response = await sqliteClient.graphql('{ dashboard { invoices { currentBalance { amount } } } }');
    const withoutExact = await sql<{ total: unknown }>`SELECT SUM(balance) AS total FROM erp_invoices WHERE customer_id = 1 AND balance <> 0 AND due_date >= '2026-11-30' AND invoice_number NOT LIKE 'INV-EXACT-%'`.execute(
      postgresServer.erpDatabase.db,
    );

    // 12345678901234.5678 + 490560 + the demo balance, computed in numeric by PostgreSQL.
    const expected = await sql<{ total: string }>`SELECT (CAST(${String(withoutExact.rows[0]?.total ?? '0')} AS NUMERIC) + 12345678901234.5678 + 490560)::numeric(38, 4)::text AS total`.execute(
      postgresServer.erpDatabase.db,
    );
    expect(response.data?.dashboard.invoices.currentBalance.amount).toBe(expected.rows[0]?.total);
  });
});
