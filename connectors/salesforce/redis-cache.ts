/**
 * Cache store in Redis (ioredis), shared by every gateway instance. The
 * caller creates and closes the Redis client.
 */
import { Redis } from 'ioredis';

import type { CacheStore } from './cache';

export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const results = await this.redis.multi().incr(key).expire(key, ttlSeconds).exec();
    const [incrementError, value] = results?.[0] ?? [new Error('Redis MULTI returned no result.'), null];
    if (incrementError !== null) {
      throw incrementError;
    }
    return Number(value);
  }
}

/**
 * Connects to Redis for the ticket cache. Commands fail fast instead of
 * queueing while Redis is down, so a Redis outage costs each read a
 * skipped cache lookup rather than a stalled request.
 */
export function connectRedisCacheStore(url: string): { store: RedisCacheStore; close: () => Promise<void> } {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, enableOfflineQueue: false, lazyConnect: false });
  return {
    store: new RedisCacheStore(redis),
    close: async () => {
      // QUIT needs a live connection; without one, disconnect() stops the reconnect attempts.
      if (redis.status === 'ready') {
        await redis.quit();
      } else {
        redis.disconnect();
      }
    },
  };
}
