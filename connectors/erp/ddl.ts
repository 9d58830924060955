/**
 * Creates the ERP contract as tables, for demo and test databases on SQLite
 * and PostgreSQL. A real installation provides views with the same names
 * instead, plus indexes like the ones below on its own tables.
 */
import { sql, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';

import type { Engine } from '../sql';
import { CASE_PRIORITIES, CASE_STATUSES, CONTACT_ROLES, ERP_TABLES, INVOICE_TYPES, ORDER_STATUSES, SHIPMENT_STATUSES } from './contract';

type DemoEngine = 'sqlite' | 'postgres';
type ColumnKind = 'ref' | 'decimal' | 'date' | 'instant' | 'boolean';

const COLUMN_TYPES: Record<DemoEngine, Record<ColumnKind, Expression<unknown>>> = {
  sqlite: {
    ref: sql`integer`,
    decimal: sql`integer`,
    date: sql`text`,
    instant: sql`text`,
    boolean: sql`integer`,
  },
  postgres: {
    ref: sql`bigint`,
    decimal: sql`numeric(19, 4)`,
    date: sql`date`,
    instant: sql`timestamp(3)`,
    boolean: sql`boolean`,
  },
};

function demoEngine(engine: Engine): DemoEngine {
  if (engine === 'mssql') {
    throw new Error(
      'Demo ERP tables can be created on SQLite and PostgreSQL only. On SQL Server, create views named like the tables in connectors/erp/contract.ts over the ERP instead.',
    );
  }
  return engine;
}

function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} IN (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** Adds the integer primary key: an alias of the rowid on SQLite, an identity column on PostgreSQL. */
function withId<T extends string>(table: CreateTableBuilder<T, never>, engine: DemoEngine): CreateTableBuilder<T, 'id'> {
  return engine === 'sqlite'
    ? table.addColumn('id', 'integer', (column) => column.primaryKey())
    : table.addColumn('id', 'bigint', (column) => column.primaryKey().generatedByDefaultAsIdentity());
}

/** Creates every contract table and index that does not exist yet. */
export async function createErpTables(db: Kysely<any>, engine: Engine): Promise<void> {
  const kind = demoEngine(engine);
  const type = COLUMN_TYPES[kind];

  await db.schema.createTable('erp_business_date').ifNotExists().addColumn('business_date', type.date, (c) => c.notNull()).execute();

  await withId(db.schema.createTable('erp_customers').ifNotExists(), kind)
    .addColumn('customer_number', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('currency_code', 'char(3)', (c) => c.notNull())
    .addColumn('salesforce_account_id', 'varchar(18)')
    .execute();

  await withId(db.schema.createTable('erp_contacts').ifNotExists(), kind)
    .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('full_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('portal_role', 'varchar(20)', (c) => c.notNull())
    .addColumn('portal_access', type.boolean, (c) => c.notNull())
    .addCheckConstraint('erp_contacts_portal_role_check', oneOf('portal_role', CONTACT_ROLES))
    .execute();

  await withId(db.schema.createTable('erp_orders').ifNotExists(), kind)
    .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
    .addColumn('order_number', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('customer_po', 'varchar(60)')
    .addColumn('order_date', type.date, (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('currency_code', 'char(3)', (c) => c.notNull())
    .addColumn('total_amount', type.decimal, (c) => c.notNull())
    .addCheckConstraint('erp_orders_status_check', oneOf('status', ORDER_STATUSES))
    .execute();

  await withId(db.schema.createTable('erp_order_lines').ifNotExists(), kind)
    .addColumn('order_id', type.ref, (c) => c.notNull().references('erp_orders.id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('item_number', 'varchar(40)')
    .addColumn('description', 'varchar(400)', (c) => c.notNull())
    .addColumn('quantity_ordered', type.decimal, (c) => c.notNull())
    .addColumn('quantity_shipped', type.decimal, (c) => c.notNull())
    .addColumn('unit_price', type.decimal, (c) => c.notNull())
    .addColumn('amount', type.decimal, (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('erp_shipments').ifNotExists(), kind)
    .addColumn('order_id', type.ref, (c) => c.notNull().references('erp_orders.id'))
    .addColumn('shipment_number', 'varchar(40)', (c) => c.notNull())
    .addColumn('ship_date', type.date)
    .addColumn('carrier', 'varchar(40)', (c) => c.notNull())
    .addColumn('tracking_number', 'varchar(60)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addCheckConstraint('erp_shipments_status_check', oneOf('status', SHIPMENT_STATUSES))
    .execute();

  await withId(db.schema.createTable('erp_invoices').ifNotExists(), kind)
    .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
    .addColumn('invoice_number', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('invoice_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('invoice_date', type.date, (c) => c.notNull())
    .addColumn('due_date', type.date, (c) => c.notNull())
    .addColumn('currency_code', 'char(3)', (c) => c.notNull())
    .addColumn('amount', type.decimal, (c) => c.notNull())
    .addColumn('balance', type.decimal, (c) => c.notNull())
    .addColumn('order_id', type.ref, (c) => c.references('erp_orders.id'))
    .addCheckConstraint('erp_invoices_type_check', oneOf('invoice_type', INVOICE_TYPES))
    .execute();

  await withId(db.schema.createTable('erp_invoice_lines').ifNotExists(), kind)
    .addColumn('invoice_id', type.ref, (c) => c.notNull().references('erp_invoices.id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('item_number', 'varchar(40)')
    .addColumn('description', 'varchar(400)', (c) => c.notNull())
    .addColumn('quantity', type.decimal, (c) => c.notNull())
    .addColumn('unit_price', type.decimal, (c) => c.notNull())
    .addColumn('amount', type.decimal, (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('erp_invoice_payments').ifNotExists(), kind)
    .addColumn('invoice_id', type.ref, (c) => c.notNull().references('erp_invoices.id'))
    .addColumn('payment_date', type.date, (c) => c.notNull())
    .addColumn('amount', type.decimal, (c) => c.notNull())
    .addColumn('reference', 'varchar(80)', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('erp_service_cases').ifNotExists(), kind)
    .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
    .addColumn('case_number', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('priority', 'varchar(10)', (c) => c.notNull())
    .addColumn('contact_id', type.ref, (c) => c.references('erp_contacts.id'))
    .addColumn('created_at', type.instant, (c) => c.notNull())
    .addColumn('updated_at', type.instant, (c) => c.notNull())
    .addColumn('closed_at', type.instant)
    .addCheckConstraint('erp_service_cases_status_check', oneOf('status', CASE_STATUSES))
    .addCheckConstraint('erp_service_cases_priority_check', oneOf('priority', CASE_PRIORITIES))
    .execute();

  await withId(db.schema.createTable('erp_case_comments').ifNotExists(), kind)
    .addColumn('case_id', type.ref, (c) => c.notNull().references('erp_service_cases.id'))
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('from_support', type.boolean, (c) => c.notNull())
    .addColumn('is_public', type.boolean, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', type.instant, (c) => c.notNull())
    .execute();

  await createErpIndexes(db);
}

/**
 * Indexes for the connector's queries: every list filters on the customer and
 * seeks by (sort column, id), and every batch looks rows up by their parent.
 */
async function createErpIndexes(db: Kysely<any>): Promise<void> {
  const indexes: [name: string, table: string, columns: string[]][] = [
    ['erp_contacts_customer', 'erp_contacts', ['customer_id']],
    ['erp_invoices_customer_invoice_date', 'erp_invoices', ['customer_id', 'invoice_date', 'id']],
    ['erp_invoices_customer_due_date', 'erp_invoices', ['customer_id', 'due_date', 'id']],
    ['erp_invoices_customer_amount', 'erp_invoices', ['customer_id', 'amount', 'id']],
    ['erp_invoices_customer_balance', 'erp_invoices', ['customer_id', 'balance', 'id']],
    ['erp_invoices_order', 'erp_invoices', ['order_id']],
    ['erp_invoice_lines_invoice', 'erp_invoice_lines', ['invoice_id', 'line_number']],
    ['erp_invoice_payments_invoice', 'erp_invoice_payments', ['invoice_id', 'payment_date']],
    ['erp_orders_customer_order_date', 'erp_orders', ['customer_id', 'order_date', 'id']],
    ['erp_orders_customer_total', 'erp_orders', ['customer_id', 'total_amount', 'id']],
    ['erp_order_lines_order', 'erp_order_lines', ['order_id', 'line_number']],
    ['erp_shipments_order', 'erp_shipments', ['order_id']],
    ['erp_service_cases_customer_created', 'erp_service_cases', ['customer_id', 'created_at', 'id']],
    ['erp_service_cases_customer_updated', 'erp_service_cases', ['customer_id', 'updated_at', 'id']],
    ['erp_case_comments_case', 'erp_case_comments', ['case_id', 'created_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }

  // Sign-in looks contacts up by e-mail address regardless of case.
  await db.schema.createIndex('erp_contacts_email_lower').ifNotExists().on('erp_contacts').expression(sql`lower(email)`).execute();
}

/** Drops every contract table, for demo databases only (the seed CLI's `--replace`). */
export async function dropErpTables(db: Kysely<any>, engine: Engine): Promise<void> {
  demoEngine(engine);
  for (const table of [...ERP_TABLES].reverse()) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/** True when the database has a table or view named like every contract table. */
export async function erpTablesExist(db: Kysely<any>, engine: Engine): Promise<boolean> {
  const names = await listTablesAndViews(db, engine);
  return ERP_TABLES.every((table) => names.has(table));
}

/** Catalog queries instead of Kysely's introspector, so they also run inside a transaction. */
const TABLE_LIST_QUERIES: Record<Engine, ReturnType<typeof sql<{ name: string }>>> = {
  sqlite: sql`SELECT name FROM sqlite_master WHERE type IN ('table', 'view')`,
  postgres: sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  mssql: sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = SCHEMA_NAME()`,
};

async function listTablesAndViews(db: Kysely<any>, engine: Engine): Promise<Set<string>> {
  const result = await TABLE_LIST_QUERIES[engine].execute(db);
  return new Set(result.rows.map((row) => row.name));
}
