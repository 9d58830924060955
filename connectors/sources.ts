/**
 * Interfaces that the gateway calls and connectors implement.
 *
 * Batch methods follow DataLoader's contract: they take a list of keys and
 * return one result per key, in key order, with `null` (or an empty list) for
 * a key that has no match. An empty key list sends no query.
 *
 * Every method that can reach customer data takes the customer it runs for
 * and filters on it in the query itself, so a key that belongs to another
 * customer behaves exactly like a key that does not exist.
 */
import type { Readable } from 'node:stream';

import type {
  Contact,
  Customer,
  Invoice,
  InvoiceLine,
  InvoiceStatus,
  InvoiceTrendPoint,
  InvoiceType,
  IsoDate,
  MoneyTotals,
  OpenClosedCounts,
  Order,
  OrderDocument,
  OrderLine,
  OrderStatus,
  Shipment,
  Ticket,
  TicketComment,
  TicketPriority,
  TicketStatus,
} from './domain';

export type SortDirection = 'ASC' | 'DESC';

export interface SortOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}

/**
 * Position after which a page starts: the sort value of the last row seen
 * (as a string, or null where the row had none) and its id, which breaks ties.
 */
export interface Keyset {
  value: string | null;
  id: string;
}

export interface PageRequest<Filter, Field extends string> {
  filter: Filter;
  orderBy: SortOrder<Field>;
  /** Number of rows wanted; the caller has already checked the bounds. */
  first: number;
  after: Keyset | null;
}

export interface Page<T> {
  items: { node: T; key: Keyset }[];
  hasNextPage: boolean;
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  type?: InvoiceType;
  dueDateFrom?: IsoDate;
  dueDateTo?: IsoDate;
  /** Substring of the invoice number, matched literally (no wildcards). */
  numberContains?: string;
  /** Outstanding and due before the business date. */
  overdue?: boolean;
}

export type InvoiceSortField = 'NUMBER' | 'INVOICE_DATE' | 'DUE_DATE' | 'AMOUNT' | 'BALANCE' | 'STATUS';

export interface OrderFilter {
  status?: OrderStatus[];
  orderDateFrom?: IsoDate;
  orderDateTo?: IsoDate;
  /** Substring of the order number or the customer's purchase order number. */
  numberContains?: string;
}

export type OrderSortField = 'NUMBER' | 'ORDER_DATE' | 'TOTAL' | 'STATUS';

export interface TicketFilter {
  status?: TicketStatus[];
  priority?: TicketPriority;
  /** Substring of the ticket number or subject. */
  search?: string;
}

export type TicketSortField = 'NUMBER' | 'CREATED_AT' | 'UPDATED_AT' | 'STATUS' | 'PRIORITY';

export interface CustomerScope {
  customerId: string;
  /** The ERP's business date, which "overdue" and "last 30 days" are measured from. */
  asOf: IsoDate;
}

/** Customers and the contacts allowed into the portal. */
export interface DirectorySource {
  contactsByEmail(emails: readonly string[]): Promise<(Contact | null)[]>;
  contactsById(ids: readonly string[]): Promise<(Contact | null)[]>;
  customersById(ids: readonly string[]): Promise<(Customer | null)[]>;
  /** The ERP's latest business date. */
  businessDate(): Promise<IsoDate>;
}

export interface InvoiceSource {
  listInvoices(scope: CustomerScope, request: PageRequest<InvoiceFilter, InvoiceSortField>): Promise<Page<Invoice>>;
  countInvoices(scope: CustomerScope, filter: InvoiceFilter): Promise<number>;
  invoicesByNumber(customerId: string, numbers: readonly string[]): Promise<(Invoice | null)[]>;
  invoicesById(customerId: string, ids: readonly string[]): Promise<(Invoice | null)[]>;
  linesByInvoiceId(customerId: string, invoiceIds: readonly string[]): Promise<InvoiceLine[][]>;
  invoicesByOrderId(customerId: string, orderIds: readonly string[]): Promise<Invoice[][]>;
  invoiceTotals(scope: CustomerScope): Promise<MoneyTotals>;
  /** One point per month for the `months` calendar months ending with the business date's month, oldest first. */
  invoiceTrend(scope: CustomerScope, months: number): Promise<InvoiceTrendPoint[]>;
}

export interface OrderSource {
  listOrders(scope: CustomerScope, request: PageRequest<OrderFilter, OrderSortField>): Promise<Page<Order>>;
  countOrders(scope: CustomerScope, filter: OrderFilter): Promise<number>;
  ordersByNumber(customerId: string, numbers: readonly string[]): Promise<(Order | null)[]>;
  ordersById(customerId: string, ids: readonly string[]): Promise<(Order | null)[]>;
  linesByOrderId(customerId: string, orderIds: readonly string[]): Promise<OrderLine[][]>;
  shipmentsByOrderId(customerId: string, orderIds: readonly string[]): Promise<Shipment[][]>;
  /** Documents of each order, oldest first. */
  documentsByOrderId(customerId: string, orderIds: readonly string[]): Promise<OrderDocument[][]>;
  orderCounts(scope: CustomerScope): Promise<OpenClosedCounts>;
}

export interface NewTicket {
  subject: string;
  description: string;
  priority: TicketPriority;
}

/** Support tickets: ERP service cases or Salesforce Cases behind one interface. */
export interface TicketSource {
  listTickets(scope: CustomerScope, request: PageRequest<TicketFilter, TicketSortField>): Promise<Page<Ticket>>;
  countTickets(scope: CustomerScope, filter: TicketFilter): Promise<number>;
  ticketsByNumber(customerId: string, numbers: readonly string[]): Promise<(Ticket | null)[]>;
  /** Public comments only, oldest first. */
  commentsByTicketId(customerId: string, ticketIds: readonly string[]): Promise<TicketComment[][]>;
  ticketCounts(scope: CustomerScope): Promise<OpenClosedCounts>;
  createTicket(customer: Customer, contact: Contact, ticket: NewTicket): Promise<Ticket>;
  /**
   * Adds a public comment by `contact` to the customer's ticket `ticketNumber`.
   * Returns null when the customer has no ticket with that number. Throws
   * ConnectorInputError (field "body") for an empty or too long body.
   */
  addComment(customer: Customer, contact: Contact, ticketNumber: string, body: string): Promise<TicketComment | null>;
}

/** An opened file of an order document, read as a stream. */
export interface StoredFile {
  stream: Readable;
  /** Size in bytes, or null when the store does not report it. */
  size: number | null;
}

/**
 * Files of order documents: reads the file that `OrderDocument.storageKey`
 * names from the place the ERP keeps it. The caller has already checked that
 * the document belongs to the viewer's customer.
 *
 * Throws DocumentFileError when no configured store serves the key, the key
 * is malformed or unsafe, or the file is missing, and
 * UpstreamUnavailableError("document-store") when the store fails or times out.
 */
export interface DocumentFileSource {
  open(document: OrderDocument): Promise<StoredFile>;
}

/** Probe of a backing system, run by `/readyz`: it resolves when the system responds and rejects otherwise. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}
