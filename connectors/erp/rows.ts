/**
 * Select lists for the ERP contract tables and the mapping of their rows to
 * domain objects. Decimal, date and instant columns go through the engine
 * adapter both ways, so every engine yields the same strings.
 */
import type { ExpressionBuilder } from 'kysely';

import type {
  Contact,
  Customer,
  Invoice,
  InvoiceLine,
  Order,
  OrderDocument,
  OrderLine,
  Shipment,
  Ticket,
  TicketComment,
} from '../domain';
import { UnexpectedValueError, type EngineAdapter } from '../sql';
import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  CONTACT_ROLES,
  DOCUMENT_TYPES,
  INVOICE_TYPES,
  ORDER_STATUSES,
  SHIPMENT_STATUSES,
  type ErpDatabase,
} from './contract';

type Builder<Table extends keyof ErpDatabase> = ExpressionBuilder<ErpDatabase, Table>;

function readEnum<T extends string>(value: string, allowed: readonly T[], column: string): T {
  if ((allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new UnexpectedValueError(`Invalid ${column} "${value}": the ERP contract allows ${allowed.join(', ')}.`);
}

function readNullableId(adapter: EngineAdapter, value: unknown): string | null {
  return value === null ? null : adapter.readId(value);
}

/** Currency codes may come from a CHAR column padded with spaces. */
function readCurrency(value: string): string {
  return value.trim();
}

export const customerSelection = (eb: Builder<'erp_customers'>) => [
  eb.ref('erp_customers.id').as('id'),
  eb.ref('erp_customers.customer_number').as('customer_number'),
  eb.ref('erp_customers.name').as('name'),
  eb.ref('erp_customers.currency_code').as('currency_code'),
  eb.ref('erp_customers.salesforce_account_id').as('salesforce_account_id'),
];

export interface CustomerRow {
  id: unknown;
  customer_number: string;
  name: string;
  currency_code: string;
  salesforce_account_id: string | null;
}

export function customerFromRow(adapter: EngineAdapter, row: CustomerRow): Customer {
  return {
    id: adapter.readId(row.id),
    number: row.customer_number,
    name: row.name,
    currency: readCurrency(row.currency_code),
    salesforceAccountId: row.salesforce_account_id,
  };
}

export const contactSelection = (eb: Builder<'erp_contacts'>) => [
  eb.ref('erp_contacts.id').as('id'),
  eb.ref('erp_contacts.customer_id').as('customer_id'),
  eb.ref('erp_contacts.email').as('email'),
  eb.ref('erp_contacts.full_name').as('full_name'),
  eb.ref('erp_contacts.portal_role').as('portal_role'),
  eb.ref('erp_contacts.portal_access').as('portal_access'),
];

export interface ContactRow {
  id: unknown;
  customer_id: unknown;
  email: string;
  full_name: string;
  portal_role: string;
  portal_access: unknown;
}

export function contactFromRow(adapter: EngineAdapter, row: ContactRow): Contact {
  return {
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    email: row.email,
    name: row.full_name,
    role: readEnum(row.portal_role, CONTACT_ROLES, 'erp_contacts.portal_role'),
    portalAccess: adapter.readBoolean(row.portal_access),
  };
}

export const invoiceSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_invoices'>) => [
  eb.ref('erp_invoices.id').as('id'),
  eb.ref('erp_invoices.customer_id').as('customer_id'),
  eb.ref('erp_invoices.invoice_number').as('invoice_number'),
  eb.ref('erp_invoices.invoice_type').as('invoice_type'),
  adapter.dateText('erp_invoices.invoice_date').as('invoice_date'),
  adapter.dateText('erp_invoices.due_date').as('due_date'),
  eb.ref('erp_invoices.currency_code').as('currency_code'),
  adapter.decimalText('erp_invoices.amount').as('amount'),
  adapter.decimalText('erp_invoices.balance').as('balance'),
  eb.ref('erp_invoices.order_id').as('order_id'),
];

export interface InvoiceRow {
  id: unknown;
  customer_id: unknown;
  invoice_number: string;
  invoice_type: string;
  invoice_date: unknown;
  due_date: unknown;
  currency_code: string;
  amount: unknown;
  balance: unknown;
  order_id: unknown;
}

export function invoiceFromRow(adapter: EngineAdapter, row: InvoiceRow): Invoice {
  return {
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: row.invoice_number,
    type: readEnum(row.invoice_type, INVOICE_TYPES, 'erp_invoices.invoice_type'),
    invoiceDate: adapter.readDate(row.invoice_date),
    dueDate: adapter.readDate(row.due_date),
    currency: readCurrency(row.currency_code),
    amount: adapter.readDecimal(row.amount),
    balance: adapter.readDecimal(row.balance),
    orderId: readNullableId(adapter, row.order_id),
  };
}

export const invoiceLineSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_invoice_lines'>) => [
  eb.ref('erp_invoice_lines.id').as('id'),
  eb.ref('erp_invoice_lines.invoice_id').as('invoice_id'),
  eb.ref('erp_invoice_lines.line_number').as('line_number'),
  eb.ref('erp_invoice_lines.item_number').as('item_number'),
  eb.ref('erp_invoice_lines.description').as('description'),
  adapter.decimalText('erp_invoice_lines.quantity').as('quantity'),
  adapter.decimalText('erp_invoice_lines.unit_price').as('unit_price'),
  adapter.decimalText('erp_invoice_lines.amount').as('amount'),
];

export interface InvoiceLineRow {
  id: unknown;
  invoice_id: unknown;
  line_number: unknown;
  item_number: string | null;
  description: string;
  quantity: unknown;
  unit_price: unknown;
  amount: unknown;
}

export function invoiceLineFromRow(adapter: EngineAdapter, row: InvoiceLineRow): InvoiceLine {
  return {
    id: adapter.readId(row.id),
    invoiceId: adapter.readId(row.invoice_id),
    lineNumber: adapter.readInteger(row.line_number),
    sku: row.item_number,
    description: row.description,
    quantity: adapter.readDecimal(row.quantity),
    unitPrice: adapter.readDecimal(row.unit_price),
    amount: adapter.readDecimal(row.amount),
  };
}

export const orderSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_orders'>) => [
  eb.ref('erp_orders.id').as('id'),
  eb.ref('erp_orders.customer_id').as('customer_id'),
  eb.ref('erp_orders.order_number').as('order_number'),
  eb.ref('erp_orders.customer_po').as('customer_po'),
  adapter.dateText('erp_orders.order_date').as('order_date'),
  eb.ref('erp_orders.status').as('status'),
  eb.ref('erp_orders.currency_code').as('currency_code'),
  adapter.decimalText('erp_orders.total_amount').as('total_amount'),
];

export interface OrderRow {
  id: unknown;
  customer_id: unknown;
  order_number: string;
  customer_po: string | null;
  order_date: unknown;
  status: string;
  currency_code: string;
  total_amount: unknown;
}

export function orderFromRow(adapter: EngineAdapter, row: OrderRow): Order {
  return {
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: row.order_number,
    purchaseOrderNumber: row.customer_po,
    orderDate: adapter.readDate(row.order_date),
    status: readEnum(row.status, ORDER_STATUSES, 'erp_orders.status'),
    currency: readCurrency(row.currency_code),
    total: adapter.readDecimal(row.total_amount),
  };
}

export const orderLineSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_order_lines'>) => [
  eb.ref('erp_order_lines.id').as('id'),
  eb.ref('erp_order_lines.order_id').as('order_id'),
  eb.ref('erp_order_lines.line_number').as('line_number'),
  eb.ref('erp_order_lines.item_number').as('item_number'),
  eb.ref('erp_order_lines.description').as('description'),
  adapter.decimalText('erp_order_lines.quantity_ordered').as('quantity_ordered'),
  adapter.decimalText('erp_order_lines.quantity_shipped').as('quantity_shipped'),
  adapter.decimalText('erp_order_lines.unit_price').as('unit_price'),
  adapter.decimalText('erp_order_lines.amount').as('amount'),
];

export interface OrderLineRow {
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

export function orderLineFromRow(adapter: EngineAdapter, row: OrderLineRow): OrderLine {
  return {
    id: adapter.readId(row.id),
    orderId: adapter.readId(row.order_id),
    lineNumber: adapter.readInteger(row.line_number),
    sku: row.item_number,
    description: row.description,
    quantityOrdered: adapter.readDecimal(row.quantity_ordered),
    quantityShipped: adapter.readDecimal(row.quantity_shipped),
    unitPrice: adapter.readDecimal(row.unit_price),
    amount: adapter.readDecimal(row.amount),
  };
}

export const shipmentSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_shipments'>) => [
  eb.ref('erp_shipments.id').as('id'),
  eb.ref('erp_shipments.order_id').as('order_id'),
  eb.ref('erp_shipments.shipment_number').as('shipment_number'),
  adapter.dateText('erp_shipments.ship_date').as('ship_date'),
  eb.ref('erp_shipments.carrier').as('carrier'),
  eb.ref('erp_shipments.tracking_number').as('tracking_number'),
  eb.ref('erp_shipments.status').as('status'),
];

export interface ShipmentRow {
  id: unknown;
  order_id: unknown;
  shipment_number: string;
  ship_date: unknown;
  carrier: string;
  tracking_number: string | null;
  status: string;
}

export function shipmentFromRow(adapter: EngineAdapter, row: ShipmentRow): Shipment {
  return {
    id: adapter.readId(row.id),
    orderId: adapter.readId(row.order_id),
    number: row.shipment_number,
    shipDate: row.ship_date === null ? null : adapter.readDate(row.ship_date),
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    status: readEnum(row.status, SHIPMENT_STATUSES, 'erp_shipments.status'),
  };
}

export const documentSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_documents'>) => [
  eb.ref('erp_documents.id').as('id'),
  eb.ref('erp_documents.order_id').as('order_id'),
  eb.ref('erp_documents.document_type').as('document_type'),
  eb.ref('erp_documents.title').as('title'),
  eb.ref('erp_documents.file_name').as('file_name'),
  eb.ref('erp_documents.content_type').as('content_type'),
  eb.ref('erp_documents.storage_key').as('storage_key'),
  adapter.dateText('erp_documents.created_date').as('created_date'),
];

export interface DocumentRow {
  id: unknown;
  order_id: unknown;
  document_type: string;
  title: string;
  file_name: string;
  content_type: string;
  storage_key: string;
  created_date: unknown;
}

export function documentFromRow(adapter: EngineAdapter, row: DocumentRow): OrderDocument {
  return {
    id: adapter.readId(row.id),
    orderId: adapter.readId(row.order_id),
    type: readEnum(row.document_type, DOCUMENT_TYPES, 'erp_documents.document_type'),
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    storageKey: row.storage_key,
    createdDate: adapter.readDate(row.created_date),
  };
}

export const ticketSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_service_cases'>) => [
  eb.ref('erp_service_cases.id').as('id'),
  eb.ref('erp_service_cases.customer_id').as('customer_id'),
  eb.ref('erp_service_cases.case_number').as('case_number'),
  eb.ref('erp_service_cases.subject').as('subject'),
  eb.ref('erp_service_cases.description').as('description'),
  eb.ref('erp_service_cases.status').as('status'),
  eb.ref('erp_service_cases.priority').as('priority'),
  adapter.instantText('erp_service_cases.created_at').as('created_at'),
  adapter.instantText('erp_service_cases.updated_at').as('updated_at'),
  adapter.instantText('erp_service_cases.closed_at').as('closed_at'),
];

export interface TicketRow {
  id: unknown;
  customer_id: unknown;
  case_number: string;
  subject: string;
  description: string;
  status: string;
  priority: string;
  created_at: unknown;
  updated_at: unknown;
  closed_at: unknown;
}

export function ticketFromRow(adapter: EngineAdapter, row: TicketRow): Ticket {
  return {
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: row.case_number,
    subject: row.subject,
    description: row.description,
    status: readEnum(row.status, CASE_STATUSES, 'erp_service_cases.status'),
    priority: readEnum(row.priority, CASE_PRIORITIES, 'erp_service_cases.priority'),
    createdAt: adapter.readInstant(row.created_at),
    updatedAt: adapter.readInstant(row.updated_at),
    closedAt: row.closed_at === null ? null : adapter.readInstant(row.closed_at),
  };
}

export const commentSelection = (adapter: EngineAdapter) => (eb: Builder<'erp_case_comments'>) => [
  eb.ref('erp_case_comments.id').as('id'),
  eb.ref('erp_case_comments.case_id').as('case_id'),
  eb.ref('erp_case_comments.author_name').as('author_name'),
  eb.ref('erp_case_comments.from_support').as('from_support'),
  eb.ref('erp_case_comments.body').as('body'),
  adapter.instantText('erp_case_comments.created_at').as('created_at'),
];

export interface CommentRow {
  id: unknown;
  case_id: unknown;
  author_name: string;
  from_support: unknown;
  body: string;
  created_at: unknown;
}

export function commentFromRow(adapter: EngineAdapter, row: CommentRow): TicketComment {
  return {
    id: adapter.readId(row.id),
    ticketId: adapter.readId(row.case_id),
    authorName: row.author_name,
    fromSupport: adapter.readBoolean(row.from_support),
    body: row.body,
    createdAt: adapter.readInstant(row.created_at),
  };
}
