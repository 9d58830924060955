/**
 * Domain objects that connectors return and the gateway maps to GraphQL.
 *
 * Every connector (ERP database, Salesforce, ...) speaks these types, so the
 * gateway never sees a table, a column or a vendor field name. Values that must
 * stay exact travel as strings:
 * - money and quantities are decimal strings such as "1234.5000" (never floats);
 * - calendar dates are "YYYY-MM-DD" strings and never pass through a JS Date;
 * - instants are ISO 8601 strings in UTC ("2026-11-30T14:05:00.000Z");
 * - ids are strings, so 64-bit keys survive.
 */

/** Exact decimal number as a string, for example "-12.5000". */
export type DecimalString = string;

/** Calendar date "YYYY-MM-DD" with no time zone. */
export type IsoDate = string;

/** Instant in ISO 8601, always in UTC with a trailing "Z". */
export type IsoDateTime = string;

/** ISO 4217 currency code, for example "USD". */
export type CurrencyCode = string;

export interface Customer {
  id: string;
  number: string;
  name: string;
  currency: CurrencyCode;
  /** Salesforce Account id, when the ERP records one. */
  salesforceAccountId: string | null;
}

/** Portal roles stored on ERP contacts; see `gateway/auth/permissions.ts` for what each allows. */
export type ContactRole = 'ADMIN' | 'BILLING' | 'STANDARD';

export interface Contact {
  id: string;
  customerId: string;
  email: string;
  name: string;
  role: ContactRole;
  portalAccess: boolean;
}

export type InvoiceType = 'INVOICE' | 'CREDIT_MEMO';

/** Derived from the balance: OUTSTANDING while it is not zero. */
export type InvoiceStatus = 'OUTSTANDING' | 'PAID';

export interface Invoice {
  id: string;
  customerId: string;
  number: string;
  type: InvoiceType;
  invoiceDate: IsoDate;
  dueDate: IsoDate;
  currency: CurrencyCode;
  /** Signed: credit memos carry negative amounts and balances. */
  amount: DecimalString;
  balance: DecimalString;
  orderId: string | null;
}

export interface InvoiceLine {
  id: string;
  invoiceId: string;
  lineNumber: number;
  sku: string | null;
  description: string;
  quantity: DecimalString;
  unitPrice: DecimalString;
  amount: DecimalString;
}

export type OrderStatus = 'OPEN' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CLOSED' | 'CANCELLED';

export interface Order {
  id: string;
  customerId: string;
  number: string;
  purchaseOrderNumber: string | null;
  orderDate: IsoDate;
  status: OrderStatus;
  currency: CurrencyCode;
  total: DecimalString;
}

export interface OrderLine {
  id: string;
  orderId: string;
  lineNumber: number;
  sku: string | null;
  description: string;
  quantityOrdered: DecimalString;
  quantityShipped: DecimalString;
  unitPrice: DecimalString;
  amount: DecimalString;
}

export type ShipmentStatus = 'PENDING' | 'IN_TRANSIT' | 'DELIVERED';

export interface Shipment {
  id: string;
  orderId: string;
  number: string;
  shipDate: IsoDate | null;
  carrier: string;
  trackingNumber: string | null;
  status: ShipmentStatus;
}

export type OrderDocumentType = 'ORDER_CONFIRMATION' | 'DELIVERY_NOTE' | 'PACKING_LIST' | 'CERTIFICATE' | 'DRAWING' | 'OTHER';

/** A file that belongs to a sales order. */
export interface OrderDocument {
  id: string;
  orderId: string;
  type: OrderDocumentType;
  title: string;
  fileName: string;
  /** MIME type, such as "application/pdf". */
  contentType: string;
  /** Location of the file in the ERP: an https URL or a document-store key. The gateway never sends it to clients. */
  storageKey: string;
  createdDate: IsoDate;
}

export type TicketStatus = 'NEW' | 'IN_PROGRESS' | 'WAITING_ON_CUSTOMER' | 'CLOSED';

export type TicketPriority = 'LOW' | 'MEDIUM' | 'HIGH';

export interface Ticket {
  /** Source-specific key (an ERP case id or a Salesforce Case id). */
  id: string;
  customerId: string;
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  closedAt: IsoDateTime | null;
  /**
   * The status exactly as the source stores it (a Salesforce Case status such
   * as "On Hold"), when the source maps its own statuses onto `status`.
   */
  sourceStatus?: string | null;
}

/** A comment that the ticket source marks public; internal notes never become one. */
export interface TicketComment {
  id: string;
  ticketId: string;
  authorName: string;
  /** True when a supplier employee wrote it, false when the customer did. */
  fromSupport: boolean;
  body: string;
  createdAt: IsoDateTime;
}

export interface MoneyTotals {
  currency: CurrencyCode;
  /** Net of credit memos: all invoice and credit memo amounts to date. */
  totalInvoiced: DecimalString;
  /** Open balance of items not yet due on the business date. */
  currentBalance: DecimalString;
  /** Open balance of items whose due date is before the business date. */
  overdueBalance: DecimalString;
  outstandingCount: number;
  overdueCount: number;
}

export interface InvoiceTrendPoint {
  /** "YYYY-MM" */
  month: string;
  invoiced: DecimalString;
  paid: DecimalString;
}

export interface OpenClosedCounts {
  open: number;
  closed: number;
  /** Items created in the 30 days up to and including the business date. */
  recent: number;
}
