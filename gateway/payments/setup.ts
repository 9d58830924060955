/**
 * Start-up of Click to Pay in the gateway process: the demo ERP's cash
 * receipt table, the payment tables, the service and the ERP write-back
 * loop. main.ts calls `startPayments` once, before building the app.
 */
import type { Logger } from 'pino';

import { createCashReceiptsTable } from '../../connectors/erp/cash-receipts';
import { migratePaymentStore } from '../../connectors/payments';
import type { InvoiceSource } from '../../connectors/sources';
import { withExclusiveLock, type Database } from '../../connectors/sql';
import type { PaymentsConfig } from './config';
import type { PaymentsFeature } from './feature';
import { createPaymentService } from './service';

const CASH_RECEIPTS_LOCK = 'rover-portal:erp-demo-cash-receipts';

export interface PaymentsSetup {
  portalDatabase: Database;
  erpDatabase: Database;
  invoices: Pick<InvoiceSource, 'invoicesByNumber'>;
  logger: Logger;
  /** True for the embedded demo ERP, which gets the `erp_cash_receipts` table that a real ERP provides. */
  demoErp: boolean;
  /** Milliseconds between write-back runs; default 5 s. */
  writeBackIntervalMs?: number;
}

export interface StartedPayments {
  feature: PaymentsFeature;
  /** Stops the write-back loop and waits for a run in progress; call it before closing the databases. */
  stop(): Promise<void>;
}

export async function startPayments(config: PaymentsConfig, setup: PaymentsSetup): Promise<StartedPayments> {
  const { logger } = setup;

  // Created even while payments are off, so that turning them on later needs no other step.
  if (setup.demoErp) {
    await withExclusiveLock(setup.erpDatabase, CASH_RECEIPTS_LOCK, (trx) => createCashReceiptsTable(trx, setup.erpDatabase.engine));
  }

  if (!config.enabled) {
    logger.info({ missing: config.missing }, 'Online payments are off because their Stripe settings are not set');
    return { feature: config, stop: async () => undefined };
  }

  const { settings } = config;
  await migratePaymentStore(setup.portalDatabase);
  const service = createPaymentService({
    settings,
    portalDatabase: setup.portalDatabase,
    erpDatabase: setup.erpDatabase,
    invoices: setup.invoices,
    logger,
  });
  const writeBacks = service.startWriteBackLoop(setup.writeBackIntervalMs);
  logger.info(
    {
      stripeApiUrl: settings.stripe.apiUrl ?? 'https://api.stripe.com',
      allowPartial: settings.allowPartial,
      minimumAmounts: Object.fromEntries(settings.minimumAmounts),
    },
    'Online payments are on',
  );

  return { feature: { enabled: true, settings, service }, stop: () => writeBacks.stop() };
}
