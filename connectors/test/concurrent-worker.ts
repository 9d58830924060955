/**
 * A separate process for concurrency tests: it opens its own connection,
 * waits until a shared start time so that all workers begin together, runs
 * one operation and prints the result as JSON on stdout.
 *
 * `runWorkers` in workers.ts starts it. It is not part of the build.
 */
import pino from 'pino';

import type { Contact, Customer } from '../domain';
import { createErpConnector } from '../erp';
import { ensureDemoDatabase } from '../erp/demo';
import { createPortalStore } from '../portal';
import { openDatabase } from '../sql';

export type WorkerTask =
  | { kind: 'create-tickets'; url: string; startAt: number; count: number; customer: Customer; contact: Contact }
  | { kind: 'ensure-demo'; url: string; startAt: number }
  | { kind: 'migrate-portal'; url: string; startAt: number };

async function run(task: WorkerTask): Promise<unknown> {
  const database = openDatabase({ url: task.url, logger: pino({ level: 'silent' }) });
  try {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, task.startAt - Date.now())));

    switch (task.kind) {
      case 'create-tickets': {
        const erp = createErpConnector(database);
        const numbers: string[] = [];
        for (let index = 0; index < task.count; index += 1) {
          const ticket = await erp.tickets.createTicket(task.customer, task.contact, { subject: `Worker ${process.pid} #${index}`, description: 'd', priority: 'LOW' });
          numbers.push(`${ticket.id}:${ticket.number}`);
        }
        return numbers;
      }
      case 'ensure-demo':
        return (await ensureDemoDatabase(database, { invoices: 300, orders: 150, tickets: 40 })).seeded;
      case 'migrate-portal':
        await createPortalStore(database).migrate();
        return 'migrated';
    }
  } finally {
    await database.close();
  }
}

run(JSON.parse(process.argv[2] ?? '{}') as WorkerTask).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    process.stderr.write(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
