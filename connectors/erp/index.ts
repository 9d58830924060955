/**
 * The ERP connector: the only code that refers to the ERP's table and column names.
 */
import { sql } from 'kysely';

import type { DirectorySource, HealthCheck, InvoiceSource, OrderSource, TicketSource } from '../sources';
import { reportUnavailability, type Database } from '../sql';
import { createDirectorySource } from './directory';
import { createInvoiceSource } from './invoices';
import { createOrderSource } from './orders';
import { createTicketSource, type TicketSourceOptions } from './tickets';

export interface ErpConnector {
  directory: DirectorySource;
  invoices: InvoiceSource;
  orders: OrderSource;
  tickets: TicketSource;
  health: HealthCheck;
}

export type ErpConnectorOptions = TicketSourceOptions;

/**
 * Builds the ERP sources over one database. Every method reports a database
 * that cannot respond (refused connection, timeout, lock wait) as
 * UpstreamUnavailableError("erp").
 */
export function createErpConnector(database: Database, options: ErpConnectorOptions = {}): ErpConnector {
  return {
    directory: reportUnavailability('erp', createDirectorySource(database)),
    invoices: reportUnavailability('erp', createInvoiceSource(database)),
    orders: reportUnavailability('erp', createOrderSource(database)),
    tickets: reportUnavailability('erp', createTicketSource(database, options)),
    health: reportUnavailability('erp', {
      name: 'erp',
      async check() {
        await sql`SELECT 1`.execute(database.db);
      },
    }),
  };
}

export type { ErpDatabase } from './contract';
export { createErpTables, dropErpTables, erpTablesExist } from './ddl';
export { ErpRequestError, InvalidFilterError, InvalidKeysetError } from './errors';
export { invoiceStatus } from './invoices';
export { caseNumberForId } from './tickets';
