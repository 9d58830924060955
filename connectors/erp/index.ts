/**
 * The ERP connector: the only code that knows the ERP's table and column names.
 */
import { sql } from 'kysely';

import type { DirectorySource, HealthCheck, InvoiceSource, OrderSource, TicketSource } from '../sources';
import type { Database } from '../sql';
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

export function createErpConnector(database: Database, options: ErpConnectorOptions = {}): ErpConnector {
  return {
    directory: createDirectorySource(database),
    invoices: createInvoiceSource(database),
    orders: createOrderSource(database),
    tickets: createTicketSource(database, options),
    health: {
      name: 'erp',
      async check() {
        await sql`SELECT 1`.execute(database.db);
      },
    },
  };
}

export type { ErpDatabase } from './contract';
export { createErpTables, dropErpTables, erpTablesExist } from './ddl';
export { ErpRequestError, InvalidFilterError, InvalidKeysetError } from './errors';
export { invoiceStatus } from './invoices';
export { caseNumberForId } from './tickets';
