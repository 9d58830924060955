/**
 * Reference reads for the contract suite: whole tables read with SELECT *
 * and converted with the adapter's read functions, independent of the
 * connector's queries, plus the sort orders the connector must produce.
 * SQLite and PostgreSQL return these columns as the adapters expect. On SQL
 * Server, decimal, date and instant columns are also selected through the
 * adapter's text expressions, because tedious returns numbers and Date objects.
 */
import { sql } from 'kysely';

import * as decimal from '../../decimal';
import type { Contact, Customer, Invoice, InvoiceStatus, Order, OrderDocument, Ticket } from '../../domain';
import type { Keyset, Page, SortDirection } from '../../sources';
import type { Database } from '../../sql';

type RawRow = Record<string, unknown>;

/** Columns that need the adapter's text expression on SQL Server. */
interface ConvertedColumns {
  decimals?: readonly string[];
  dates?: readonly string[];
  instants?: readonly string[];
}

const CONVERTED_PREFIX = 'converted_';

async function selectAll(database: Database, table: string, converted: ConvertedColumns = {}): Promise<RawRow[]> {
  if (database.engine !== 'mssql') {
    const result = await sql<RawRow>`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(database.db);
    return result.rows;
  }

  const { adapter } = database;
  const expressions = [
    ...(converted.decimals ?? []).map((column) => sql`${adapter.decimalText(sql.ref(column))} AS ${sql.ref(CONVERTED_PREFIX + column)}`),
    ...(converted.dates ?? []).map((column) => sql`${adapter.dateText(sql.ref(column))} AS ${sql.ref(CONVERTED_PREFIX + column)}`),
    ...(converted.instants ?? []).map((column) => sql`${adapter.instantText(sql.ref(column))} AS ${sql.ref(CONVERTED_PREFIX + column)}`),
  ];
  const list = expressions.length === 0 ? sql`*` : sql`*, ${sql.join(expressions)}`;
  const result = await sql<RawRow>`SELECT ${list} FROM ${sql.table(table)} ORDER BY id`.execute(database.db);
  return result.rows.map((row) => {
    const copy: RawRow = {};
    for (const [key, value] of Object.entries(row)) {
      if (!key.startsWith(CONVERTED_PREFIX)) {
        const convertedValue = row[CONVERTED_PREFIX + key];
        copy[key] = convertedValue === undefined ? value : convertedValue;
      }
    }
    return copy;
  });
}

export async function referenceCustomers(database: Database): Promise<Customer[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_customers')).map((row) => ({
    id: adapter.readId(row.id),
    number: String(row.customer_number),
    name: String(row.name),
    currency: String(row.currency_code).trim(),
    salesforceAccountId: row.salesforce_account_id === null ? null : String(row.salesforce_account_id),
  }));
}

export async function referenceContacts(database: Database): Promise<Contact[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_contacts')).map((row) => ({
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    email: String(row.email),
    name: String(row.full_name),
    role: row.portal_role as Contact['role'],
    portalAccess: adapter.readBoolean(row.portal_access),
  }));
}

export async function referenceBusinessDate(database: Database): Promise<string> {
  const result = await sql<{ business_date: unknown }>`SELECT ${database.adapter.dateText(sql.ref('business_date'))} AS business_date FROM erp_business_date`.execute(
    database.db,
  );
  return result.rows.map((row) => database.adapter.readDate(row.business_date)).sort().reverse()[0] ?? '';
}

export async function referenceInvoices(database: Database): Promise<Invoice[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_invoices', { decimals: ['amount', 'balance'], dates: ['invoice_date', 'due_date'] })).map((row) => ({
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: String(row.invoice_number),
    type: row.invoice_type as Invoice['type'],
    invoiceDate: adapter.readDate(row.invoice_date),
    dueDate: adapter.readDate(row.due_date),
    currency: String(row.currency_code),
    amount: adapter.readDecimal(row.amount),
    balance: adapter.readDecimal(row.balance),
    orderId: row.order_id === null ? null : adapter.readId(row.order_id),
  }));
}

export interface ReferencePayment {
  id: string;
  invoiceId: string;
  paymentDate: string;
  amount: string;
}

export async function referencePayments(database: Database): Promise<ReferencePayment[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_invoice_payments', { decimals: ['amount'], dates: ['payment_date'] })).map((row) => ({
    id: adapter.readId(row.id),
    invoiceId: adapter.readId(row.invoice_id),
    paymentDate: adapter.readDate(row.payment_date),
    amount: adapter.readDecimal(row.amount),
  }));
}

export interface ReferenceLine {
  id: string;
  parentId: string;
  lineNumber: number;
  amount: string;
}

export async function referenceLines(database: Database, table: 'erp_invoice_lines' | 'erp_order_lines'): Promise<ReferenceLine[]> {
  const { adapter } = database;
  return (await selectAll(database, table, { decimals: ['amount'] })).map((row) => ({
    id: adapter.readId(row.id),
    parentId: adapter.readId(table === 'erp_invoice_lines' ? row.invoice_id : row.order_id),
    lineNumber: adapter.readInteger(row.line_number),
    amount: adapter.readDecimal(row.amount),
  }));
}

export async function referenceOrders(database: Database): Promise<Order[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_orders', { decimals: ['total_amount'], dates: ['order_date'] })).map((row) => ({
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: String(row.order_number),
    purchaseOrderNumber: row.customer_po === null ? null : String(row.customer_po),
    orderDate: adapter.readDate(row.order_date),
    status: row.status as Order['status'],
    currency: String(row.currency_code),
    total: adapter.readDecimal(row.total_amount),
  }));
}

export interface ReferenceShipment {
  id: string;
  orderId: string;
}

export async function referenceShipments(database: Database): Promise<ReferenceShipment[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_shipments')).map((row) => ({ id: adapter.readId(row.id), orderId: adapter.readId(row.order_id) }));
}

export async function referenceDocuments(database: Database): Promise<OrderDocument[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_documents', { dates: ['created_date'] })).map((row) => ({
    id: adapter.readId(row.id),
    orderId: adapter.readId(row.order_id),
    type: row.document_type as OrderDocument['type'],
    title: String(row.title),
    fileName: String(row.file_name),
    contentType: String(row.content_type),
    storageKey: String(row.storage_key),
    createdDate: adapter.readDate(row.created_date),
  }));
}

export async function referenceTickets(database: Database): Promise<Ticket[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_service_cases', { instants: ['created_at', 'updated_at', 'closed_at'] })).map((row) => ({
    id: adapter.readId(row.id),
    customerId: adapter.readId(row.customer_id),
    number: String(row.case_number),
    subject: String(row.subject),
    description: String(row.description),
    status: row.status as Ticket['status'],
    priority: row.priority as Ticket['priority'],
    createdAt: adapter.readInstant(row.created_at),
    updatedAt: adapter.readInstant(row.updated_at),
    closedAt: row.closed_at === null ? null : adapter.readInstant(row.closed_at),
  }));
}

export interface ReferenceComment {
  id: string;
  ticketId: string;
  isPublic: boolean;
  fromSupport: boolean;
  createdAt: string;
}

export async function referenceComments(database: Database): Promise<ReferenceComment[]> {
  const { adapter } = database;
  return (await selectAll(database, 'erp_case_comments', { instants: ['created_at'] })).map((row) => ({
    id: adapter.readId(row.id),
    ticketId: adapter.readId(row.case_id),
    isPublic: adapter.readBoolean(row.is_public),
    fromSupport: adapter.readBoolean(row.from_support),
    createdAt: adapter.readInstant(row.created_at),
  }));
}

export function referenceInvoiceStatus(invoice: Invoice): InvoiceStatus {
  return decimal.isZero(invoice.balance) ? 'PAID' : 'OUTSTANDING';
}

/** A sort value and how to compare two of them. */
export interface ReferenceSort<T> {
  value(node: T): string;
  compare(a: string, b: string): number;
}

export function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function compareIds(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  if (difference === 0n) {
    return 0;
  }
  return difference < 0n ? -1 : 1;
}

export function compareRank(ranks: readonly string[]): (a: string, b: string) => number {
  return (a, b) => ranks.indexOf(a) - ranks.indexOf(b);
}

export const compareDecimal = (a: string, b: string): number => decimal.compare(a, b);

/** Nodes in the order the connector must return them: by sort value, then by numeric id, both in `direction`. */
export function referenceOrder<T extends { id: string }>(nodes: readonly T[], sort: ReferenceSort<T>, direction: SortDirection): T[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...nodes].sort((a, b) => {
    const byValue = sort.compare(sort.value(a), sort.value(b));
    if (byValue !== 0) {
      return sign * byValue;
    }
    return sign * compareIds(a.id, b.id);
  });
}

/** Fetches every page of a list, `first` rows at a time, following each page's last key. */
export async function collectPages<T>(fetch: (after: Keyset | null) => Promise<Page<T>>): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let after: Keyset | null = null;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = await fetch(after);
    pages.push(page);
    const last = page.items[page.items.length - 1];
    if (!page.hasNextPage || last === undefined) {
      return pages;
    }
    after = last.key;
  }
  throw new Error('collectPages followed 10,000 pages without reaching the end, so hasNextPage never became false.');
}
