import type { Database } from '../sql';
import { migratePaymentStore } from './migrations';
import { PaymentStore, type NewPaymentAttempt } from './store';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from './test/databases';

const NOW = '2026-11-30T14:05:00.000Z';
const LATER = '2026-11-30T14:06:00.000Z';

function newAttempt(overrides: Partial<NewPaymentAttempt> = {}): NewPaymentAttempt {
  return {
    customerId: '7',
    contactId: '70',
    contactEmail: 'alice@acme.example',
    currency: 'USD',
    total: '0.3000',
    requestKey: 'a'.repeat(64),
    requestSequence: 0,
    expiresAt: '2026-11-30T15:05:00.000Z',
    lines: [
      { invoiceId: '101', invoiceNumber: 'INV-101', amount: '0.1000', balanceSeen: '0.1000' },
      { invoiceId: '102', invoiceNumber: 'INV-102', amount: '0.2000', balanceSeen: '99999999999.9999' },
    ],
    ...overrides,
  };
}

describe.each(TEST_ENGINES)('payment store on %s', (engine) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let store: PaymentStore;

  beforeEach(async () => {
    testDatabase = await createTestDatabase(engine, 'store');
    database = testDatabase.open();
    await migratePaymentStore(database);
    store = new PaymentStore(database);
  });

  afterEach(async () => {
    await testDatabase.close();
  });

  // Two SQLite connections in one process would block each other's thread
  // while one waits for the file lock, so on SQLite the second "process"
  // shares the connection; PostgreSQL gets a second pool.
  function secondConnection(): Database {
    return engine === 'postgres' ? testDatabase.open() : database;
  }

  it('migrates twice concurrently without changes', async () => {
    await Promise.all([migratePaymentStore(secondConnection()), migratePaymentStore(database)]);
    const tables = await database.db.introspection.getTables();
    const names = tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['payment_attempts', 'payment_attempt_lines', 'payment_webhook_events', 'payment_write_backs', 'payments_migrations']));
  });

  it('stores exact amounts and instants', async () => {
    const attempt = await store.insertAttempt(newAttempt(), NOW);
    const [lines] = await store.linesByAttemptIds([attempt.id]);

    expect(attempt).toMatchObject({
      id: expect.stringMatching(/^pay_[a-z2-7]{20}$/),
      state: 'CREATED',
      total: '0.3000',
      amountRefunded: '0.0000',
      idempotencyKey: `${'a'.repeat(64)}-0`,
      expiresAt: '2026-11-30T15:05:00.000Z',
      createdAt: NOW,
      succeededAt: null,
    });
    expect(lines?.map((line) => [line.lineNumber, line.invoiceNumber, line.amount, line.balanceSeen])).toEqual([
      [1, 'INV-101', '0.1000', '0.1000'],
      [2, 'INV-102', '0.2000', '99999999999.9999'],
    ]);
  });

  it('rejects a duplicate request sequence', async () => {
    await store.insertAttempt(newAttempt(), NOW);
    // better-sqlite3's error class comes from whichever test file loaded the
    // native module first, so the check uses the driver's error code, not instanceof.
    const duplicate = await store.insertAttempt(newAttempt(), NOW).then(
      () => null,
      (error: unknown) => error as { code?: string },
    );
    expect(duplicate?.code).toBe(engine === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505');
    await expect(store.insertAttempt(newAttempt({ requestSequence: 1 }), NOW)).resolves.toMatchObject({ requestSequence: 1 });
  });

  it('moves states only along allowed transitions', async () => {
    const attempt = await store.insertAttempt(newAttempt(), NOW);

    expect(await store.transition(attempt.id, 'OPEN', { checkoutSessionId: 'cs_1', checkoutUrl: 'http://x/1' }, LATER)).toBe(true);
    expect(await store.transition(attempt.id, 'OPEN', { checkoutSessionId: 'cs_2' }, LATER)).toBe(false);
    expect(await store.transition(attempt.id, 'SUCCEEDED', { paymentIntentId: 'pi_1', succeededAt: LATER }, LATER)).toBe(true);
    expect(await store.transition(attempt.id, 'EXPIRED', {}, LATER)).toBe(false);
    expect(await store.transition(attempt.id, 'FAILED', {}, LATER)).toBe(false);

    const stored = await store.attemptById(attempt.id);
    expect(stored).toMatchObject({ state: 'SUCCEEDED', checkoutSessionId: 'cs_1', paymentIntentId: 'pi_1', succeededAt: LATER, updatedAt: LATER });
    expect(await store.attemptBySessionId('cs_1')).toMatchObject({ id: attempt.id });
    expect(await store.attemptByPaymentIntentId('pi_1')).toMatchObject({ id: attempt.id });
  });

  it('records an event id once', async () => {
    expect(await store.insertEvent('evt_1', 'checkout.session.completed', NOW)).toBe(true);
    expect(await store.insertEvent('evt_1', 'checkout.session.completed', LATER)).toBe(false);
    await store.setEventOutcome('evt_1', 'pay_x', 'SUCCEEDED');
    expect(await store.eventOutcome('evt_1')).toEqual({ attemptId: 'pay_x', outcome: 'SUCCEEDED' });
  });

  it('lists held lines per customer', async () => {
    const open = await store.insertAttempt(newAttempt(), NOW);
    const expired = await store.insertAttempt(newAttempt({ requestSequence: 1 }), NOW);
    await store.insertAttempt(newAttempt({ customerId: '8', requestSequence: 2 }), NOW);
    await store.transition(expired.id, 'EXPIRED', {}, NOW);

    const held = await store.heldLines('7', ['101']);
    expect(held.map((line) => [line.attempt.id, line.invoiceId, line.amount])).toEqual([[open.id, '101', '0.1000']]);
    expect(await store.heldLines('7', [])).toEqual([]);
  });

  it('pages a customer\'s attempts newest first', async () => {
    const first = await store.insertAttempt(newAttempt(), '2026-11-30T10:00:00.000Z');
    const second = await store.insertAttempt(newAttempt({ requestSequence: 1 }), '2026-11-30T11:00:00.000Z');

    const page = await store.attemptsByCustomer('7', { limit: 1 });
    expect(page.map((attempt) => attempt.id)).toEqual([second.id]);
    const next = await store.attemptsByCustomer('7', { limit: 5, before: { createdAt: second.createdAt, id: second.id } });
    expect(next.map((attempt) => attempt.id)).toEqual([first.id]);
  });

  it('lists recent held lines of a customer', async () => {
    const open = await store.insertAttempt(newAttempt(), NOW);
    const recent = await store.insertAttempt(newAttempt({ requestSequence: 1 }), NOW);
    const old = await store.insertAttempt(newAttempt({ requestSequence: 2 }), NOW);
    await store.insertAttempt(newAttempt({ customerId: '8', requestSequence: 3 }), NOW);
    await store.transition(recent.id, 'SUCCEEDED', { paymentIntentId: 'pi_recent', succeededAt: LATER }, LATER);
    await store.transition(old.id, 'SUCCEEDED', { paymentIntentId: 'pi_old', succeededAt: '2026-08-01T00:00:00.000Z' }, LATER);

    const held = await store.heldLinesOfCustomer('7', NOW);
    const attemptIds = new Set(held.map((line) => line.attempt.id));
    expect(attemptIds).toEqual(new Set([open.id, recent.id]));
    expect(held).toHaveLength(4);
  });

  it('counts and reads attempts by id', async () => {
    const first = await store.insertAttempt(newAttempt(), NOW);
    const second = await store.insertAttempt(newAttempt({ requestSequence: 1 }), NOW);
    await store.insertAttempt(newAttempt({ customerId: '8', requestSequence: 2 }), NOW);

    expect(await store.countAttemptsByCustomer('7')).toBe(2);
    expect(await store.countAttemptsByCustomer('9')).toBe(0);
    const found = await store.attemptsById([second.id, 'pay_missing', first.id]);
    expect(found.map((attempt) => attempt?.id ?? null)).toEqual([second.id, null, first.id]);
    expect(await store.attemptsById([])).toEqual([]);
  });

  describe('write-back outbox', () => {
    async function succeededAttempt(sequence: number): Promise<string> {
      const attempt = await store.insertAttempt(newAttempt({ requestSequence: sequence }), NOW);
      await store.enqueueWriteBack(attempt.id, NOW);
      await store.enqueueWriteBack(attempt.id, NOW);
      return attempt.id;
    }

    it('claims a write-back once', async () => {
      const id = await succeededAttempt(0);

      const first = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, NOW));
      const second = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, NOW));

      expect(first.map((claim) => [claim.attemptId, claim.tries])).toEqual([[id, 1]]);
      expect(second).toEqual([]);
    });

    it('reclaims after the lease expires', async () => {
      const id = await succeededAttempt(0);
      const stale = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, NOW));

      const fresh = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, '2026-11-30T14:06:00.001Z'));
      expect(fresh.map((claim) => [claim.attemptId, claim.tries])).toEqual([[id, 2]]);

      // The first worker lost its lease and cannot finish the row.
      expect(await store.completeWriteBack(stale[0]!, LATER)).toBe(false);
      expect(await store.completeWriteBack(fresh[0]!, LATER)).toBe(true);
      expect(await store.writeBack(id)).toMatchObject({ state: 'DONE', tries: 2, completedAt: LATER });
    });

    it('delays a failed write-back until its retry time', async () => {
      const id = await succeededAttempt(0);
      const [claim] = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, NOW));
      await store.failWriteBack(claim!, 'ERP unreachable', '2026-11-30T14:10:00.000Z');

      expect(await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, '2026-11-30T14:09:59.999Z'))).toEqual([]);
      const retried = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, '2026-11-30T14:10:00.000Z'));
      expect(retried.map((item) => item.attemptId)).toEqual([id]);
      expect(await store.writeBack(id)).toMatchObject({ state: 'PENDING', lastError: 'ERP unreachable' });
    });

    it('gives concurrent workers disjoint rows', async () => {
      const ids = await Promise.all([0, 1, 2, 3, 4, 5].map((sequence) => succeededAttempt(sequence)));
      const other = new PaymentStore(secondConnection());

      const [a, b] = await Promise.all([
        store.transaction((queries) => queries.claimWriteBacks(4, 60_000, NOW)),
        other.transaction((queries) => queries.claimWriteBacks(4, 60_000, NOW)),
      ]);

      const claimed = [...a, ...b].map((claim) => claim.attemptId);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual([...ids].sort());
    });

    it('cancels only a pending write-back', async () => {
      const id = await succeededAttempt(0);
      expect(await store.cancelWriteBack(id, 'refunded', NOW)).toBe(true);
      expect(await store.cancelWriteBack(id, 'refunded', NOW)).toBe(false);
      expect(await store.writeBack(id)).toMatchObject({ state: 'CANCELLED' });
    });
  });
});
