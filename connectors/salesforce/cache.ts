/**
 * Short-lived cache of Salesforce query results. Keys are built only by
 * `AccountScopedCache`, which puts the Account scope (org id and Account id)
 * into every key, so an entry written for one customer's Account can never
 * be read for another. Writes to an Account (new ticket, new comment) bump that Account's
 * generation number, which is part of the key, so its older entries stop
 * being read at once on every gateway instance that shares the store.
 */
import { createHash } from 'node:crypto';

import type { Logger } from 'pino';

/** Storage behind the cache: Redis (`RedisCacheStore`) or process memory (`MemoryCacheStore`). */
export interface CacheStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Adds one to an integer (missing counts as 0), sets its expiry and returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
}

/** Cache store in process memory; each gateway instance has its own. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return null;
    }
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    // Map keeps insertion order, so the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const next = Number((await this.get(key)) ?? '0') + 1;
    await this.set(key, String(next), ttlSeconds);
    return next;
  }
}

export interface CacheStatistics {
  hits: number;
  misses: number;
  /** Store errors; the cache is skipped for the call that saw one. */
  errors: number;
}

/**
 * Caches values per Salesforce Account. A failing store or an unreadable
 * entry never fails a read: the value is loaded as if the cache were empty,
 * and store errors are counted and logged.
 */
export class AccountScopedCache {
  readonly statistics: CacheStatistics = { hits: 0, misses: 0, errors: 0 };

  constructor(
    private readonly store: CacheStore,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
    private readonly prefix = 'rover:salesforce:v1:',
  ) {}

  /** Returns the cached value for (account, query), or computes, stores and returns it. `account` is "orgId/accountId". */
  async getOrLoad<T>(account: string, query: string, load: () => Promise<T>): Promise<T> {
    const key = await this.keyFor(account, query);
    if (key !== null) {
      const cached = await this.read(key);
      const value = cached === null ? undefined : parseCached<T>(cached);
      if (value !== undefined) {
        this.statistics.hits += 1;
        return value;
      }
    }

    this.statistics.misses += 1;
    const value = await load();
    if (key !== null) {
      await this.write(key, JSON.stringify(value));
    }
    return value;
  }

  /** Makes every cached entry of the Account stale, after a write to it. */
  async invalidateAccount(account: string): Promise<void> {
    try {
      // The generation outlives the entries it guards, so a generation
      // cannot expire back to an older number while its entries still live.
      await this.store.increment(this.generationKey(account), this.ttlSeconds * 2 + 60);
    } catch (error) {
      this.storeFailed(error, 'Ticket cache invalidation failed; cached reads of this Account may be stale until they expire');
    }
  }

  private async keyFor(account: string, query: string): Promise<string | null> {
    let generation: string | null;
    try {
      generation = await this.store.get(this.generationKey(account));
    } catch (error) {
      this.storeFailed(error, 'Ticket cache read failed; reading from Salesforce');
      return null;
    }

    const digest = createHash('sha256').update(query).digest('base64url');
    return `${this.prefix}account:${account}:${generation ?? '0'}:${digest}`;
  }

  private generationKey(account: string): string {
    return `${this.prefix}account:${account}:generation`;
  }

  private async read(key: string): Promise<string | null> {
    try {
      return await this.store.get(key);
    } catch (error) {
      this.storeFailed(error, 'Ticket cache read failed; reading from Salesforce');
      return null;
    }
  }

  private async write(key: string, value: string): Promise<void> {
    try {
      await this.store.set(key, value, this.ttlSeconds);
    } catch (error) {
      this.storeFailed(error, 'Ticket cache write failed');
    }
  }

  /** Counts a store error and logs the first one and every hundredth after it, so an outage does not flood the log. */
  private storeFailed(error: unknown, message: string): void {
    this.statistics.errors += 1;
    if (this.statistics.errors === 1 || this.statistics.errors % 100 === 0) {
      this.logger.warn({ err: error, errors: this.statistics.errors }, message);
    }
  }
}

/** Returns the parsed entry, or undefined when it is not JSON (written by another version, say). */
function parseCached<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
