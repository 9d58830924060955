import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import type { CacheStore } from '../cache';
import { MemoryCacheStore } from '../cache';
import { loadSalesforceConfig } from '../config';
import { createSalesforceTicketSource, openTicketCacheStore } from '../index';
import { connectRedisCacheStore, RedisCacheStore } from '../redis-cache';
import { ACME, ALICE, GLOBEX, scopeOf, startTestEnvironment, type TestEnvironment } from './support';

/** Puts every key of one test run under its own prefix, so that runs and fake orgs never share entries. */
class PrefixedStore implements CacheStore {
  constructor(
    private readonly inner: CacheStore,
    private readonly prefix: string,
  ) {}

  get(key: string) {
    return this.inner.get(this.prefix + key);
  }

  set(key: string, value: string, ttlSeconds: number) {
    return this.inner.set(this.prefix + key, value, ttlSeconds);
  }

  increment(key: string, ttlSeconds: number) {
    return this.inner.increment(this.prefix + key, ttlSeconds);
  }
}

const list = (env: Pick<TestEnvironment, 'source'>, customer = ACME) =>
  env.source.listTickets(scopeOf(customer), { filter: {}, orderBy: { field: 'CREATED_AT', direction: 'ASC' }, first: 50, after: null });
const subjects = async (env: TestEnvironment, customer = ACME) => (await list(env, customer)).items.map((item) => item.node.subject);

describe('read cache in Redis', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const prefix = `test:salesforce:${randomUUID()}:`;
  const store = new PrefixedStore(new RedisCacheStore(redis), prefix);
  let env: TestEnvironment;

  beforeEach(async () => {
    env = await startTestEnvironment({ env: { SALESFORCE_CACHE_TTL_SECONDS: '60' }, cache: store });
    env.fake.data.addCases([
      { accountId: env.accounts.acme, subject: 'Acme only' },
      { accountId: env.accounts.globex, subject: 'Globex only' },
    ]);
  });

  afterEach(async () => {
    await env.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  });

  afterAll(async () => {
    await redis.quit();
  });

  test('serves repeated reads', async () => {
    expect(await subjects(env)).toEqual(['Acme only']);
    const calls = env.source.stats().apiCalls;

    expect(await subjects(env)).toEqual(['Acme only']);
    expect(env.source.stats().apiCalls).toBe(calls);
    expect(env.source.stats().cache).toMatchObject({ hits: 1, errors: 0 });
  });

  test("never serves one Account's data to another", async () => {
    expect(await subjects(env, ACME)).toEqual(['Acme only']);
    expect(await subjects(env, GLOBEX)).toEqual(['Globex only']);
    expect(await subjects(env, ACME)).toEqual(['Acme only']);
    expect(await subjects(env, GLOBEX)).toEqual(['Globex only']);

    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect([env.accounts.acme, env.accounts.globex].some((accountId) => key.includes(accountId))).toBe(true);
    }
  });

  test('write invalidates every instance', async () => {
    // A second gateway instance: its own client and process state, the same org and Redis.
    const second = createSalesforceTicketSource({ config: env.config, directory: env.directory, logger: env.logs.logger, cache: store });

    expect(await subjects(env)).toEqual(['Acme only']);
    expect((await list({ source: second })).items).toHaveLength(1);
    expect(second.stats().cache?.hits).toBe(1);

    await env.source.createTicket(ACME, ALICE, { subject: 'Brand new', description: 'x', priority: 'LOW' });
    expect((await list({ source: second })).items.map((item) => item.node.subject)).toEqual(['Acme only', 'Brand new']);
  });

  test('write keeps other Accounts cached', async () => {
    await subjects(env, GLOBEX);
    await env.source.createTicket(ACME, ALICE, { subject: 'Brand new', description: 'x', priority: 'LOW' });

    const hits = env.source.stats().cache?.hits ?? 0;
    expect(await subjects(env, GLOBEX)).toEqual(['Globex only']);
    expect(env.source.stats().cache?.hits).toBe(hits + 1);
  });
});

describe('read cache failures', () => {
  test('Redis outage skips the cache', async () => {
    const unreachable = connectRedisCacheStore('redis://127.0.0.1:1');
    const env = await startTestEnvironment({ env: { SALESFORCE_CACHE_TTL_SECONDS: '60' }, cache: unreachable.store });
    try {
      env.fake.data.addCases([{ accountId: env.accounts.acme, subject: 'Still here' }]);
      expect(await subjects(env)).toEqual(['Still here']);
      expect(await subjects(env)).toEqual(['Still here']);
      expect(env.source.stats().cache?.errors).toBeGreaterThan(0);
      expect(env.logs.lines.filter((line) => line.msg.startsWith('Ticket cache'))).toHaveLength(1);
    } finally {
      await env.stop();
      await unreachable.close().catch(() => undefined);
    }
  });

  test('TTL 0 turns the cache off', async () => {
    const env = await startTestEnvironment({ cache: new MemoryCacheStore() });
    try {
      await subjects(env);
      await subjects(env);
      expect(env.source.stats().cache).toBeNull();
      expect(env.source.stats().apiCalls).toBe(3);
    } finally {
      await env.stop();
    }
  });
});

/** Waits up to a second for a store whose commands fail fast until its connection is up. */
async function waitUntilConnected(store: CacheStore): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const connected = await store.get('probe').then(
      () => true,
      () => false,
    );
    if (connected) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('openTicketCacheStore', () => {
  test('follows TTL and REDIS_URL', async () => {
    const base = { SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4100' };
    expect(openTicketCacheStore(loadSalesforceConfig(base))).toBeNull();

    const memory = openTicketCacheStore(loadSalesforceConfig({ ...base, SALESFORCE_CACHE_TTL_SECONDS: '30' }));
    expect(memory?.store).toBeInstanceOf(MemoryCacheStore);

    const redis = openTicketCacheStore(loadSalesforceConfig({ ...base, SALESFORCE_CACHE_TTL_SECONDS: '30', REDIS_URL: 'redis://127.0.0.1:6379' }));
    try {
      expect(redis?.store).toBeInstanceOf(RedisCacheStore);
      await waitUntilConnected(redis!.store);
      const key = `test:salesforce:${randomUUID()}`;
      await redis!.store.set(key, 'value', 5);
      expect(await redis!.store.get(key)).toBe('value');
    } finally {
      await redis?.close();
    }
  });
});

describe('MemoryCacheStore', () => {
  test('stores, expires and increments', async () => {
    const store = new MemoryCacheStore(2);
    await store.set('a', '1', 60);
    expect(await store.get('a')).toBe('1');
    expect(await store.increment('n', 60)).toBe(1);
    expect(await store.increment('n', 60)).toBe(2);
    expect(await store.get('a')).toBe('1');

    // The oldest entry makes room once the store is full.
    await store.set('b', '2', 60);
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBe('2');

    await store.set('gone', 'x', 0);
    expect(await store.get('gone')).toBeNull();
  });
});
