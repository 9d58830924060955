import { sql } from 'kysely';

import { openDatabase } from '../sql';
import { TEST_ENGINES, createTestDatabase, silentLogger, type TestDatabase } from '../sql/test/test-databases';
import { runWorkers } from '../test/workers';
import { createPortalStore } from './index';
import type { PortalStore } from './types';

const T0 = new Date('2026-11-30T10:00:00.000Z');
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

describe.each(TEST_ENGINES)('portal store on %s', (engine) => {
  let testDatabase: TestDatabase;
  let store: PortalStore;
  let clock: Date;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(engine);
    clock = T0;
    store = createPortalStore(testDatabase.database, { now: () => clock });
    await store.migrate();
  });

  afterAll(async () => {
    await testDatabase.drop();
  });

  test('migrate is idempotent', async () => {
    await store.migrate();
    const rows = await sql<{ name: string }>`SELECT name FROM portal_migrations`.execute(testDatabase.database.db);

    expect(rows.rows.map((row) => row.name)).toEqual(['0001_create_portal_tables']);
  });

  test('credentials are stored and found by lower-case e-mail', async () => {
    clock = T0;
    await store.credentials.upsert('Alice@Acme.example', 'hash-1');
    clock = minutes(5);
    await store.credentials.upsert('alice@acme.example', 'hash-2');

    expect(await store.credentials.findByEmail('ALICE@acme.EXAMPLE')).toEqual({
      email: 'alice@acme.example',
      passwordHash: 'hash-2',
      createdAt: T0,
      updatedAt: minutes(5),
    });
    expect(await store.credentials.findByEmail('nobody@acme.example')).toBeNull();
  });

  test('sessions are created, found, touched and deleted', async () => {
    await store.sessions.create({ tokenHash: 'h1', contactId: '7', createdAt: T0, lastSeenAt: T0, expiresAt: minutes(60) });
    await store.sessions.create({ tokenHash: 'h2', contactId: '8', email: 'Ken@Initech.example', createdAt: T0, lastSeenAt: T0, expiresAt: minutes(30) });

    await store.sessions.touch('h1', minutes(10));
    await store.sessions.touch('h2', minutes(11), minutes(90));

    expect(await store.sessions.findByTokenHash('h1')).toEqual({
      tokenHash: 'h1',
      contactId: '7',
      email: null,
      createdAt: T0,
      lastSeenAt: minutes(10),
      expiresAt: minutes(60),
    });
    expect(await store.sessions.findByTokenHash('h2')).toMatchObject({ email: 'ken@initech.example', lastSeenAt: minutes(11), expiresAt: minutes(90) });

    await store.sessions.delete('h2');
    expect(await store.sessions.findByTokenHash('h2')).toBeNull();
    expect(await store.sessions.findByTokenHash('unknown')).toBeNull();
  });

  test('deleteExpired removes sessions expiring at or before now', async () => {
    await store.sessions.create({ tokenHash: 'e1', contactId: '1', createdAt: T0, lastSeenAt: T0, expiresAt: minutes(100) });
    await store.sessions.create({ tokenHash: 'e2', contactId: '1', createdAt: T0, lastSeenAt: T0, expiresAt: minutes(101) });

    const deleted = await store.sessions.deleteExpired(minutes(100));

    expect(deleted).toBe(2);
    expect(await store.sessions.findByTokenHash('e1')).toBeNull();
    expect(await store.sessions.findByTokenHash('e2')).not.toBeNull();
  });

  test('sign-in failures are counted per key since a time', async () => {
    for (const at of [minutes(1), minutes(2), minutes(3)]) {
      await store.signInThrottle.recordFailure('email:alice@acme.example', at);
    }
    await store.signInThrottle.recordFailure('ip:127.0.0.1', minutes(2));

    expect(await store.signInThrottle.countFailuresSince('email:alice@acme.example', minutes(2))).toBe(2);
    expect(await store.signInThrottle.countFailuresSince('email:alice@acme.example', T0)).toBe(3);
    expect(await store.signInThrottle.countFailuresSince('ip:127.0.0.1', T0)).toBe(1);

    await store.signInThrottle.clear('email:alice@acme.example');
    expect(await store.signInThrottle.countFailuresSince('email:alice@acme.example', T0)).toBe(0);
    expect(await store.signInThrottle.deleteBefore(minutes(3))).toBe(1);
    expect(await store.signInThrottle.countFailuresSince('ip:127.0.0.1', T0)).toBe(0);
  });

  test('a sign-in failure is deleted by its id', async () => {
    const first = await store.signInThrottle.recordFailure('email:bob@globex.example', minutes(1));
    const second = await store.signInThrottle.recordFailure('email:bob@globex.example', minutes(1));
    expect(first).not.toBe(second);

    await store.signInThrottle.deleteFailure(first);
    expect(await store.signInThrottle.countFailuresSince('email:bob@globex.example', T0)).toBe(1);
    await expect(store.signInThrottle.deleteFailure('not an id')).rejects.toThrow('Invalid sign-in failure id "not an id"');
  });

  test('instants do not depend on the process time zone', async () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'Australia/Lord_Howe';
      await store.sessions.create({ tokenHash: 'tz', contactId: '1', createdAt: minutes(0.5), lastSeenAt: T0, expiresAt: T0 });
      process.env.TZ = 'America/Anchorage';
      expect((await store.sessions.findByTokenHash('tz'))?.createdAt.toISOString()).toBe('2026-11-30T10:00:30.000Z');
    } finally {
      process.env.TZ = previous;
    }
  });

  test('invalid dates are rejected before reaching the database', async () => {
    await expect(store.signInThrottle.recordFailure('k', new Date('nonsense'))).rejects.toThrow('Invalid failure time: expected a valid Date');
  });

  test('health check queries the store', async () => {
    await expect(store.health.check()).resolves.toBeUndefined();
    expect(store.health.name).toBe('portal-store');
  });
});

describe.each(TEST_ENGINES)('portal store migration with several processes on %s', (engine) => {
  test('applies each migration once', async () => {
    const testDatabase = await createTestDatabase(engine);
    try {
      if (engine === 'postgres') {
        const others = [testDatabase.openAnother(), testDatabase.openAnother()];
        await Promise.all([testDatabase.database, ...others].map((database) => createPortalStore(database).migrate()));
      } else {
        const task = { kind: 'migrate-portal' as const, url: testDatabase.url };
        expect(await runWorkers([task, task, task])).toEqual(['migrated', 'migrated', 'migrated']);
      }

      const rows = await sql<{ name: string }>`SELECT name FROM portal_migrations`.execute(testDatabase.database.db);
      expect(rows.rows).toHaveLength(1);
    } finally {
      await testDatabase.drop();
    }
  }, 60_000);
});

test('portal store rejects SQL Server', () => {
  const database = openDatabase({ url: 'mssql://portal:pw@127.0.0.1/portal', logger: silentLogger() });

  expect(() => createPortalStore(database)).toThrow('The portal store runs on SQLite or PostgreSQL only');
  return database.close();
});
