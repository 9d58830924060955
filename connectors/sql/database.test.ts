import { Writable } from 'node:stream';

import { sql, type Kysely } from 'kysely';
import pino from 'pino';

import { openDatabase } from './database';
import type { Database } from './engine';
import { ERP_TEST_ENGINES, POSTGRES_ADMIN_URL, createTestDatabase, silentLogger, type TestDatabase } from './test/test-databases';

/** Creates a pino logger at debug level that collects its records as objects. */
function capturingLogger() {
  const records: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter((text) => text.trim() !== '')) {
        records.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), records };
}

/** Creates a table with one column of each kind, typed per engine as the ERP contract does. */
async function createValueTable(database: Database): Promise<void> {
  const types = {
    sqlite: { id: sql`integer`, decimal: sql`integer`, date: sql`text`, instant: sql`text`, boolean: sql`integer` },
    postgres: { id: sql`bigint`, decimal: sql`numeric(19, 4)`, date: sql`date`, instant: sql`timestamp(6)`, boolean: sql`boolean` },
    mssql: { id: sql`bigint`, decimal: sql`decimal(19, 4)`, date: sql`date`, instant: sql`datetime2(6)`, boolean: sql`bit` },
  }[database.engine];
  await database.db.schema
    .createTable('value_test')
    .addColumn('id', types.id, (c) => c.primaryKey())
    .addColumn('amount', types.decimal)
    .addColumn('day', types.date)
    .addColumn('moment', types.instant)
    .addColumn('flag', types.boolean)
    .addColumn('label', 'varchar(100)')
    .execute();
}

describe.each(ERP_TEST_ENGINES)('engine adapter on %s', (engine) => {
  let testDatabase: TestDatabase;
  let db: Kysely<any>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(engine);
    db = testDatabase.database.db;
    const { adapter } = testDatabase.database;
    await createValueTable(testDatabase.database);

    const rows: [string, string, string, string, boolean, string][] = [
      ['9007199254740993', '12345678901234.5678', '2026-11-30', '2026-11-30T14:05:00.123Z', true, '100% sure'],
      ['2', '490560.0000', '0001-01-01', '1970-01-01T00:00:00.000Z', false, 'under_score'],
      ['3', '-0.0001', '2024-02-29', '2026-03-29T01:30:00.999Z', true, 'bang!'],
      ['4', '0', '9999-12-31', '2026-10-25T00:59:59.000Z', false, 'UPPER case'],
    ];
    await db
      .insertInto('value_test')
      .values(
        rows.map(([id, amount, day, moment, flag, label]) => ({
          id: adapter.idParameter(id),
          amount: adapter.decimalParameter(amount),
          day: adapter.dateParameter(day),
          moment: adapter.instantParameter(moment),
          flag: adapter.booleanParameter(flag),
          label,
        })),
      )
      .execute();
  });

  afterAll(async () => {
    await testDatabase.drop();
  });

  async function readValues(where?: (adapter: Database['adapter']) => ReturnType<typeof sql>) {
    const { adapter } = testDatabase.database;
    let query = db
      .selectFrom('value_test')
      .select([
        'id',
        adapter.decimalText('amount').as('amount'),
        adapter.dateText('day').as('day'),
        adapter.instantText('moment').as('moment'),
        'flag',
        'label',
      ])
      .orderBy('id');
    if (where !== undefined) {
      query = query.where(where(adapter) as never);
    }
    const rows = await query.execute();
    return rows.map((row) => ({
      id: adapter.readId(row.id),
      amount: adapter.readDecimal(row.amount),
      day: adapter.readDate(row.day),
      moment: adapter.readInstant(row.moment),
      flag: adapter.readBoolean(row.flag),
      label: row.label as string,
    }));
  }

  test('values round-trip exactly in any process time zone', async () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'Europe/Berlin']) {
        process.env.TZ = zone;
        expect([zone, await readValues()]).toEqual([
          zone,
          [
            { id: '2', amount: '490560.0000', day: '0001-01-01', moment: '1970-01-01T00:00:00.000Z', flag: false, label: 'under_score' },
            { id: '3', amount: '-0.0001', day: '2024-02-29', moment: '2026-03-29T01:30:00.999Z', flag: true, label: 'bang!' },
            { id: '4', amount: '0.0000', day: '9999-12-31', moment: '2026-10-25T00:59:59.000Z', flag: false, label: 'UPPER case' },
            { id: '9007199254740993', amount: '12345678901234.5678', day: '2026-11-30', moment: '2026-11-30T14:05:00.123Z', flag: true, label: '100% sure' },
          ],
        ]);
      }
    } finally {
      process.env.TZ = previous;
    }
  });

  test('decimal comparisons are exact at the last digit', async () => {
    const above = await readValues((adapter) => sql`amount > ${adapter.decimalValue('12345678901234.5677')}`);
    const equal = await readValues((adapter) => sql`amount = ${adapter.decimalValue('-0.0001')}`);

    expect(above.map((row) => row.id)).toEqual(['9007199254740993']);
    expect(equal.map((row) => row.id)).toEqual(['3']);
  });

  test('date and instant comparisons use the bound values', async () => {
    const days = await readValues((adapter) => sql`day >= ${adapter.dateParameter('2024-02-29')}`);
    const moments = await readValues((adapter) => sql`moment < ${adapter.instantParameter('2026-03-29T01:30:00.999Z')}`);

    expect(days.map((row) => row.id)).toEqual(['3', '4', '9007199254740993']);
    expect(moments.map((row) => row.id)).toEqual(['2']);
  });

  test.each([
    ['%', ['9007199254740993']],
    ['_', ['2']],
    ['!', ['3']],
    ['upper CASE', ['4']],
    ['', ['2', '3', '4', '9007199254740993']],
  ])('containsText %j matches literally and ignores case', async (text, ids) => {
    const rows = await readValues((adapter) => adapter.containsText('label', text));

    expect(rows.map((row) => row.id)).toEqual(ids);
  });

  test('boolean parameters select by flag', async () => {
    const rows = await readValues((adapter) => sql`flag = ${adapter.booleanParameter(true)}`);

    expect(rows.map((row) => row.id)).toEqual(['3', '9007199254740993']);
  });

  test('aggregates of decimals stay exact', async () => {
    const { adapter } = testDatabase.database;
    const row = await db
      .selectFrom('value_test')
      .select([adapter.decimalText(sql`SUM(amount)`).as('total'), sql`COUNT(*)`.as('count')])
      .executeTakeFirstOrThrow();

    expect(adapter.readDecimal(row.total)).toBe('12345679391794.5677');
    expect(adapter.readInteger(row.count)).toBe(4);
  });
});

describe('PostgreSQL type parsing', () => {
  let database: Database;

  beforeAll(() => {
    database = openDatabase({ url: POSTGRES_ADMIN_URL, logger: silentLogger(), poolMax: 1 });
  });

  afterAll(async () => {
    await database.close();
  });

  test('dates and timestamps do not depend on the process time zone', async () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['Asia/Kolkata', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        const result = await sql<Record<string, unknown>>`
          SELECT DATE '2026-11-30' AS day,
                 TIMESTAMP '2026-11-30 23:30:00.5' AS local_time,
                 TIMESTAMP '2026-11-30 23:30:00.123456' AS micro_time,
                 TIMESTAMPTZ '2026-11-30 23:30:00+05:30' AS zoned_time,
                 CAST('12345678901234.5678' AS NUMERIC(19, 4)) AS amount,
                 CAST(9007199254740993 AS BIGINT) AS big_id`.execute(database.db);

        expect([zone, result.rows[0]]).toEqual([
          zone,
          {
            day: '2026-11-30',
            local_time: '2026-11-30T23:30:00.500Z',
            micro_time: '2026-11-30T23:30:00.123456Z',
            zoned_time: '2026-11-30T18:00:00.000Z',
            amount: '12345678901234.5678',
            big_id: '9007199254740993',
          },
        ]);
      }
    } finally {
      process.env.TZ = previous;
    }
  });
});

describe('SQLite connection settings', () => {
  test('uses WAL, foreign keys and no blocking busy timeout', async () => {
    const testDatabase = await createTestDatabase('sqlite');
    try {
      const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(testDatabase.database.db)).rows[0];

      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1n });
      // The driver waits for locks itself, between statements, so SQLite must not wait on the event loop.
      expect(await pragma('busy_timeout')).toEqual({ timeout: 0n });
    } finally {
      await testDatabase.drop();
    }
  });

  test('a write waits for a lock while reads and timers go on', async () => {
    const testDatabase = await createTestDatabase('sqlite');
    const other = testDatabase.openAnother();
    try {
      const { db } = testDatabase.database;
      await sql`CREATE TABLE lock_test (id integer PRIMARY KEY, label text)`.execute(db);

      // The other connection, as another process would, takes the write lock and keeps it.
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked = (): void => undefined;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = other.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO lock_test (label) VALUES ('holder')`.execute(trx);
        locked();
        await released;
      });
      await lockTaken;

      const write = sql`INSERT INTO lock_test (label) VALUES ('waiter')`.execute(db).then(() => Date.now());
      const readAt = await sql`SELECT COUNT(*) AS n FROM lock_test`.execute(db).then(() => Date.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const releasedAt = Date.now();
      release();
      await holder;
      const writtenAt = await write;

      expect(readAt).toBeLessThan(releasedAt);
      expect(writtenAt).toBeGreaterThanOrEqual(releasedAt);
      const rows = await sql<{ label: string }>`SELECT label FROM lock_test ORDER BY id`.execute(db);
      expect(rows.rows.map((row) => row.label)).toEqual(['holder', 'waiter']);
    } finally {
      await other.close();
      await testDatabase.drop();
    }
  });
});

describe('statement logging', () => {
  test('logs statements at debug level with duration and without parameters', async () => {
    const { logger, records } = capturingLogger();
    const events: { sql: string; parameters: readonly unknown[]; failed: boolean }[] = [];
    const database = openDatabase({ url: 'sqlite::memory:', logger, onQuery: (event) => events.push(event) });
    try {
      await sql`SELECT ${'alice@acme.example'} AS email`.execute(database.db);
      // toMatchObject, because Jest's toThrow does not recognise SQLite errors once
      // another test file in the same worker has loaded the native driver.
      await expect(sql`SELECT * FROM missing_table WHERE email = ${'bob@globex.example'}`.execute(database.db)).rejects.toMatchObject({
        message: 'no such table: missing_table',
      });
    } finally {
      await database.close();
    }

    const executed = records.find((record) => record.msg === 'SQL statement executed');
    const failed = records.find((record) => record.msg === 'SQL statement failed');
    expect(executed).toMatchObject({ level: 20, engine: 'sqlite', sql: 'SELECT ? AS email' });
    expect(typeof executed?.durationMs).toBe('number');
    expect(failed).toMatchObject({ level: 50, engine: 'sqlite', err: { message: 'no such table: missing_table' } });
    expect(JSON.stringify(records)).not.toContain('alice@acme.example');
    expect(JSON.stringify(records)).not.toContain('bob@globex.example');
    expect(events.map((event) => [event.parameters, event.failed])).toEqual([
      [['alice@acme.example'], false],
      [['bob@globex.example'], true],
    ]);
  });

  test('a throwing onQuery callback does not fail the statement', async () => {
    const { logger, records } = capturingLogger();
    const database = openDatabase({
      url: 'sqlite::memory:',
      logger,
      onQuery: () => {
        throw new Error('observer broke');
      },
    });
    try {
      const result = await sql<{ one: bigint }>`SELECT 1 AS one`.execute(database.db);
      expect(result.rows).toEqual([{ one: 1n }]);
    } finally {
      await database.close();
    }
    expect(records.some((record) => record.level === 40 && String(record.msg).startsWith('onQuery callback threw'))).toBe(true);
  });

  test('log lines show the URL without its password', async () => {
    const { logger, records } = capturingLogger();
    const database = openDatabase({ url: POSTGRES_ADMIN_URL.replace('postgres@', 'postgres:hunter2@'), logger });
    await database.close();

    expect(records.map((record) => record.msg)).toEqual(['Database opened', 'Database closed']);
    expect(JSON.stringify(records)).not.toContain('hunter2');
    expect(String(records[0]?.database)).toContain(':***@');
  });
});

describe('SQL Server dialect', () => {
  test('builds queries without connecting', async () => {
    const database = openDatabase({ url: 'mssql://portal:secret@127.0.0.1:1433/rover_erp?encrypt=false', logger: silentLogger() });
    try {
      const { adapter } = database;
      const query = adapter.limit(
        database.db
          .selectFrom('erp_invoices')
          .select([
            adapter.decimalText('amount').as('amount'),
            adapter.dateText('due_date').as('due_date'),
            adapter.monthText('invoice_date').as('month'),
            adapter.instantText('created_at').as('created_at'),
          ])
          .where(adapter.containsText('invoice_number', '5[0]%'))
          .where('amount', '>', adapter.decimalValue('12.5')),
        26,
      );

      const compiled = query.compile();

      expect(database.engine).toBe('mssql');
      expect(compiled.sql).toBe(
        'select top(26) CAST(CAST("amount" AS DECIMAL(38,4)) AS VARCHAR(50)) as "amount", CONVERT(CHAR(10), "due_date", 23) as "due_date", ' +
          'CONVERT(CHAR(7), "invoice_date", 126) as "month", CONVERT(VARCHAR(33), "created_at", 126) as "created_at" ' +
          'from "erp_invoices" where LOWER("invoice_number") LIKE LOWER(@1) ESCAPE \'!\' and "amount" > CAST(@2 AS DECIMAL(19,4))',
      );
      expect(compiled.parameters).toEqual(['%5![0]!%%', '12.5000']);
      expect(adapter.instantParameter('2026-11-30T14:05:00.120Z')).toBe('2026-11-30T14:05:00.120');
    } finally {
      await database.close();
    }
  });
});
