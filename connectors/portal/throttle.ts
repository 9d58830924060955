import type { Kysely } from 'kysely';

import { isIdString, type EngineAdapter } from '../sql';
import { instantParameter } from './instants';
import type { PortalDatabase } from './schema';
import type { SignInThrottleRepository } from './types';

export function createSignInThrottleRepository(db: Kysely<PortalDatabase>, adapter: EngineAdapter): SignInThrottleRepository {
  return {
    async recordFailure(key, at) {
      return adapter.insertReturningId(
        db.insertInto('portal_sign_in_failures').values({ throttle_key: key, failed_at: instantParameter(adapter, 'failure time', at) }),
      );
    },

    async deleteFailure(id) {
      if (!isIdString(id)) {
        throw new Error(`Invalid sign-in failure id "${id}": expected the id that recordFailure returned.`);
      }
      await db.deleteFrom('portal_sign_in_failures').where('id', '=', adapter.idParameter(id)).execute();
    },

    async countFailuresSince(key, since) {
      const row = await db
        .selectFrom('portal_sign_in_failures')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('throttle_key', '=', key)
        .where('failed_at', '>=', instantParameter(adapter, 'since', since))
        .executeTakeFirstOrThrow();
      return adapter.readInteger(row.count);
    },

    async clear(key) {
      await db.deleteFrom('portal_sign_in_failures').where('throttle_key', '=', key).execute();
    },

    async deleteBefore(before) {
      const result = await db
        .deleteFrom('portal_sign_in_failures')
        .where('failed_at', '<', instantParameter(adapter, 'before', before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
