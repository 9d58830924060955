/**
 * The portal's own store: credentials, sessions and sign-in throttling, in a
 * database of its own (SQLite or PostgreSQL). Nothing here is process-local,
 * so several gateway instances can share one store.
 */
import { sql, type Kysely } from 'kysely';

import type { Database } from '../sql';
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

/** Throws for a SQL Server database, which the store does not support. Call `migrate()` before first use. */
export function createPortalStore(database: Database, options: PortalStoreOptions = {}): PortalStore {
  portalEngine(database.engine);
  const db = database.db as Kysely<PortalDatabase>;
  const now = options.now ?? (() => new Date());

  return {
    migrate: () => migratePortalStore(database),
    credentials: createCredentialRepository(db, database.adapter, now),
    sessions: createSessionRepository(db, database.adapter),
    signInThrottle: createSignInThrottleRepository(db, database.adapter),
    health: {
      name: 'portal-store',
      async check() {
        await sql`SELECT 1`.execute(database.db);
      },
    },
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
