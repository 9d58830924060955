/**
 * The T-SQL of every ERP connector query, compared with the reviewed files in
 * connectors/erp/tsql/. No SQL Server runs here, so these files are how a
 * change to the SQL Server statements gets seen in review.
 *
 * After an intended change, rewrite the files with
 *   UPDATE_TSQL=1 npx jest connectors/erp/mssql-queries.test.ts
 * (or `npm run tsql:update`) and review the diff like code.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { MAX_KEYS_PER_STATEMENT } from './batch';
import { QUERY_CASES, captureStatements, formatStatement, recordingMssqlDatabase, renderStatements, type CapturedStatement } from './test/compiled-queries';
import { createErpConnector } from './index';

const TSQL_DIRECTORY = path.join(__dirname, 'tsql');
const UPDATE = process.env.UPDATE_TSQL === '1';

/** SQL Server's limit on bound parameters in one statement. */
const MSSQL_MAX_PARAMETERS = 2_100;

describe('SQL Server statements of the ERP connector', () => {
  beforeAll(() => {
    if (UPDATE) {
      rmSync(TSQL_DIRECTORY, { recursive: true, force: true });
      mkdirSync(TSQL_DIRECTORY, { recursive: true });
    }
  });

  test.each(QUERY_CASES.map((queryCase) => [queryCase.name, queryCase] as const))('%s matches its reviewed file', async (name, queryCase) => {
    const text = renderStatements(queryCase, await captureStatements(queryCase));
    const file = path.join(TSQL_DIRECTORY, `${name}.sql`);

    if (UPDATE) {
      writeFileSync(file, text);
      return;
    }
    if (!existsSync(file)) {
      throw new Error(`connectors/erp/tsql/${name}.sql is missing. Create it with UPDATE_TSQL=1 npx jest connectors/erp/mssql-queries.test.ts and review it.`);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  test('no file is left without a query', () => {
    const expected = QUERY_CASES.map((queryCase) => `${queryCase.name}.sql`).sort();
    const present = readdirSync(TSQL_DIRECTORY).filter((file) => file.endsWith('.sql')).sort();

    expect(present).toEqual(expected);
  });

  test('every case compiles at least one statement', async () => {
    for (const queryCase of QUERY_CASES) {
      const statements = await captureStatements(queryCase);
      expect([queryCase.name, statements.some((statement) => statement.kind === 'query')]).toEqual([queryCase.name, true]);
    }
  });

  test('largest batches stay below the parameter limit', async () => {
    const statements: CapturedStatement[] = [];
    const database = recordingMssqlDatabase(statements, []);
    const erp = createErpConnector(database);
    const keys = Array.from({ length: MAX_KEYS_PER_STATEMENT * 2 + 1 }, (_, index) => String(index + 1));
    try {
      await erp.invoices.linesByInvoiceId('1', keys);
      await erp.orders.documentsByOrderId('1', keys);
      await erp.directory.contactsByEmail(keys.map((key) => `${key}@example.com`));
    } finally {
      await database.close();
    }

    const queries = statements.filter((statement) => statement.kind === 'query');
    expect(queries).toHaveLength(9);
    for (const query of queries) {
      expect(query.parameters.length).toBeLessThan(MSSQL_MAX_PARAMETERS);
    }
  });

  test('formatting changes only white space', () => {
    const statement = `select "a", "b" from "t" where "x" = 'a from b' and ("y" = 1 or "z" in (select "id" from "u" where "v" = 2)) order by "a"`;

    const formatted = formatStatement(statement);

    expect(formatted.replace(/\n\s*/g, ' ')).toBe(statement);
    expect(formatted).toBe(`select "a",\n  "b"\nfrom "t"\nwhere "x" = 'a from b'\n  and ("y" = 1 or "z" in (select "id" from "u" where "v" = 2))\norder by "a"`);
  });
});
