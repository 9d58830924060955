/**
 * DataLoaders of one request, all scoped to the viewer's customer. They batch
 * the lookups that field resolvers make for sibling objects into one
 * connector call per kind, and cache results for the rest of the request.
 * A new set is made for every request, so nothing leaks between viewers.
 */
import DataLoader from 'dataloader';

import type * as domain from '../../connectors/domain';
import type { CustomerScope, TicketSource } from '../../connectors/sources';
import type { ErpConnector } from '../../connectors/erp';
import { MAX_DOCUMENT_NUMBER_LENGTH } from './document-numbers';

/**
 * Upper bound on keys per connector call, so that an IN list stays far below
 * SQL Server's limit of 2,100 parameters per statement. Pages are at most 100
 * rows, so a normal request never reaches it.
 */
const MAX_BATCH_SIZE = 500;

export interface Loaders {
  invoiceById: DataLoader<string, domain.Invoice | null>;
  invoiceByNumber: DataLoader<string, domain.Invoice | null>;
  invoiceLinesByInvoiceId: DataLoader<string, domain.InvoiceLine[]>;
  invoicesByOrderId: DataLoader<string, domain.Invoice[]>;
  orderById: DataLoader<string, domain.Order | null>;
  orderByNumber: DataLoader<string, domain.Order | null>;
  orderLinesByOrderId: DataLoader<string, domain.OrderLine[]>;
  shipmentsByOrderId: DataLoader<string, domain.Shipment[]>;
  documentsByOrderId: DataLoader<string, domain.OrderDocument[]>;
  ticketByNumber: DataLoader<string, domain.Ticket | null>;
  commentsByTicketId: DataLoader<string, domain.TicketComment[]>;
  /** The ERP's business date, read at most once per request. */
  businessDate(): Promise<domain.IsoDate>;
  /** The viewer's customer and the business date, as list and summary queries need them. */
  scope(): Promise<CustomerScope>;
  /** Adds invoices that a list query returned, so later lookups by id or number need no query. */
  primeInvoices(invoices: readonly domain.Invoice[]): void;
  primeOrders(orders: readonly domain.Order[]): void;
  primeTickets(tickets: readonly domain.Ticket[]): void;
}

/** Creates the loaders of one request; ticket lookups go to `tickets`, everything else to the ERP. */
export function createLoaders(erp: ErpConnector, tickets: TicketSource, customerId: string): Loaders {
  const options = { maxBatchSize: MAX_BATCH_SIZE };

  const invoiceById = new DataLoader<string, domain.Invoice | null>((ids) => erp.invoices.invoicesById(customerId, ids), options);
  const invoiceByNumber = new DataLoader<string, domain.Invoice | null>(
    (numbers) => lookUpNumbers(numbers, (known) => erp.invoices.invoicesByNumber(customerId, known)),
    options,
  );
  const orderById = new DataLoader<string, domain.Order | null>((ids) => erp.orders.ordersById(customerId, ids), options);
  const orderByNumber = new DataLoader<string, domain.Order | null>(
    (numbers) => lookUpNumbers(numbers, (known) => erp.orders.ordersByNumber(customerId, known)),
    options,
  );
  const ticketByNumber = new DataLoader<string, domain.Ticket | null>(
    (numbers) => lookUpNumbers(numbers, (known) => tickets.ticketsByNumber(customerId, known)),
    options,
  );

  let businessDate: Promise<domain.IsoDate> | undefined;
  const loadBusinessDate = (): Promise<domain.IsoDate> => {
    businessDate ??= erp.directory.businessDate();
    return businessDate;
  };

  return {
    invoiceById,
    invoiceByNumber,
    invoiceLinesByInvoiceId: new DataLoader((ids) => erp.invoices.linesByInvoiceId(customerId, ids), options),
    invoicesByOrderId: new DataLoader((ids) => erp.invoices.invoicesByOrderId(customerId, ids), options),
    orderById,
    orderByNumber,
    orderLinesByOrderId: new DataLoader((ids) => erp.orders.linesByOrderId(customerId, ids), options),
    shipmentsByOrderId: new DataLoader((ids) => erp.orders.shipmentsByOrderId(customerId, ids), options),
    documentsByOrderId: new DataLoader((ids) => erp.orders.documentsByOrderId(customerId, ids), options),
    ticketByNumber,
    commentsByTicketId: new DataLoader((ids) => tickets.commentsByTicketId(customerId, ids), options),

    businessDate: loadBusinessDate,

    async scope() {
      return { customerId, asOf: await loadBusinessDate() };
    },

    primeInvoices(invoices) {
      for (const invoice of invoices) {
        invoiceById.prime(invoice.id, invoice);
        invoiceByNumber.prime(invoice.number, invoice);
      }
    },

    primeOrders(orders) {
      for (const order of orders) {
        orderById.prime(order.id, order);
        orderByNumber.prime(order.number, order);
      }
    },

    primeTickets(tickets) {
      for (const ticket of tickets) {
        ticketByNumber.prime(ticket.number, ticket);
      }
    },
  };
}

/**
 * Looks documents up by number. A number longer than any document has gets
 * null without reaching the connector, so a huge number costs no query, and
 * no query is sent when no number is left.
 */
async function lookUpNumbers<T>(
  numbers: readonly string[],
  lookUp: (numbers: readonly string[]) => Promise<readonly (T | null)[]>,
): Promise<(T | null)[]> {
  const possible = numbers.filter((number) => number.length <= MAX_DOCUMENT_NUMBER_LENGTH);
  const found = possible.length === 0 ? [] : await lookUp(possible);

  let next = 0;
  return numbers.map((number) => (number.length <= MAX_DOCUMENT_NUMBER_LENGTH ? (found[next++] ?? null) : null));
}
