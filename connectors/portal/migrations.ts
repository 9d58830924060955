/**
 * Schema migrations of the portal store, run by Kysely's Migrator with
 * bookkeeping tables of their own (`portal_migrations`,
 * `portal_migrations_lock`), so other stores can keep migrations in the same
 * database.
 *
 * Several gateway processes may migrate at once. On SQLite the Migrator's
 * transaction begins IMMEDIATE (see sql/sqlite-dialect.ts), and on PostgreSQL
 * Kysely 0.28 takes an advisory lock. Either way a second process waits and
 * then finds the migrations applied.
 */
import { Migrator, sql, type Expression, type Kysely, type Migration, type MigrationProvider } from 'kysely';

import type { Database, Engine } from '../sql';

export type PortalEngine = 'sqlite' | 'postgres';

const MIGRATION_TABLE = 'portal_migrations';
const MIGRATION_LOCK_TABLE = 'portal_migrations_lock';

const INSTANT_TYPES: Record<PortalEngine, Expression<unknown>> = {
  sqlite: sql`text`,
  postgres: sql`timestamptz`,
};

export function portalEngine(engine: Engine): PortalEngine {
  if (engine === 'mssql') {
    throw new Error('The portal store runs on SQLite or PostgreSQL only. Set PORTAL_DATABASE_URL to a sqlite: or postgres:// URL.');
  }
  return engine;
}

function createPortalTables(engine: PortalEngine): Migration {
  const instant = INSTANT_TYPES[engine];
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('portal_credentials')
        .addColumn('email', 'varchar(320)', (c) => c.primaryKey())
        .addColumn('password_hash', 'varchar(512)', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('portal_sessions')
        .addColumn('token_hash', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('contact_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('email', 'varchar(320)')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('last_seen_at', instant, (c) => c.notNull())
        .addColumn('expires_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('portal_sessions_expires_at').on('portal_sessions').column('expires_at').execute();
      await db.schema.createIndex('portal_sessions_contact').on('portal_sessions').column('contact_id').execute();

      const failures = db.schema.createTable('portal_sign_in_failures');
      await (engine === 'sqlite'
        ? failures.addColumn('id', 'integer', (c) => c.primaryKey())
        : failures.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      )
        .addColumn('throttle_key', 'varchar(400)', (c) => c.notNull())
        .addColumn('failed_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('portal_sign_in_failures_key_time').on('portal_sign_in_failures').columns(['throttle_key', 'failed_at']).execute();
    },
  };
}

class PortalMigrations implements MigrationProvider {
  constructor(private readonly engine: PortalEngine) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return { '0001_create_portal_tables': createPortalTables(this.engine) };
  }
}

/** Applies every pending migration, and throws with the failing migration's name. */
export async function migratePortalStore(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: new PortalMigrations(portalEngine(database.engine)),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });

  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'before any migration ran';
    throw new Error(`Portal store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
