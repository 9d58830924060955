/**
 * `npm run demo:seed`: writes the demo data into the ERP database
 * (connectors/erp/demo/seed-cli.ts), then the demo sign-ins into the portal
 * store, so a gateway started with the same ERP_DATABASE_URL and
 * PORTAL_DATABASE_URL shows the demo portal on any engine. The gateway itself
 * writes demo data only into the embedded SQLite default.
 */
import path from 'node:path';

import pino from 'pino';

import { DEMO_CONTACT_EMAILS } from '../connectors/erp/demo';
import { runDemoSeed } from '../connectors/erp/demo/seed-cli';
import { createPortalStore } from '../connectors/portal';
import { openDatabase, redactDatabaseUrl } from '../connectors/sql';
import { seedDemoCredentials } from './auth/demo-credentials';

async function main(): Promise<number> {
  const outcome = await runDemoSeed(process.argv.slice(2));
  if (!outcome.demoDataWritten || !outcome.writeCredentials) {
    return outcome.exitCode;
  }

  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const dataDirectory = process.env.PORTAL_DATA_DIR?.trim() || './data';
  // The same default as the gateway's configuration (gateway/config.ts).
  const url = process.env.PORTAL_DATABASE_URL?.trim() || `sqlite:${path.join(dataDirectory, 'portal.sqlite')}`;
  const database = openDatabase({ url, urlVariable: 'PORTAL_DATABASE_URL', logger });
  try {
    const portal = createPortalStore(database);
    await portal.migrate();
    const added = await seedDemoCredentials(portal.credentials, DEMO_CONTACT_EMAILS, logger);
    logger.info({ database: redactDatabaseUrl(url), added: added.length, existing: DEMO_CONTACT_EMAILS.length - added.length }, 'Demo sign-ins ready in the portal store');
    return 0;
  } catch (error) {
    logger.error({ err: error, database: redactDatabaseUrl(url) }, 'Writing the demo sign-ins into the portal store failed');
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
