/**
 * The ERP contract properties on every data set: the demo fixture on each
 * engine (SQLite, PostgreSQL, and SQL Server with ERP_TEST_MSSQL_URL), and
 * the Northwind sample mapped by views on PostgreSQL.
 */
import { ERP_TEST_ENGINES, type TestDatabase } from '../sql/test/test-databases';
import { createErpConnector } from './index';
import { describeContractProperties, type ContractSubject } from './test/contract-properties';
import { createErpFixture } from './test/fixture';
import { createNorthwindDatabase, northwindSource } from './test/northwind';

describe.each(ERP_TEST_ENGINES)('ERP contract on the demo data on %s', (engine) => {
  let testDatabase: TestDatabase | undefined;
  let subject: ContractSubject | undefined;

  beforeAll(async () => {
    const created = await createErpFixture(engine);
    testDatabase = created.test;
    subject = { database: created.fixture.database, erp: created.fixture.erp, statements: created.test.statements };
  }, 60_000);

  afterAll(async () => {
    await testDatabase?.drop();
  });

  describeContractProperties(() => {
    if (subject === undefined) {
      throw new Error(`The ${engine} demo fixture was not created. See the error of beforeAll above.`);
    }
    return subject;
  });
});

describe('ERP contract on the Northwind views on postgres', () => {
  const source = northwindSource();

  if (source.kind === 'skipped') {
    test.skip('Northwind data set (NORTHWIND_SQL=skip)', () => undefined);
    return;
  }
  if (source.kind === 'missing') {
    test('Northwind sample is available', () => {
      throw new Error(source.message);
    });
    return;
  }

  let testDatabase: TestDatabase | undefined;
  let subject: ContractSubject | undefined;

  beforeAll(async () => {
    testDatabase = await createNorthwindDatabase(source.path);
    subject = { database: testDatabase.database, erp: createErpConnector(testDatabase.database), statements: testDatabase.statements };
  }, 60_000);

  afterAll(async () => {
    await testDatabase?.drop();
  });

  describeContractProperties(() => {
    if (subject === undefined) {
      throw new Error('The Northwind database was not created. See the error of beforeAll above.');
    }
    return subject;
  });
});
