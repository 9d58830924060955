/**
 * Creates and seeds a demo ERP database once, even when several processes
 * start against the same database at the same moment.
 */
import { withExclusiveLock, type Database } from '../../sql';
import { createErpTables } from '../ddl';
import { countCustomers, writeDemoData, type DemoDataSummary } from './generate';
import { resolveDemoOptions, type DemoDataOptions } from './options';

const DEMO_SEED_LOCK = 'rover-portal:erp-demo-seed';

export interface EnsureDemoResult {
  /** True when this call wrote the demo data, false when the database already had customers. */
  seeded: boolean;
  summary: DemoDataSummary | null;
}

/**
 * Creates the contract tables if absent and writes demo data if they hold no
 * customer. Both happen in one transaction under an exclusive lock, so a
 * second process waits and then finds the data in place.
 */
export async function ensureDemoDatabase(database: Database, options: DemoDataOptions = {}): Promise<EnsureDemoResult> {
  const resolved = resolveDemoOptions(options);
  return withExclusiveLock(database, DEMO_SEED_LOCK, async (trx) => {
    await createErpTables(trx, database.engine);
    if ((await countCustomers(trx, database.adapter)) > 0) {
      return { seeded: false, summary: null };
    }
    return { seeded: true, summary: await writeDemoData(trx, database.engine, database.adapter, resolved) };
  });
}
