/**
 * The ERP contract: the tables (or views with these names) that the ERP
 * connector reads. An installation maps its own ERP by creating views with
 * these names and columns, and `ddl.ts` creates them as tables for demo
 * databases.
 *
 * Column types by engine:
 * - ids: BIGINT (PostgreSQL, SQL Server) or INTEGER PRIMARY KEY (SQLite)
 * - money and quantities: DECIMAL(19,4), or on SQLite an INTEGER count of
 *   ten-thousandths (1234.5 is stored as 12345000)
 * - dates: DATE, or "YYYY-MM-DD" text on SQLite
 * - instants: TIMESTAMP holding UTC, or on SQLite ISO 8601 text with
 *   milliseconds and "Z" ("2026-11-30T14:05:00.000Z"), which sorts as text
 * - booleans: BOOLEAN, BIT on SQL Server, 0/1 on SQLite
 *
 * docs/erp-contract.md describes every column for the DBA who writes the views.
 *
 * Columns whose driver value differs by engine are typed `unknown` here,
 * because they are selected, read and bound only through the engine adapter.
 */

export const CONTACT_ROLES = ['ADMIN', 'BILLING', 'STANDARD'] as const;
export const INVOICE_TYPES = ['INVOICE', 'CREDIT_MEMO'] as const;
/** In sort order. */
export const ORDER_STATUSES = ['OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CLOSED', 'CANCELLED'] as const;
/** Statuses of orders still in progress. */
export const OPEN_ORDER_STATUSES = ['OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED'] as const;
export const CLOSED_ORDER_STATUSES = ['CLOSED', 'CANCELLED'] as const;
export const SHIPMENT_STATUSES = ['PENDING', 'IN_TRANSIT', 'DELIVERED'] as const;
export const DOCUMENT_TYPES = ['ORDER_CONFIRMATION', 'DELIVERY_NOTE', 'PACKING_LIST', 'CERTIFICATE', 'DRAWING', 'OTHER'] as const;
/** In sort order. */
export const CASE_STATUSES = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'CLOSED'] as const;
/** In sort order. */
export const CASE_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;

export interface ErpCustomersTable {
  id: unknown;
  customer_number: string;
  name: string;
  /** ISO 4217, CHAR(3). */
  currency_code: string;
  salesforce_account_id: string | null;
}

export interface ErpContactsTable {
  id: unknown;
  customer_id: unknown;
  /** Matched case-insensitively. */
  email: string;
  full_name: string;
  portal_role: (typeof CONTACT_ROLES)[number];
  portal_access: unknown;
}

export interface ErpInvoicesTable {
  id: unknown;
  customer_id: unknown;
  invoice_number: string;
  invoice_type: (typeof INVOICE_TYPES)[number];
  invoice_date: unknown;
  due_date: unknown;
  currency_code: string;
  /** Negative for credit memos. */
  amount: unknown;
  /** Amount less payments, zero when paid. */
  balance: unknown;
  order_id: unknown;
}

export interface ErpInvoiceLinesTable {
  id: unknown;
  invoice_id: unknown;
  line_number: unknown;
  item_number: string | null;
  description: string;
  quantity: unknown;
  unit_price: unknown;
  amount: unknown;
}

/** Cash applied to invoices. Negative rows are refunds and applied credit memos. */
export interface ErpInvoicePaymentsTable {
  id: unknown;
  invoice_id: unknown;
  payment_date: unknown;
  amount: unknown;
  reference: string;
}

export interface ErpOrdersTable {
  id: unknown;
  customer_id: unknown;
  order_number: string;
  customer_po: string | null;
  order_date: unknown;
  status: (typeof ORDER_STATUSES)[number];
  currency_code: string;
  total_amount: unknown;
}

export interface ErpOrderLinesTable {
  id: unknown;
  order_id: unknown;
  line_number: unknown;
  item_number: string | null;
  description: string;
  quantity_ordered: unknown;
  quantity_shipped: unknown;
  unit_price: unknown;
  amount: unknown;
}

export interface ErpShipmentsTable {
  id: unknown;
  order_id: unknown;
  shipment_number: string;
  ship_date: unknown;
  carrier: string;
  tracking_number: string | null;
  status: (typeof SHIPMENT_STATUSES)[number];
}

/** Files that belong to a sales order, such as its confirmation or a delivery note. */
export interface ErpDocumentsTable {
  id: unknown;
  order_id: unknown;
  document_type: (typeof DOCUMENT_TYPES)[number];
  title: string;
  file_name: string;
  /** MIME type, such as "application/pdf". */
  content_type: string;
  /** An https URL or a key in the ERP's document store. It stays on the server side. */
  storage_key: string;
  created_date: unknown;
}

export interface ErpServiceCasesTable {
  id: unknown;
  customer_id: unknown;
  case_number: string;
  subject: string;
  description: string;
  status: (typeof CASE_STATUSES)[number];
  priority: (typeof CASE_PRIORITIES)[number];
  contact_id: unknown;
  created_at: unknown;
  updated_at: unknown;
  closed_at: unknown;
}

export interface ErpCaseCommentsTable {
  id: unknown;
  case_id: unknown;
  author_name: string;
  from_support: unknown;
  /** Only public comments ever leave the connector. */
  is_public: unknown;
  body: string;
  created_at: unknown;
}

/** One row: the ERP's current business date, which "overdue" and "recent" are measured from. */
export interface ErpBusinessDateTable {
  business_date: unknown;
}

export interface ErpDatabase {
  erp_customers: ErpCustomersTable;
  erp_contacts: ErpContactsTable;
  erp_invoices: ErpInvoicesTable;
  erp_invoice_lines: ErpInvoiceLinesTable;
  erp_invoice_payments: ErpInvoicePaymentsTable;
  erp_orders: ErpOrdersTable;
  erp_order_lines: ErpOrderLinesTable;
  erp_shipments: ErpShipmentsTable;
  erp_documents: ErpDocumentsTable;
  erp_service_cases: ErpServiceCasesTable;
  erp_case_comments: ErpCaseCommentsTable;
  erp_business_date: ErpBusinessDateTable;
}

/** Tables in an order where each one's foreign keys point only to earlier ones. */
export const ERP_TABLES: readonly (keyof ErpDatabase)[] = [
  'erp_business_date',
  'erp_customers',
  'erp_contacts',
  'erp_orders',
  'erp_order_lines',
  'erp_shipments',
  'erp_documents',
  'erp_invoices',
  'erp_invoice_lines',
  'erp_invoice_payments',
  'erp_service_cases',
  'erp_case_comments',
];
