/**
 * Runs the read queries of one Account, through the read cache when one is
 * configured. The Account id is a parameter of every read, so the cache key
 * always contains it (the SOQL filters on it as well). The org id goes into
 * the key too, because a sandbox copied from production keeps the
 * production record ids and may share the Redis server.
 */
import type { AccountScopedCache } from './cache';
import type { QueryResult, SalesforceClient } from './client';

export class AccountQueries {
  constructor(
    private readonly client: SalesforceClient,
    private readonly cache: AccountScopedCache | null,
  ) {}

  /** Runs a read of `accountId`'s data, from the cache when it has the result. */
  async read<R>(accountId: string, soql: string): Promise<QueryResult<R>> {
    if (this.cache === null) {
      return this.client.query<R>(soql);
    }
    const scope = await this.cacheScope(accountId);
    return this.cache.getOrLoad(scope, soql, () => this.client.query<R>(soql));
  }

  /** Runs a query that must see Salesforce's current data (the checks and read-backs of a write). */
  async readFresh<R>(soql: string): Promise<QueryResult<R>> {
    return this.client.query<R>(soql);
  }

  /** Marks the Account's cached reads stale after a write. */
  async written(accountId: string): Promise<void> {
    if (this.cache !== null) {
      await this.cache.invalidateAccount(await this.cacheScope(accountId));
    }
  }

  private async cacheScope(accountId: string): Promise<string> {
    return `${await this.client.organizationId()}/${accountId}`;
  }
}
