/**
 * Schema migrations of the payment records. They run through Kysely's
 * Migrator with their own bookkeeping tables (`payments_migrations` and
 * `payments_migrations_lock`), so they live beside the portal store's
 * migrations in the same database without touching them.
 *
 * PostgreSQL and SQLite only: on SQLite the Migrator's transaction begins
 * IMMEDIATE and on PostgreSQL it locks its lock table, so several gateway
 * processes may call `migratePaymentStore` at once.
 */
import { Migrator, sql, type Expression, type Kysely, type Migration, type MigrationProvider } from 'kysely';

import type { Database, Engine } from '../sql';
import { PAYMENT_STATES } from './states';

type StoreEngine = 'sqlite' | 'postgres';

const MIGRATION_TABLE = 'payments_migrations';
const MIGRATION_LOCK_TABLE = 'payments_migrations_lock';

interface ColumnTypes {
  decimal: Expression<unknown>;
  instant: Expression<unknown>;
}

const COLUMN_TYPES: Record<StoreEngine, ColumnTypes> = {
  sqlite: { decimal: sql`integer`, instant: sql`text` },
  postgres: { decimal: sql`numeric(19, 4)`, instant: sql`timestamp(3)` },
};

export function storeEngine(engine: Engine): StoreEngine {
  if (engine === 'mssql') {
    throw new Error('Payment records can be kept on SQLite or PostgreSQL only; set PORTAL_DATABASE_URL to one of them.');
  }
  return engine;
}

function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} IN (${sql.join(values.map((value) => sql.lit(value)))})`;
}

function initialSchema(engine: StoreEngine): Migration {
  const type = COLUMN_TYPES[engine];
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('payment_attempts')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('customer_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('contact_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('contact_email', 'varchar(320)')
        .addColumn('currency_code', 'char(3)', (c) => c.notNull())
        .addColumn('total_amount', type.decimal, (c) => c.notNull())
        .addColumn('state', 'varchar(24)', (c) => c.notNull())
        .addColumn('request_key', 'varchar(64)', (c) => c.notNull())
        .addColumn('request_sequence', 'integer', (c) => c.notNull())
        .addColumn('idempotency_key', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('checkout_session_id', 'varchar(255)', (c) => c.unique())
        .addColumn('checkout_url', 'varchar(2048)')
        .addColumn('payment_intent_id', 'varchar(255)')
        .addColumn('expires_at', type.instant, (c) => c.notNull())
        .addColumn('amount_refunded', type.decimal, (c) => c.notNull())
        .addColumn('failure_reason', 'varchar(1000)')
        .addColumn('created_at', type.instant, (c) => c.notNull())
        .addColumn('updated_at', type.instant, (c) => c.notNull())
        .addColumn('succeeded_at', type.instant)
        .addCheckConstraint('payment_attempts_state_check', oneOf('state', PAYMENT_STATES))
        .addUniqueConstraint('payment_attempts_request_unique', ['customer_id', 'request_key', 'request_sequence'])
        .execute();
      await db.schema.createIndex('payment_attempts_customer_idx').on('payment_attempts').columns(['customer_id', 'created_at']).execute();
      await db.schema.createIndex('payment_attempts_intent_idx').on('payment_attempts').column('payment_intent_id').execute();

      await db.schema
        .createTable('payment_attempt_lines')
        .addColumn('attempt_id', 'varchar(40)', (c) => c.notNull().references('payment_attempts.id'))
        .addColumn('line_number', 'integer', (c) => c.notNull())
        .addColumn('invoice_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('invoice_number', 'varchar(40)', (c) => c.notNull())
        .addColumn('amount', type.decimal, (c) => c.notNull())
        .addColumn('balance_seen', type.decimal, (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_attempt_lines_pk', ['attempt_id', 'line_number'])
        .addUniqueConstraint('payment_attempt_lines_invoice_unique', ['attempt_id', 'invoice_id'])
        .execute();
      await db.schema.createIndex('payment_attempt_lines_invoice_idx').on('payment_attempt_lines').column('invoice_id').execute();

      await db.schema
        .createTable('payment_webhook_events')
        .addColumn('event_id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('event_type', 'varchar(100)', (c) => c.notNull())
        .addColumn('attempt_id', 'varchar(40)')
        .addColumn('outcome', 'varchar(200)', (c) => c.notNull())
        .addColumn('received_at', type.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('payment_write_backs')
        .addColumn('attempt_id', 'varchar(40)', (c) => c.primaryKey().references('payment_attempts.id'))
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('tries', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', type.instant, (c) => c.notNull())
        .addColumn('lease_token', 'varchar(40)')
        .addColumn('lease_expires_at', type.instant)
        .addColumn('last_error', 'varchar(1000)')
        .addColumn('created_at', type.instant, (c) => c.notNull())
        .addColumn('completed_at', type.instant)
        .addCheckConstraint('payment_write_backs_state_check', oneOf('state', ['PENDING', 'DONE', 'CANCELLED']))
        .execute();
      await db.schema.createIndex('payment_write_backs_due_idx').on('payment_write_backs').columns(['state', 'next_attempt_at']).execute();

      await db.schema
        .createTable('payment_customer_locks')
        .addColumn('customer_id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('locked_at', type.instant, (c) => c.notNull())
        .execute();
    },
  };
}

class PaymentMigrations implements MigrationProvider {
  constructor(private readonly engine: StoreEngine) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return { '0001_payment_records': initialSchema(this.engine) };
  }
}

/** Applies every pending payment migration; raises the first failure with the migration's name. */
export async function migratePaymentStore(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: new PaymentMigrations(storeEngine(database.engine)),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });

  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Payment store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
