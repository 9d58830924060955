/**
 * The portal's own store: credentials, sessions and sign-in throttling, in a
 * database of its own (SQLite or PostgreSQL). Nothing here is process-local,
 * so several gateway instances can share one store.
 */
import { sql, type Kysely } from 'kysely';

import { reportUnavailability, type Database } from '../sql';
import { createCredentialRepository } from './credentials';
import { migratePortalStore, portalEngine } from './migrations';
import type { PortalDatabase } from './schema';
import { createSessionRepository } from './sessions';
import { createSignInThrottleRepository } from './throttle';
import type { PortalStore } from './types';

export interface PortalStoreOptions {
  /** Clock for the times the store sets itself (credential created and updated). Default: the system clock. */
  now?: () => Date;
}

/**
 * Builds the store over its database; call `migrate()` before first use.
 * Throws for SQL Server, which the store does not support. Every method
 * reports a database that cannot respond as UpstreamUnavailableError("portal-store").
 */
export function createPortalStore(database: Database, options: PortalStoreOptions = {}): PortalStore {
  portalEngine(database.engine);
  const db = database.db as Kysely<PortalDatabase>;
  const now = options.now ?? (() => new Date());

  return {
    migrate: () => migratePortalStore(database),
    credentials: reportUnavailability('portal-store', createCredentialRepository(db, database.adapter, now)),
    sessions: reportUnavailability('portal-store', createSessionRepository(db, database.adapter)),
    signInThrottle: reportUnavailability('portal-store', createSignInThrottleRepository(db, database.adapter)),
    health: reportUnavailability('portal-store', {
      name: 'portal-store',
      async check() {
        await sql`SELECT 1`.execute(database.db);
      },
    }),
  };
}

export type {
  CredentialRepository,
  PortalCredential,
  PortalSession,
  PortalStore,
  SessionRepository,
  SignInThrottleRepository,
} from './types';
