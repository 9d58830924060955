/**
 * Command line: writes demo data into the ERP database. `npm run demo:seed`
 * runs it through gateway/demo-seed.ts, which then also writes the demo
 * sign-ins into the portal store. Run `npm run demo:seed -- --help` for the
 * options.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { openDatabase, redactDatabaseUrl, withExclusiveLock } from '../../sql';
import { createErpTables, dropErpTables } from '../ddl';
import { countCustomers, writeDemoData } from './generate';
import { DEFAULT_DEMO_OPTIONS, resolveDemoOptions, type DemoDataOptions } from './options';

const USAGE = `Usage: npm run demo:seed -- [options]

Writes deterministic demo data (3 customers with invoices, orders, documents
and support cases) into the ERP database named by ERP_DATABASE_URL, on
SQLite, PostgreSQL or SQL Server. Without it the database is
sqlite:<PORTAL_DATA_DIR>/erp-demo.sqlite, where PORTAL_DATA_DIR defaults to
./data. A database that already has customers is left unchanged unless
--replace is given, and the command still exits with 0.

After writing the demo data it writes a sign-in with the password
"portal-demo" for each demo contact that has none into the portal store
named by PORTAL_DATABASE_URL (default sqlite:<PORTAL_DATA_DIR>/portal.sqlite),
so the gateway started with the same variables accepts the demo sign-ins
from the README. Nothing is written to the portal store when the ERP
database was left unchanged.

Options:
  --invoices N          invoices and credit memos to write (default ${DEFAULT_DEMO_OPTIONS.invoices})
  --orders N            sales orders to write (default ${DEFAULT_DEMO_OPTIONS.orders})
  --tickets N           support cases to write (default ${DEFAULT_DEMO_OPTIONS.tickets})
  --months N            months of history ending with the business date (default ${DEFAULT_DEMO_OPTIONS.months})
  --business-date DATE  the ERP business date, YYYY-MM-DD (default ${DEFAULT_DEMO_OPTIONS.businessDate})
  --seed N              seed of the generator; the same seed writes the same rows (default ${DEFAULT_DEMO_OPTIONS.seed})
  --replace             drop the ERP contract tables first, deleting their data
  --no-credentials      leave the portal store alone
  --help                print this text

Environment:
  ERP_DATABASE_URL      sqlite:PATH, postgres://USER:PASSWORD@HOST:5432/DB
                        or mssql://USER:PASSWORD@HOST:1433/DB
  PORTAL_DATABASE_URL   sqlite:PATH or postgres://USER:PASSWORD@HOST:5432/DB
  PORTAL_DATA_DIR       directory of the default SQLite files (default ./data)
  LOG_LEVEL             pino log level (default info)`;

/** Thrown for a command line that cannot be run. The process prints the usage and exits with 2. */
class UsageError extends Error {}

function parseWholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--${flag} must be a whole number, got "${text}".`);
  }
  return Number(text);
}

interface CommandLine {
  options: DemoDataOptions;
  replace: boolean;
  help: boolean;
  /** False with --no-credentials. */
  credentials: boolean;
}

function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        invoices: { type: 'string' },
        orders: { type: 'string' },
        tickets: { type: 'string' },
        months: { type: 'string' },
        'business-date': { type: 'string' },
        seed: { type: 'string' },
        replace: { type: 'boolean', default: false },
        'no-credentials': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const { values } = parsed;
  const options: DemoDataOptions = {
    invoices: parseWholeNumber('invoices', values.invoices),
    orders: parseWholeNumber('orders', values.orders),
    tickets: parseWholeNumber('tickets', values.tickets),
    months: parseWholeNumber('months', values.months),
    seed: parseWholeNumber('seed', values.seed),
    businessDate: values['business-date'],
  };
  try {
    resolveDemoOptions(options);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return { options, replace: values.replace === true, help: values.help === true, credentials: values['no-credentials'] !== true };
}

export interface DemoSeedOutcome {
  /** Exit code for the process: 0 written or left unchanged, 1 failed, 2 invalid command line. */
  exitCode: number;
  /** True when this run wrote the demo data. Demo sign-ins are only written then, never next to a real ERP. */
  demoDataWritten: boolean;
  /** False when --no-credentials was given. */
  writeCredentials: boolean;
}

/** Runs the command line `argv` (without the node and script arguments) and returns its outcome. */
export async function runDemoSeed(argv: string[]): Promise<DemoSeedOutcome> {
  let commandLine;
  try {
    commandLine = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return { exitCode: 2, demoDataWritten: false, writeCredentials: false };
    }
    throw error;
  }
  if (commandLine.help) {
    process.stdout.write(`${USAGE}\n`);
    return { exitCode: 0, demoDataWritten: false, writeCredentials: false };
  }
  const result = await seedErp(commandLine);
  return { exitCode: result === 'failed' ? 1 : 0, demoDataWritten: result === 'written', writeCredentials: commandLine.credentials };
}

async function seedErp(commandLine: CommandLine): Promise<'written' | 'unchanged' | 'failed'> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const dataDirectory = process.env.PORTAL_DATA_DIR?.trim() || './data';
  // An empty variable counts as unset, as it does for the gateway's settings.
  const url = process.env.ERP_DATABASE_URL?.trim() || `sqlite:${path.join(dataDirectory, 'erp-demo.sqlite')}`;
  const options = resolveDemoOptions(commandLine.options);
  const database = openDatabase({ url, urlVariable: 'ERP_DATABASE_URL', logger });

  try {
    const started = process.hrtime.bigint();

    // One transaction: a replaced database is either fully re-seeded or left as it was.
    const outcome = await withExclusiveLock(database, 'rover-portal:erp-demo-seed', async (trx) => {
      await createErpTables(trx, database.engine);
      const customers = await countCustomers(trx, database.adapter);
      if (customers > 0 && !commandLine.replace) {
        return { customers, summary: null };
      }
      if (customers > 0) {
        await dropErpTables(trx);
        await createErpTables(trx, database.engine);
      }
      return { customers, summary: await writeDemoData(trx, database.engine, database.adapter, options) };
    });

    // A second `npm run build && npm run demo:seed && npm start` lands here,
    // so this is a normal outcome and not an error.
    if (outcome.summary === null) {
      logger.info(
        { database: redactDatabaseUrl(url), customers: outcome.customers },
        'The ERP database already contains customers, so it was left unchanged. Run with --replace to regenerate the demo data.',
      );
      return 'unchanged';
    }

    const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
    logger.info({ database: redactDatabaseUrl(url), options, rows: outcome.summary, durationMs, replaced: outcome.customers > 0 }, 'Demo data written');
    return 'written';
  } catch (error) {
    logger.error({ err: error, database: redactDatabaseUrl(url) }, 'Writing demo data failed');
    return 'failed';
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  runDemoSeed(process.argv.slice(2)).then(
    (outcome) => {
      process.exitCode = outcome.exitCode;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
