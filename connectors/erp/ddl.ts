/**
 * Creates the ERP contract as tables, for demo and test databases on SQLite,
 * PostgreSQL and SQL Server. A real installation provides views with the same
 * names instead (docs/erp-contract.md), plus indexes like the ones below on
 * its own tables.
 */
import { sql, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';

import type { Engine } from '../sql';
import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  CONTACT_ROLES,
  DOCUMENT_TYPES,
  ERP_TABLES,
  INVOICE_TYPES,
  ORDER_STATUSES,
  SHIPMENT_STATUSES,
  type ErpDatabase,
} from './contract';

type ColumnKind = 'ref' | 'decimal' | 'date' | 'instant' | 'boolean' | 'longText';

const COLUMN_TYPES: Record<Engine, Record<ColumnKind, Expression<unknown>>> = {
  sqlite: {
    ref: sql`integer`,
    decimal: sql`integer`,
    date: sql`text`,
    instant: sql`text`,
    boolean: sql`integer`,
    longText: sql`text`,
  },
  postgres: {
    ref: sql`bigint`,
    decimal: sql`numeric(19, 4)`,
    date: sql`date`,
    instant: sql`timestamp(3)`,
    boolean: sql`boolean`,
    longText: sql`text`,
  },
  mssql: {
    ref: sql`bigint`,
    decimal: sql`decimal(19, 4)`,
    date: sql`date`,
    // Not "timestamp", which is a row version number on SQL Server.
    instant: sql`datetime2(3)`,
    boolean: sql`bit`,
    longText: sql`nvarchar(max)`,
  },
};

/** Character column of at most `length` characters: nvarchar on SQL Server, where varchar cannot hold every Unicode character. */
function textType(engine: Engine, length: number): Expression<unknown> {
  return engine === 'mssql' ? sql`nvarchar(${sql.lit(length)})` : sql`varchar(${sql.lit(length)})`;
}

function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} IN (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/**
 * Adds the integer primary key: an alias of the rowid on SQLite, an identity
 * column on PostgreSQL and SQL Server. Explicit ids can still be inserted
 * (SQL Server needs IDENTITY_INSERT for that, see demo/writer.ts).
 */
function withId<T extends string>(table: CreateTableBuilder<T, never>, engine: Engine): CreateTableBuilder<T, 'id'> {
  switch (engine) {
    case 'sqlite':
      return table.addColumn('id', 'integer', (column) => column.primaryKey());
    case 'postgres':
      return table.addColumn('id', 'bigint', (column) => column.primaryKey().generatedByDefaultAsIdentity());
    case 'mssql':
      return table.addColumn('id', 'bigint', (column) => column.identity().primaryKey());
  }
}

/**
 * Creates every contract table and index that does not exist yet. SQL Server
 * has no CREATE TABLE IF NOT EXISTS, so existing tables are looked up first
 * and skipped on every engine.
 */
export async function createErpTables(db: Kysely<any>, engine: Engine): Promise<void> {
  const existing = await listTablesAndViews(db, engine);
  const created = new Set<keyof ErpDatabase>();
  const type = COLUMN_TYPES[engine];
  const text = (length: number) => textType(engine, length);

  const create = async (table: keyof ErpDatabase, build: (builder: CreateTableBuilder<string, never>) => { execute(): Promise<void> }) => {
    if (existing.has(table)) {
      return;
    }
    // IF NOT EXISTS still guards against a table created meanwhile by another process, where the engine supports it.
    const builder = engine === 'mssql' ? db.schema.createTable(table) : db.schema.createTable(table).ifNotExists();
    await build(builder).execute();
    created.add(table);
  };

  await create('erp_business_date', (t) => t.addColumn('business_date', type.date, (c) => c.notNull()));

  await create('erp_customers', (t) =>
    withId(t, engine)
      .addColumn('customer_number', text(40), (c) => c.notNull().unique())
      .addColumn('name', text(200), (c) => c.notNull())
      .addColumn('currency_code', 'char(3)', (c) => c.notNull())
      .addColumn('salesforce_account_id', text(18)),
  );

  await create('erp_contacts', (t) =>
    withId(t, engine)
      .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
      .addColumn('email', text(320), (c) => c.notNull())
      .addColumn('full_name', text(200), (c) => c.notNull())
      .addColumn('portal_role', text(20), (c) => c.notNull())
      .addColumn('portal_access', type.boolean, (c) => c.notNull())
      .addCheckConstraint('erp_contacts_portal_role_check', oneOf('portal_role', CONTACT_ROLES)),
  );

  await create('erp_orders', (t) =>
    withId(t, engine)
      .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
      .addColumn('order_number', text(40), (c) => c.notNull().unique())
      .addColumn('customer_po', text(60))
      .addColumn('order_date', type.date, (c) => c.notNull())
      .addColumn('status', text(20), (c) => c.notNull())
      .addColumn('currency_code', 'char(3)', (c) => c.notNull())
      .addColumn('total_amount', type.decimal, (c) => c.notNull())
      .addCheckConstraint('erp_orders_status_check', oneOf('status', ORDER_STATUSES)),
  );

  await create('erp_order_lines', (t) =>
    withId(t, engine)
      .addColumn('order_id', type.ref, (c) => c.notNull().references('erp_orders.id'))
      .addColumn('line_number', 'integer', (c) => c.notNull())
      .addColumn('item_number', text(40))
      .addColumn('description', text(400), (c) => c.notNull())
      .addColumn('quantity_ordered', type.decimal, (c) => c.notNull())
      .addColumn('quantity_shipped', type.decimal, (c) => c.notNull())
      .addColumn('unit_price', type.decimal, (c) => c.notNull())
      .addColumn('amount', type.decimal, (c) => c.notNull()),
  );

  await create('erp_shipments', (t) =>
    withId(t, engine)
      .addColumn('order_id', type.ref, (c) => c.notNull().references('erp_orders.id'))
      .addColumn('shipment_number', text(40), (c) => c.notNull())
      .addColumn('ship_date', type.date)
      .addColumn('carrier', text(40), (c) => c.notNull())
      .addColumn('tracking_number', text(60))
      .addColumn('status', text(20), (c) => c.notNull())
      .addCheckConstraint('erp_shipments_status_check', oneOf('status', SHIPMENT_STATUSES)),
  );

  await create('erp_documents', (t) =>
    withId(t, engine)
      .addColumn('order_id', type.ref, (c) => c.notNull().references('erp_orders.id'))
      .addColumn('document_type', text(30), (c) => c.notNull())
      .addColumn('title', text(200), (c) => c.notNull())
      .addColumn('file_name', text(255), (c) => c.notNull())
      .addColumn('content_type', text(100), (c) => c.notNull())
      .addColumn('storage_key', text(1000), (c) => c.notNull())
      .addColumn('created_date', type.date, (c) => c.notNull())
      .addCheckConstraint('erp_documents_type_check', oneOf('document_type', DOCUMENT_TYPES)),
  );

  await create('erp_invoices', (t) =>
    withId(t, engine)
      .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
      .addColumn('invoice_number', text(40), (c) => c.notNull().unique())
      .addColumn('invoice_type', text(20), (c) => c.notNull())
      .addColumn('invoice_date', type.date, (c) => c.notNull())
      .addColumn('due_date', type.date, (c) => c.notNull())
      .addColumn('currency_code', 'char(3)', (c) => c.notNull())
      .addColumn('amount', type.decimal, (c) => c.notNull())
      .addColumn('balance', type.decimal, (c) => c.notNull())
      .addColumn('order_id', type.ref, (c) => c.references('erp_orders.id'))
      .addCheckConstraint('erp_invoices_type_check', oneOf('invoice_type', INVOICE_TYPES)),
  );

  await create('erp_invoice_lines', (t) =>
    withId(t, engine)
      .addColumn('invoice_id', type.ref, (c) => c.notNull().references('erp_invoices.id'))
      .addColumn('line_number', 'integer', (c) => c.notNull())
      .addColumn('item_number', text(40))
      .addColumn('description', text(400), (c) => c.notNull())
      .addColumn('quantity', type.decimal, (c) => c.notNull())
      .addColumn('unit_price', type.decimal, (c) => c.notNull())
      .addColumn('amount', type.decimal, (c) => c.notNull()),
  );

  await create('erp_invoice_payments', (t) =>
    withId(t, engine)
      .addColumn('invoice_id', type.ref, (c) => c.notNull().references('erp_invoices.id'))
      .addColumn('payment_date', type.date, (c) => c.notNull())
      .addColumn('amount', type.decimal, (c) => c.notNull())
      .addColumn('reference', text(80), (c) => c.notNull()),
  );

  await create('erp_service_cases', (t) =>
    withId(t, engine)
      .addColumn('customer_id', type.ref, (c) => c.notNull().references('erp_customers.id'))
      .addColumn('case_number', text(40), (c) => c.notNull().unique())
      .addColumn('subject', text(255), (c) => c.notNull())
      .addColumn('description', type.longText, (c) => c.notNull())
      .addColumn('status', text(30), (c) => c.notNull())
      .addColumn('priority', text(10), (c) => c.notNull())
      .addColumn('contact_id', type.ref, (c) => c.references('erp_contacts.id'))
      .addColumn('created_at', type.instant, (c) => c.notNull())
      .addColumn('updated_at', type.instant, (c) => c.notNull())
      .addColumn('closed_at', type.instant)
      .addCheckConstraint('erp_service_cases_status_check', oneOf('status', CASE_STATUSES))
      .addCheckConstraint('erp_service_cases_priority_check', oneOf('priority', CASE_PRIORITIES)),
  );

  await create('erp_case_comments', (t) =>
    withId(t, engine)
      .addColumn('case_id', type.ref, (c) => c.notNull().references('erp_service_cases.id'))
      .addColumn('author_name', text(200), (c) => c.notNull())
      .addColumn('from_support', type.boolean, (c) => c.notNull())
      .addColumn('is_public', type.boolean, (c) => c.notNull())
      .addColumn('body', type.longText, (c) => c.notNull())
      .addColumn('created_at', type.instant, (c) => c.notNull()),
  );

  await createErpIndexes(db, engine, created);
}

/**
 * Indexes for the connector's queries: every list filters on the customer and
 * seeks by (sort column, id), and every batch looks rows up by their parent.
 */
async function createErpIndexes(db: Kysely<any>, engine: Engine, created: ReadonlySet<keyof ErpDatabase>): Promise<void> {
  const indexes: [name: string, table: keyof ErpDatabase, columns: string[]][] = [
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
    ['erp_documents_order', 'erp_documents', ['order_id', 'created_date']],
    ['erp_service_cases_customer_created', 'erp_service_cases', ['customer_id', 'created_at', 'id']],
    ['erp_service_cases_customer_updated', 'erp_service_cases', ['customer_id', 'updated_at', 'id']],
    ['erp_case_comments_case', 'erp_case_comments', ['case_id', 'created_at']],
  ];
  if (engine === 'mssql') {
    // SQL Server has no CREATE INDEX IF NOT EXISTS, so only new tables get their indexes.
    for (const [name, table, columns] of indexes.filter(([, table]) => created.has(table))) {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    }
    // NOTE: no index serves the LOWER(email) lookup of sign-in here, because
    // SQL Server indexes expressions only through computed columns.
    return;
  }

  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }

  // Sign-in looks contacts up by e-mail address regardless of case.
  await db.schema.createIndex('erp_contacts_email_lower').ifNotExists().on('erp_contacts').expression(sql`lower(email)`).execute();
}

/** Drops every contract table, for demo databases only (the seed CLI's `--replace`). */
export async function dropErpTables(db: Kysely<any>): Promise<void> {
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
  // Upper case, because catalog names are case-sensitive in a database with a case-sensitive collation.
  mssql: sql`SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA_NAME()`,
};

async function listTablesAndViews(db: Kysely<any>, engine: Engine): Promise<Set<string>> {
  const result = await TABLE_LIST_QUERIES[engine].execute(db);
  return new Set(result.rows.map((row) => row.name));
}
