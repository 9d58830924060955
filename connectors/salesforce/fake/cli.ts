/**
 * Starts the fake Salesforce server with demo data:
 * `node dist/connectors/salesforce/fake/cli.js`. SALESFORCE_FAKE_PORT sets
 * the port (default 4100). Point the portal at it with
 * `TICKETS_SOURCE=salesforce SALESFORCE_LOGIN_URL=http://127.0.0.1:4100`.
 * SALESFORCE_FAKE_JWT_CERTIFICATE_FILE adds a certificate (or public key)
 * for the JWT bearer flow to the development connected app.
 */
import { readFileSync } from 'node:fs';

import { DEV_CREDENTIALS } from '../dev-credentials';
import { startFakeSalesforce } from './server';

async function main(): Promise<void> {
  const portText = process.env.SALESFORCE_FAKE_PORT ?? '4100';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SALESFORCE_FAKE_PORT must be a port number from 0 to 65535, got ${JSON.stringify(portText)}. Example: SALESFORCE_FAKE_PORT=4100`);
  }

  const certificateFile = process.env.SALESFORCE_FAKE_JWT_CERTIFICATE_FILE;
  const jwtCertificate = certificateFile === undefined || certificateFile === '' ? undefined : readFileSync(certificateFile, 'utf8');

  const fake = await startFakeSalesforce({
    port,
    seed: 'demo',
    apps: [{ clientId: DEV_CREDENTIALS.clientId, clientSecret: DEV_CREDENTIALS.clientSecret, jwtCertificate }],
  });

  process.stdout.write(
    `Fake Salesforce listening on ${fake.url} (demo Accounts for C-10001, C-10002, C-10003).\n` +
      `Development client id ${DEV_CREDENTIALS.clientId}, user ${DEV_CREDENTIALS.username}.\n` +
      `Connect the portal with TICKETS_SOURCE=salesforce SALESFORCE_LOGIN_URL=${fake.url}\n`,
  );

  const shutdown = (): void => {
    fake.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
