/**
 * Repository of payment attempts, their invoice lines, applied webhook
 * events and the ERP write-back outbox, in the portal's own database.
 *
 * Every rule that must hold across gateway processes is kept by the database:
 * - attempts of one customer are created one at a time, under a row lock on
 *   `payment_customer_locks` taken by the first statement of the transaction;
 * - a state change is an UPDATE guarded by the allowed source states, so two
 *   events racing for one attempt cannot both apply;
 * - an event id is inserted once (primary key), in the same transaction as
 *   its effect;
 * - an attempt has at most one write-back row (primary key), claimed by one
 *   worker at a time through a lease.
 */
import { randomBytes } from 'node:crypto';

import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';

import type { CurrencyCode, DecimalString, IsoDateTime } from '../domain';
import type { Database, EngineAdapter } from '../sql';
import type { PaymentsDatabase, WriteBackState } from './schema';
import { storeEngine } from './migrations';
import { sourceStates, type PaymentState } from './states';

export interface PaymentAttempt {
  id: string;
  customerId: string;
  contactId: string;
  contactEmail: string | null;
  currency: CurrencyCode;
  total: DecimalString;
  state: PaymentState;
  requestKey: string;
  requestSequence: number;
  idempotencyKey: string;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  paymentIntentId: string | null;
  expiresAt: IsoDateTime;
  amountRefunded: DecimalString;
  failureReason: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  succeededAt: IsoDateTime | null;
}

export interface PaymentAttemptLine {
  attemptId: string;
  lineNumber: number;
  invoiceId: string;
  invoiceNumber: string;
  amount: DecimalString;
  balanceSeen: DecimalString;
}

export interface NewPaymentAttempt {
  customerId: string;
  contactId: string;
  contactEmail: string | null;
  currency: CurrencyCode;
  total: DecimalString;
  requestKey: string;
  requestSequence: number;
  expiresAt: IsoDateTime;
  lines: readonly Omit<PaymentAttemptLine, 'attemptId' | 'lineNumber'>[];
}

/** A line of an attempt that may still hold an invoice amount, with its attempt. */
export interface HeldLine extends PaymentAttemptLine {
  attempt: PaymentAttempt;
}

/** Fields written together with a state change; absent fields keep their value. */
export interface AttemptChanges {
  checkoutSessionId?: string;
  checkoutUrl?: string | null;
  paymentIntentId?: string;
  succeededAt?: IsoDateTime;
  failureReason?: string | null;
  amountRefunded?: DecimalString;
}

export interface ClaimedWriteBack {
  attemptId: string;
  leaseToken: string;
  /** Claims so far, this one included. */
  tries: number;
}

export interface WriteBackRecord {
  attemptId: string;
  state: WriteBackState;
  tries: number;
  nextAttemptAt: IsoDateTime;
  lastError: string | null;
  completedAt: IsoDateTime | null;
}

type Executor = Kysely<PaymentsDatabase> | Transaction<PaymentsDatabase>;

/** Queries bound to the database or to one transaction. */
export class PaymentQueries {
  constructor(
    protected readonly executor: Executor,
    protected readonly adapter: EngineAdapter,
  ) {}

  // Attempts

  async attemptById(id: string): Promise<PaymentAttempt | null> {
    const row = await this.selectAttempts().where('a.id', '=', id).executeTakeFirst();
    return row === undefined ? null : this.toAttempt(row);
  }

  /**
   * Reads an attempt and, on PostgreSQL, locks its row until the transaction
   * ends. On SQLite the transaction already holds the database's write lock.
   */
  async lockAttempt(id: string): Promise<PaymentAttempt | null> {
    let query = this.selectAttempts().where('a.id', '=', id);
    if (this.adapter.engine === 'postgres') {
      query = query.forUpdate();
    }
    const row = await query.executeTakeFirst();
    return row === undefined ? null : this.toAttempt(row);
  }

  async attemptBySessionId(sessionId: string): Promise<PaymentAttempt | null> {
    const row = await this.selectAttempts().where('a.checkout_session_id', '=', sessionId).executeTakeFirst();
    return row === undefined ? null : this.toAttempt(row);
  }

  async attemptByPaymentIntentId(paymentIntentId: string): Promise<PaymentAttempt | null> {
    const row = await this.selectAttempts().where('a.payment_intent_id', '=', paymentIntentId).executeTakeFirst();
    return row === undefined ? null : this.toAttempt(row);
  }

  /** Attempts created for one request key, oldest first. */
  async attemptsByRequestKey(customerId: string, requestKey: string): Promise<PaymentAttempt[]> {
    const rows = await this.selectAttempts()
      .where('a.customer_id', '=', customerId)
      .where('a.request_key', '=', requestKey)
      .orderBy('a.request_sequence')
      .execute();
    return rows.map((row) => this.toAttempt(row));
  }

  /** A customer's attempts, newest first; `before` is the `createdAt` and `id` of the last attempt of the previous page. */
  async attemptsByCustomer(
    customerId: string,
    options: { limit: number; states?: readonly PaymentState[]; before?: { createdAt: IsoDateTime; id: string } },
  ): Promise<PaymentAttempt[]> {
    let query = this.selectAttempts().where('a.customer_id', '=', customerId);
    if (options.states !== undefined && options.states.length > 0) {
      query = query.where('a.state', 'in', [...options.states]);
    }
    if (options.before !== undefined) {
      const createdAt = this.adapter.instantParameter(options.before.createdAt);
      const beforeId = options.before.id;
      query = query.where((eb) =>
        eb.or([eb('a.created_at', '<', createdAt), eb.and([eb('a.created_at', '=', createdAt), eb('a.id', '<', beforeId)])]),
      );
    }
    const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(options.limit).execute();
    return rows.map((row) => this.toAttempt(row));
  }

  /** Counts a customer's attempts, all states. */
  async countAttemptsByCustomer(customerId: string): Promise<number> {
    const row = await this.executor
      .selectFrom('payment_attempts')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return this.adapter.readInteger(row.count);
  }

  /** Attempts by id, in key order, with null for an id that has none. */
  async attemptsById(ids: readonly string[]): Promise<(PaymentAttempt | null)[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.selectAttempts().where('a.id', 'in', [...ids]).execute();
    const byId = new Map(rows.map((row) => [row.id, this.toAttempt(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Lines of the given attempts, in attempt order and line order; `[]` for an attempt without lines. */
  async linesByAttemptIds(attemptIds: readonly string[]): Promise<PaymentAttemptLine[][]> {
    if (attemptIds.length === 0) {
      return [];
    }
    const rows = await this.selectLines().where('l.attempt_id', 'in', [...attemptIds]).orderBy('l.line_number').execute();
    const byAttempt = new Map<string, PaymentAttemptLine[]>();
    for (const row of rows) {
      const line = this.toLine(row);
      const list = byAttempt.get(line.attemptId) ?? [];
      list.push(line);
      byAttempt.set(line.attemptId, list);
    }
    return attemptIds.map((id) => byAttempt.get(id) ?? []);
  }

  /**
   * Lines for the given invoices of the customer's attempts that may hold an
   * invoice amount: CREATED, OPEN, PENDING_SETTLEMENT and SUCCEEDED.
   */
  async heldLines(customerId: string, invoiceIds: readonly string[]): Promise<HeldLine[]> {
    if (invoiceIds.length === 0) {
      return [];
    }
    const lineRows = await this.selectLines()
      .innerJoin('payment_attempts as a', 'a.id', 'l.attempt_id')
      .where('a.customer_id', '=', customerId)
      .where('a.state', 'in', ['CREATED', 'OPEN', 'PENDING_SETTLEMENT', 'SUCCEEDED'])
      .where('l.invoice_id', 'in', [...invoiceIds])
      .orderBy('l.attempt_id')
      .orderBy('l.line_number')
      .execute();
    if (lineRows.length === 0) {
      return [];
    }

    return this.withAttempts(lineRows);
  }

  /**
   * Lines of all the customer's attempts that are CREATED, OPEN or
   * PENDING_SETTLEMENT, and of SUCCEEDED attempts that succeeded at or after
   * `succeededSince`. The cut-off bounds a customer-wide read, because
   * SUCCEEDED attempts stay SUCCEEDED forever.
   */
  async heldLinesOfCustomer(customerId: string, succeededSince: IsoDateTime): Promise<HeldLine[]> {
    const since = this.adapter.instantParameter(succeededSince);
    const lineRows = await this.selectLines()
      .innerJoin('payment_attempts as a', 'a.id', 'l.attempt_id')
      .where('a.customer_id', '=', customerId)
      .where((eb) =>
        eb.or([
          eb('a.state', 'in', ['CREATED', 'OPEN', 'PENDING_SETTLEMENT']),
          eb.and([eb('a.state', '=', 'SUCCEEDED'), eb('a.succeeded_at', '>=', since)]),
        ]),
      )
      .orderBy('l.attempt_id')
      .orderBy('l.line_number')
      .execute();
    return this.withAttempts(lineRows);
  }

  /** Adds each line's attempt, read with one more statement. */
  private async withAttempts(lineRows: readonly LineRow[]): Promise<HeldLine[]> {
    if (lineRows.length === 0) {
      return [];
    }
    const attemptIds = [...new Set(lineRows.map((row) => row.attempt_id))];
    const attemptRows = await this.selectAttempts().where('a.id', 'in', attemptIds).execute();
    const attempts = new Map(attemptRows.map((row) => [row.id, this.toAttempt(row)]));
    return lineRows.map((row) => ({ ...this.toLine(row), attempt: attempts.get(row.attempt_id) as PaymentAttempt }));
  }

  /** Inserts an attempt in state CREATED with its lines; the id is generated here. */
  async insertAttempt(attempt: NewPaymentAttempt, now: IsoDateTime): Promise<PaymentAttempt> {
    const id = newAttemptId();
    const idempotencyKey = `${attempt.requestKey}-${attempt.requestSequence}`;
    await this.executor
      .insertInto('payment_attempts')
      .values({
        id,
        customer_id: attempt.customerId,
        contact_id: attempt.contactId,
        contact_email: attempt.contactEmail,
        currency_code: attempt.currency,
        total_amount: this.adapter.decimalParameter(attempt.total),
        state: 'CREATED',
        request_key: attempt.requestKey,
        request_sequence: attempt.requestSequence,
        idempotency_key: idempotencyKey,
        checkout_session_id: null,
        checkout_url: null,
        payment_intent_id: null,
        expires_at: this.adapter.instantParameter(attempt.expiresAt),
        amount_refunded: this.adapter.decimalParameter('0'),
        failure_reason: null,
        created_at: this.adapter.instantParameter(now),
        updated_at: this.adapter.instantParameter(now),
        succeeded_at: null,
      })
      .execute();

    await this.executor
      .insertInto('payment_attempt_lines')
      .values(
        attempt.lines.map((line, index) => ({
          attempt_id: id,
          line_number: index + 1,
          invoice_id: line.invoiceId,
          invoice_number: line.invoiceNumber,
          amount: this.adapter.decimalParameter(line.amount),
          balance_seen: this.adapter.decimalParameter(line.balanceSeen),
        })),
      )
      .execute();

    const created = await this.attemptById(id);
    if (created === null) {
      throw new Error(`Payment attempt ${id} was not found right after it was inserted.`);
    }
    return created;
  }

  /**
   * Moves an attempt to `to` if its current state allows it, writing
   * `changes` in the same statement. `onlyFrom` narrows the allowed source
   * states further. Returns false when the state did not allow the move,
   * which leaves the row unchanged.
   */
  async transition(
    attemptId: string,
    to: PaymentState,
    changes: AttemptChanges,
    now: IsoDateTime,
    onlyFrom?: readonly PaymentState[],
  ): Promise<boolean> {
    const sources = sourceStates(to).filter((state) => onlyFrom === undefined || onlyFrom.includes(state));
    if (sources.length === 0) {
      return false;
    }
    const result = await this.executor
      .updateTable('payment_attempts')
      .set({ ...this.changeColumns(changes), state: to, updated_at: this.adapter.instantParameter(now) })
      .where('id', '=', attemptId)
      .where('state', 'in', [...sources])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Writes `changes` without changing the state. */
  async updateAttempt(attemptId: string, changes: AttemptChanges, now: IsoDateTime): Promise<void> {
    await this.executor
      .updateTable('payment_attempts')
      .set({ ...this.changeColumns(changes), updated_at: this.adapter.instantParameter(now) })
      .where('id', '=', attemptId)
      .execute();
  }

  /** Serialises attempt creation for one customer until the transaction ends (see the file comment). */
  async lockCustomer(customerId: string, now: IsoDateTime): Promise<void> {
    await this.executor
      .insertInto('payment_customer_locks')
      .values({ customer_id: customerId, locked_at: this.adapter.instantParameter(now) })
      .onConflict((conflict) => conflict.column('customer_id').doUpdateSet({ locked_at: this.adapter.instantParameter(now) }))
      .execute();
  }

  // Webhook events

  /** Records an event id; false when it was recorded before, in which case nothing was written. */
  async insertEvent(eventId: string, eventType: string, now: IsoDateTime): Promise<boolean> {
    const result = await this.executor
      .insertInto('payment_webhook_events')
      .values({ event_id: eventId, event_type: eventType, attempt_id: null, outcome: 'received', received_at: this.adapter.instantParameter(now) })
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async setEventOutcome(eventId: string, attemptId: string | null, outcome: string): Promise<void> {
    await this.executor
      .updateTable('payment_webhook_events')
      .set({ attempt_id: attemptId, outcome: outcome.slice(0, 200) })
      .where('event_id', '=', eventId)
      .execute();
  }

  async eventOutcome(eventId: string): Promise<{ attemptId: string | null; outcome: string } | null> {
    const row = await this.executor
      .selectFrom('payment_webhook_events')
      .select(['attempt_id', 'outcome'])
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row === undefined ? null : { attemptId: row.attempt_id, outcome: row.outcome };
  }

  // ERP write-back outbox

  /** Adds the attempt's write-back unless it already has one. */
  async enqueueWriteBack(attemptId: string, now: IsoDateTime): Promise<void> {
    await this.executor
      .insertInto('payment_write_backs')
      .values({
        attempt_id: attemptId,
        state: 'PENDING',
        tries: 0,
        next_attempt_at: this.adapter.instantParameter(now),
        lease_token: null,
        lease_expires_at: null,
        last_error: null,
        created_at: this.adapter.instantParameter(now),
        completed_at: null,
      })
      .onConflict((conflict) => conflict.column('attempt_id').doNothing())
      .execute();
  }

  async writeBack(attemptId: string): Promise<WriteBackRecord | null> {
    const row = await this.executor
      .selectFrom('payment_write_backs as w')
      .select((eb) => [
        'w.attempt_id',
        'w.state',
        'w.tries',
        'w.last_error',
        this.adapter.instantText(eb.ref('w.next_attempt_at')).as('next_attempt_at'),
        this.adapter.instantText(eb.ref('w.completed_at')).as('completed_at'),
      ])
      .where('w.attempt_id', '=', attemptId)
      .executeTakeFirst();
    if (row === undefined) {
      return null;
    }
    return {
      attemptId: row.attempt_id,
      state: row.state,
      tries: this.adapter.readInteger(row.tries),
      nextAttemptAt: this.adapter.readInstant(row.next_attempt_at),
      lastError: row.last_error,
      completedAt: row.completed_at === null ? null : this.adapter.readInstant(row.completed_at),
    };
  }

  /**
   * Claims up to `limit` due write-backs for `leaseMs`: PENDING rows whose
   * retry time has come and whose previous lease, if any, has run out.
   * Concurrent workers get disjoint rows: on PostgreSQL the candidate rows
   * are locked with SKIP LOCKED, on SQLite the transaction holds the write
   * lock. A worker that crashed leaves its rows to be claimed again once the
   * lease ends.
   */
  async claimWriteBacks(limit: number, leaseMs: number, now: IsoDateTime): Promise<ClaimedWriteBack[]> {
    const token = randomBytes(16).toString('hex');
    const nowValue = this.adapter.instantParameter(now);
    const leaseEnd = this.adapter.instantParameter(new Date(Date.parse(now) + leaseMs).toISOString());

    let candidates = this.executor
      .selectFrom('payment_write_backs')
      .select('attempt_id')
      .where('state', '=', 'PENDING')
      .where('next_attempt_at', '<=', nowValue)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', nowValue)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.adapter.engine === 'postgres') {
      candidates = candidates.forUpdate().skipLocked();
    }

    await this.executor
      .updateTable('payment_write_backs')
      .set((eb) => ({ lease_token: token, lease_expires_at: leaseEnd, tries: eb('tries', '+', 1) }))
      .where('attempt_id', 'in', candidates)
      .where('state', '=', 'PENDING')
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', nowValue)]))
      .execute();

    const rows = await this.executor.selectFrom('payment_write_backs').select(['attempt_id', 'tries']).where('lease_token', '=', token).execute();
    return rows.map((row) => ({ attemptId: row.attempt_id, leaseToken: token, tries: this.adapter.readInteger(row.tries) }));
  }

  /** Marks a claimed write-back DONE; false when the lease was lost to another worker. */
  async completeWriteBack(claim: ClaimedWriteBack, now: IsoDateTime): Promise<boolean> {
    const result = await this.executor
      .updateTable('payment_write_backs')
      .set({ state: 'DONE', completed_at: this.adapter.instantParameter(now), lease_token: null, lease_expires_at: null, last_error: null })
      .where('attempt_id', '=', claim.attemptId)
      .where('lease_token', '=', claim.leaseToken)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Releases a claimed write-back for another try at `retryAt`. */
  async failWriteBack(claim: ClaimedWriteBack, error: string, retryAt: IsoDateTime): Promise<void> {
    await this.executor
      .updateTable('payment_write_backs')
      .set({
        next_attempt_at: this.adapter.instantParameter(retryAt),
        lease_token: null,
        lease_expires_at: null,
        last_error: error.slice(0, 1000),
      })
      .where('attempt_id', '=', claim.attemptId)
      .where('lease_token', '=', claim.leaseToken)
      .execute();
  }

  /** Cancels a write-back that is still PENDING; returns false when it was already DONE or CANCELLED. */
  async cancelWriteBack(attemptId: string, reason: string, now: IsoDateTime): Promise<boolean> {
    const result = await this.executor
      .updateTable('payment_write_backs')
      .set({ state: 'CANCELLED', completed_at: this.adapter.instantParameter(now), lease_token: null, lease_expires_at: null, last_error: reason.slice(0, 1000) })
      .where('attempt_id', '=', attemptId)
      .where('state', '=', 'PENDING')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  // Row mapping

  private selectAttempts() {
    return this.executor.selectFrom('payment_attempts as a').select((eb) => [
      'a.id',
      'a.customer_id',
      'a.contact_id',
      'a.contact_email',
      'a.currency_code',
      this.adapter.decimalText(eb.ref('a.total_amount')).as('total_amount'),
      'a.state',
      'a.request_key',
      'a.request_sequence',
      'a.idempotency_key',
      'a.checkout_session_id',
      'a.checkout_url',
      'a.payment_intent_id',
      this.adapter.instantText(eb.ref('a.expires_at')).as('expires_at'),
      this.adapter.decimalText(eb.ref('a.amount_refunded')).as('amount_refunded'),
      'a.failure_reason',
      this.adapter.instantText(eb.ref('a.created_at')).as('created_at'),
      this.adapter.instantText(eb.ref('a.updated_at')).as('updated_at'),
      this.adapter.instantText(eb.ref('a.succeeded_at')).as('succeeded_at'),
    ]);
  }

  private selectLines() {
    return this.executor.selectFrom('payment_attempt_lines as l').select((eb) => [
      'l.attempt_id',
      'l.line_number',
      'l.invoice_id',
      'l.invoice_number',
      this.adapter.decimalText(eb.ref('l.amount')).as('amount'),
      this.adapter.decimalText(eb.ref('l.balance_seen')).as('balance_seen'),
    ]);
  }

  private toAttempt(row: AttemptRow): PaymentAttempt {
    return {
      id: row.id,
      customerId: row.customer_id,
      contactId: row.contact_id,
      contactEmail: row.contact_email,
      currency: row.currency_code.trim(),
      total: this.adapter.readDecimal(row.total_amount),
      state: row.state,
      requestKey: row.request_key,
      requestSequence: this.adapter.readInteger(row.request_sequence),
      idempotencyKey: row.idempotency_key,
      checkoutSessionId: row.checkout_session_id,
      checkoutUrl: row.checkout_url,
      paymentIntentId: row.payment_intent_id,
      expiresAt: this.adapter.readInstant(row.expires_at),
      amountRefunded: this.adapter.readDecimal(row.amount_refunded),
      failureReason: row.failure_reason,
      createdAt: this.adapter.readInstant(row.created_at),
      updatedAt: this.adapter.readInstant(row.updated_at),
      succeededAt: row.succeeded_at === null ? null : this.adapter.readInstant(row.succeeded_at),
    };
  }

  private toLine(row: LineRow): PaymentAttemptLine {
    return {
      attemptId: row.attempt_id,
      lineNumber: this.adapter.readInteger(row.line_number),
      invoiceId: row.invoice_id,
      invoiceNumber: row.invoice_number,
      amount: this.adapter.readDecimal(row.amount),
      balanceSeen: this.adapter.readDecimal(row.balance_seen),
    };
  }

  private changeColumns(changes: AttemptChanges): Record<string, unknown> {
    const columns: Record<string, unknown> = {};
    if (changes.checkoutSessionId !== undefined) {
      columns['checkout_session_id'] = changes.checkoutSessionId;
    }
    if (changes.checkoutUrl !== undefined) {
      columns['checkout_url'] = changes.checkoutUrl;
    }
    if (changes.paymentIntentId !== undefined) {
      columns['payment_intent_id'] = changes.paymentIntentId;
    }
    if (changes.succeededAt !== undefined) {
      columns['succeeded_at'] = this.adapter.instantParameter(changes.succeededAt);
    }
    if (changes.failureReason !== undefined) {
      columns['failure_reason'] = changes.failureReason === null ? null : changes.failureReason.slice(0, 1000);
    }
    if (changes.amountRefunded !== undefined) {
      columns['amount_refunded'] = this.adapter.decimalParameter(changes.amountRefunded);
    }
    return columns;
  }
}

type AttemptQuery = ReturnType<PaymentQueries['selectAttempts']>;
type AttemptRow = AttemptQuery extends SelectQueryBuilder<any, any, infer O> ? O : never;
type LineQuery = ReturnType<PaymentQueries['selectLines']>;
type LineRow = LineQuery extends SelectQueryBuilder<any, any, infer O> ? O : never;

/** The payment records of one portal database. */
export class PaymentStore extends PaymentQueries {
  private readonly db: Kysely<PaymentsDatabase>;

  constructor(database: Database) {
    storeEngine(database.engine);
    const db = database.db as Kysely<PaymentsDatabase>;
    super(db, database.adapter);
    this.db = db;
  }

  /** Runs `work` in one transaction; everything it writes commits or rolls back together. */
  transaction<T>(work: (queries: PaymentQueries) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new PaymentQueries(trx, this.adapter)));
  }

  /** Runs `work` in a transaction that first takes the customer's lock row (see `lockCustomer`). */
  withCustomerLock<T>(customerId: string, now: IsoDateTime, work: (queries: PaymentQueries) => Promise<T>): Promise<T> {
    return this.transaction(async (queries) => {
      await queries.lockCustomer(customerId, now);
      return work(queries);
    });
  }
}

/** "pay_" followed by 20 lowercase base32 characters (100 random bits). */
function newAttemptId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let id = 'pay_';
  for (const byte of randomBytes(20)) {
    id += alphabet[byte % 32];
  }
  return id;
}
