import type { Kysely } from 'kysely';

import type { EngineAdapter } from '../sql';
import { instantParameter, readInstant } from './instants';
import type { PortalDatabase } from './schema';
import type { CredentialRepository } from './types';

export function createCredentialRepository(db: Kysely<PortalDatabase>, adapter: EngineAdapter, now: () => Date): CredentialRepository {
  return {
    async findByEmail(email) {
      const row = await db
        .selectFrom('portal_credentials')
        .select((eb) => [
          eb.ref('email').as('email'),
          eb.ref('password_hash').as('password_hash'),
          adapter.instantText('created_at').as('created_at'),
          adapter.instantText('updated_at').as('updated_at'),
        ])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      if (row === undefined) {
        return null;
      }
      return {
        email: row.email,
        passwordHash: row.password_hash,
        createdAt: readInstant(adapter, row.created_at),
        updatedAt: readInstant(adapter, row.updated_at),
      };
    },

    async upsert(email, passwordHash) {
      const at = instantParameter(adapter, 'credential time', now());
      // INSERT ... ON CONFLICT is atomic on SQLite and PostgreSQL, so two sign-ups cannot both insert.
      await db
        .insertInto('portal_credentials')
        .values({ email: email.toLowerCase(), password_hash: passwordHash, created_at: at, updated_at: at })
        .onConflict((conflict) => conflict.column('email').doUpdateSet({ password_hash: passwordHash, updated_at: at }))
        .execute();
    },
  };
}
