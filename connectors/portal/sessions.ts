import type { Kysely } from 'kysely';

import type { EngineAdapter } from '../sql';
import { instantParameter, readInstant } from './instants';
import type { PortalDatabase } from './schema';
import type { SessionRepository } from './types';

export function createSessionRepository(db: Kysely<PortalDatabase>, adapter: EngineAdapter): SessionRepository {
  return {
    async create(session) {
      await db
        .insertInto('portal_sessions')
        .values({
          token_hash: session.tokenHash,
          contact_id: session.contactId,
          email: session.email?.toLowerCase() ?? null,
          created_at: instantParameter(adapter, 'createdAt', session.createdAt),
          last_seen_at: instantParameter(adapter, 'lastSeenAt', session.lastSeenAt),
          expires_at: instantParameter(adapter, 'expiresAt', session.expiresAt),
        })
        .execute();
    },

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('portal_sessions')
        .select((eb) => [
          eb.ref('token_hash').as('token_hash'),
          eb.ref('contact_id').as('contact_id'),
          eb.ref('email').as('email'),
          adapter.instantText('created_at').as('created_at'),
          adapter.instantText('last_seen_at').as('last_seen_at'),
          adapter.instantText('expires_at').as('expires_at'),
        ])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (row === undefined) {
        return null;
      }
      return {
        tokenHash: row.token_hash,
        contactId: row.contact_id,
        email: row.email,
        createdAt: readInstant(adapter, row.created_at),
        lastSeenAt: readInstant(adapter, row.last_seen_at),
        expiresAt: readInstant(adapter, row.expires_at),
      };
    },

    async touch(tokenHash, lastSeenAt, expiresAt) {
      const lastSeen = instantParameter(adapter, 'lastSeenAt', lastSeenAt);
      await db
        .updateTable('portal_sessions')
        .set(expiresAt === undefined ? { last_seen_at: lastSeen } : { last_seen_at: lastSeen, expires_at: instantParameter(adapter, 'expiresAt', expiresAt) })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async delete(tokenHash) {
      await db.deleteFrom('portal_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteExpired(now) {
      const result = await db
        .deleteFrom('portal_sessions')
        .where('expires_at', '<=', instantParameter(adapter, 'now', now))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
