/**
 * Deterministic demo data for the ERP contract tables: the same options give
 * the same rows on every engine. No clock and no Math.random are used.
 */
import { sql, type Kysely } from 'kysely';

import type { Database, Engine, EngineAdapter } from '../../sql';
import { ERP_TABLES, type ErpDatabase } from '../contract';
import { DEMO_CONTACTS, DEMO_CUSTOMERS } from './catalog';
import { historyWindow, type DemoContext } from './context';
import { writeInvoices } from './invoices';
import { resolveDemoOptions, type DemoDataOptions, type ResolvedDemoOptions } from './options';
import { writeOrders } from './orders';
import { Random } from './random';
import { writeTickets } from './tickets';
import { DemoRowWriter } from './writer';

/** Rows written per table. */
export type DemoDataSummary = Record<keyof ErpDatabase, number>;

/** Thrown when demo data would be written into an ERP database that already has customers. */
export class DemoDatabaseNotEmptyError extends Error {
  override name = 'DemoDatabaseNotEmptyError';
}

export async function countCustomers(db: Kysely<any>, adapter: EngineAdapter): Promise<number> {
  const row = await (db as Kysely<ErpDatabase>)
    .selectFrom('erp_customers')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return adapter.readInteger(row.count);
}

/**
 * Writes the demo data through `db`, which the caller has placed inside a
 * transaction. The contract tables must exist and be empty.
 */
export async function writeDemoData(db: Kysely<any>, engine: Engine, adapter: EngineAdapter, options: ResolvedDemoOptions): Promise<DemoDataSummary> {
  const writer = new DemoRowWriter(db, engine);
  const context: DemoContext = { random: new Random(options.seed), writer, adapter, options, ...historyWindow(options) };

  await writer.add('erp_business_date', { business_date: adapter.dateParameter(options.businessDate) });
  for (const customer of DEMO_CUSTOMERS) {
    await writer.add('erp_customers', {
      id: adapter.idParameter(String(customer.id)),
      customer_number: customer.number,
      name: customer.name,
      currency_code: customer.currency,
      salesforce_account_id: customer.salesforceAccountId,
    });
  }
  for (const contact of DEMO_CONTACTS) {
    await writer.add('erp_contacts', {
      id: adapter.idParameter(String(contact.id)),
      customer_id: adapter.idParameter(String(contact.customerId)),
      email: contact.email,
      full_name: contact.fullName,
      portal_role: contact.role,
      portal_access: adapter.booleanParameter(contact.portalAccess),
    });
  }

  const history = await writeOrders(context);
  await writeInvoices(context, history);
  await writeTickets(context, history);
  await writer.flush();

  if (engine === 'postgres') {
    await advanceIdentitySequences(db);
  }
  return Object.fromEntries(ERP_TABLES.map((table) => [table, writer.counts()[table] ?? 0])) as DemoDataSummary;
}

/**
 * Moves each identity sequence past the explicit ids just written, so the
 * next generated id (a ticket created in the portal) does not collide.
 */
async function advanceIdentitySequences(db: Kysely<any>): Promise<void> {
  for (const table of ERP_TABLES) {
    if (table === 'erp_business_date') {
      continue;
    }
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ${sql.table(table)}`.execute(db);
  }
}

/**
 * Fills empty ERP contract tables with demo data in one transaction.
 * Throws DemoDatabaseNotEmptyError when customers exist already.
 */
export async function generateDemoData(database: Database, options: DemoDataOptions = {}): Promise<DemoDataSummary> {
  const resolved = resolveDemoOptions(options);
  return database.db.transaction().execute(async (trx) => {
    const customers = await countCustomers(trx, database.adapter);
    if (customers > 0) {
      throw new DemoDatabaseNotEmptyError(
        `The ERP database already has ${customers} customers, and demo data is only written into empty tables. Use an empty database, or the seed CLI with --replace.`,
      );
    }
    return writeDemoData(trx, database.engine, database.adapter, resolved);
  });
}
