/**
 * Captures the SQL that the ERP connector sends, without a database server.
 *
 * A Kysely instance with an engine's real query compiler and a driver that
 * records every compiled statement replaces the database. By default
 * each statement returns one row `{ id: '1' }`, which lets multi-statement
 * calls such as createTicket run to their last statement. The connector then
 * usually fails to map that row, which `captureStatements` ignores, because
 * only the SQL matters here.
 */
import {
  CompiledQuery,
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

import type { Contact, Customer } from '../../domain';
import type { Database } from '../../sql';
import { mssqlAdapter } from '../../sql/mssql-adapter';
import { createErpTables } from '../ddl';
import { createErpConnector, type ErpConnector } from '../index';

/** A statement as the driver received it, or a transaction boundary. */
export type CapturedStatement = { kind: 'query'; sql: string; parameters: readonly unknown[] } | { kind: 'transaction'; event: 'begin' | 'commit' | 'rollback' };

class RecordingDriver implements Driver {
  constructor(
    private readonly statements: CapturedStatement[],
    private readonly rows: readonly Record<string, unknown>[],
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const { statements, rows } = this;
    return {
      async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
        statements.push({ kind: 'query', sql: compiled.sql, parameters: compiled.parameters });
        return { rows: rows.map((row) => ({ ...row }) as R) };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
        throw new Error('The ERP connector does not stream results.');
      },
    };
  }

  async beginTransaction(): Promise<void> {
    this.statements.push({ kind: 'transaction', event: 'begin' });
  }

  async commitTransaction(): Promise<void> {
    this.statements.push({ kind: 'transaction', event: 'commit' });
  }

  async rollbackTransaction(): Promise<void> {
    this.statements.push({ kind: 'transaction', event: 'rollback' });
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/** Creates a SQL Server `Database` that appends each statement to `statements` instead of sending it, and returns `rows` for each. */
export function recordingMssqlDatabase(statements: CapturedStatement[], rows: readonly Record<string, unknown>[] = [{ id: '1' }]): Database {
  const dialect: Dialect = {
    createAdapter: () => new MssqlAdapter(),
    createDriver: () => new RecordingDriver(statements, rows),
    createIntrospector: (db) => new MssqlIntrospector(db),
    createQueryCompiler: () => new MssqlQueryCompiler(),
  };
  const db = new Kysely<any>({ dialect });
  return { db, engine: 'mssql', adapter: mssqlAdapter, close: () => db.destroy() };
}

/** One connector call whose statements are kept in a file of their own. */
export interface QueryCase {
  /** File name without ".sql", such as "invoices.listInvoices.first-page". */
  name: string;
  /** What the call does, written at the top of the file. */
  description: string;
  run(erp: ErpConnector, database: Database): Promise<unknown>;
}

const SCOPE = { customerId: '1', asOf: '2026-11-30' };
const CUSTOMER: Customer = { id: '1', number: 'C-10001', name: 'Acme Corporation', currency: 'USD', salesforceAccountId: null };
const CONTACT: Contact = { id: '11', customerId: '1', email: 'alice@acme.example', name: 'Alice Admin', role: 'ADMIN', portalAccess: true };
const KEYS = ['1', '2', '3'];

/** Every query of the ERP connector, with arguments that switch on each optional clause at least once. */
export const QUERY_CASES: readonly QueryCase[] = [
  { name: 'directory.contactsByEmail', description: 'contacts by e-mail address, ignoring case', run: (erp) => erp.directory.contactsByEmail(['Alice@Acme.example', 'bob@globex.example']) },
  { name: 'directory.contactsById', description: 'contacts by id', run: (erp) => erp.directory.contactsById(KEYS) },
  { name: 'directory.customersById', description: 'customers by id', run: (erp) => erp.directory.customersById(KEYS) },
  { name: 'directory.businessDate', description: 'the ERP business date', run: (erp) => erp.directory.businessDate() },
  { name: 'health.check', description: 'readiness probe', run: (erp) => erp.health.check() },

  {
    name: 'invoices.listInvoices.first-page',
    description: 'first page of invoices, by number ascending, without filters',
    run: (erp) => erp.invoices.listInvoices(SCOPE, { filter: {}, orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 25, after: null }),
  },
  {
    name: 'invoices.listInvoices.after-amount',
    description: 'next page of invoices by amount descending, after a page key, with every filter set',
    run: (erp) =>
      erp.invoices.listInvoices(SCOPE, {
        filter: { status: 'OUTSTANDING', type: 'INVOICE', dueDateFrom: '2026-01-01', dueDateTo: '2026-12-31', numberContains: '10_0%', overdue: true },
        orderBy: { field: 'AMOUNT', direction: 'DESC' },
        first: 25,
        after: { value: '490560.0000', id: '42' },
      }),
  },
  {
    name: 'invoices.listInvoices.after-status',
    description: 'next page of invoices by status (outstanding first), after a page key, not overdue',
    run: (erp) =>
      erp.invoices.listInvoices(SCOPE, { filter: { overdue: false }, orderBy: { field: 'STATUS', direction: 'ASC' }, first: 10, after: { value: 'OUTSTANDING', id: '42' } }),
  },
  {
    name: 'invoices.listInvoices.after-due-date',
    description: 'next page of invoices by due date ascending, paid credit memos only',
    run: (erp) =>
      erp.invoices.listInvoices(SCOPE, {
        filter: { status: 'PAID', type: 'CREDIT_MEMO' },
        orderBy: { field: 'DUE_DATE', direction: 'ASC' },
        first: 10,
        after: { value: '2026-11-30', id: '42' },
      }),
  },
  {
    name: 'invoices.countInvoices',
    description: 'number of outstanding invoices matching a number search',
    run: (erp) => erp.invoices.countInvoices(SCOPE, { status: 'OUTSTANDING', numberContains: 'INV' }),
  },
  { name: 'invoices.invoicesByNumber', description: 'invoices by number', run: (erp) => erp.invoices.invoicesByNumber('1', ['INV-100001', 'INV-100002']) },
  { name: 'invoices.invoicesById', description: 'invoices by id', run: (erp) => erp.invoices.invoicesById('1', KEYS) },
  { name: 'invoices.linesByInvoiceId', description: 'lines of several invoices', run: (erp) => erp.invoices.linesByInvoiceId('1', KEYS) },
  { name: 'invoices.invoicesByOrderId', description: 'invoices of several orders', run: (erp) => erp.invoices.invoicesByOrderId('1', KEYS) },
  { name: 'invoices.invoiceTotals', description: 'dashboard totals: invoiced, current and overdue balance', run: (erp) => erp.invoices.invoiceTotals(SCOPE) },
  { name: 'invoices.invoiceTrend', description: 'dashboard trend: invoiced and paid per month for 12 months', run: (erp) => erp.invoices.invoiceTrend(SCOPE, 12) },

  {
    name: 'orders.listOrders.first-page',
    description: 'first page of orders, newest first, without filters',
    run: (erp) => erp.orders.listOrders(SCOPE, { filter: {}, orderBy: { field: 'ORDER_DATE', direction: 'DESC' }, first: 25, after: null }),
  },
  {
    name: 'orders.listOrders.after-status',
    description: 'next page of orders by status, after a page key, with every filter set',
    run: (erp) =>
      erp.orders.listOrders(SCOPE, {
        filter: { status: ['OPEN', 'PARTIALLY_SHIPPED'], orderDateFrom: '2026-01-01', orderDateTo: '2026-11-30', numberContains: 'PO-7' },
        orderBy: { field: 'STATUS', direction: 'ASC' },
        first: 25,
        after: { value: 'OPEN', id: '42' },
      }),
  },
  {
    name: 'orders.listOrders.after-total',
    description: 'next page of orders by total descending, after a page key',
    run: (erp) => erp.orders.listOrders(SCOPE, { filter: {}, orderBy: { field: 'TOTAL', direction: 'DESC' }, first: 25, after: { value: '12345678901234.5678', id: '42' } }),
  },
  { name: 'orders.countOrders', description: 'number of orders with no status allowed (matches nothing)', run: (erp) => erp.orders.countOrders(SCOPE, { status: [] }) },
  { name: 'orders.ordersByNumber', description: 'orders by number', run: (erp) => erp.orders.ordersByNumber('1', ['SO-100001', 'SO-100002']) },
  { name: 'orders.ordersById', description: 'orders by id', run: (erp) => erp.orders.ordersById('1', KEYS) },
  { name: 'orders.linesByOrderId', description: 'lines of several orders', run: (erp) => erp.orders.linesByOrderId('1', KEYS) },
  { name: 'orders.shipmentsByOrderId', description: 'shipments of several orders', run: (erp) => erp.orders.shipmentsByOrderId('1', KEYS) },
  { name: 'orders.documentsByOrderId', description: 'documents of several orders', run: (erp) => erp.orders.documentsByOrderId('1', KEYS) },
  { name: 'orders.orderCounts', description: 'dashboard counts: open, closed and recent orders', run: (erp) => erp.orders.orderCounts(SCOPE) },

  {
    name: 'tickets.listTickets.first-page',
    description: 'first page of tickets, newest first, without filters',
    run: (erp) => erp.tickets.listTickets(SCOPE, { filter: {}, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, first: 25, after: null }),
  },
  {
    name: 'tickets.listTickets.after-updated',
    description: 'next page of tickets by last update, after a page key, with every filter set',
    run: (erp) =>
      erp.tickets.listTickets(SCOPE, {
        filter: { status: ['NEW', 'IN_PROGRESS'], priority: 'HIGH', search: '50%' },
        orderBy: { field: 'UPDATED_AT', direction: 'DESC' },
        first: 25,
        after: { value: '2026-11-20T10:00:00.123Z', id: '42' },
      }),
  },
  {
    name: 'tickets.listTickets.after-priority',
    description: 'next page of tickets by priority, after a page key',
    run: (erp) => erp.tickets.listTickets(SCOPE, { filter: {}, orderBy: { field: 'PRIORITY', direction: 'DESC' }, first: 25, after: { value: 'HIGH', id: '42' } }),
  },
  { name: 'tickets.countTickets', description: 'number of tickets with a status', run: (erp) => erp.tickets.countTickets(SCOPE, { status: ['CLOSED'] }) },
  { name: 'tickets.ticketsByNumber', description: 'tickets by number', run: (erp) => erp.tickets.ticketsByNumber('1', ['CS-100001', 'CS-100002']) },
  { name: 'tickets.commentsByTicketId', description: 'public comments of several tickets', run: (erp) => erp.tickets.commentsByTicketId('1', KEYS) },
  { name: 'tickets.ticketCounts', description: 'dashboard counts: open, closed and recent tickets', run: (erp) => erp.tickets.ticketCounts(SCOPE) },
  {
    name: 'tickets.createTicket',
    description: 'new ticket: insert, renumber from the generated id, read back, in one transaction',
    run: (erp) => erp.tickets.createTicket(CUSTOMER, CONTACT, { subject: 'Damaged pallet', description: 'Two boxes were crushed.', priority: 'HIGH' }),
  },
  {
    name: 'tickets.addComment',
    description: "new public comment: find the customer's case, insert, touch the case, read back, in one transaction",
    run: (erp) => erp.tickets.addComment(CUSTOMER, CONTACT, 'CS-100001', 'The replacement arrived, thank you.'),
  },

  {
    name: 'demo.createErpTables',
    description: 'demo and test tables of the contract (not used against a real ERP)',
    run: (_erp, database) => createErpTables(database.db, database.engine),
  },
];

/** Runs one case against a recording database and returns its statements. */
export async function captureStatements(queryCase: QueryCase): Promise<CapturedStatement[]> {
  const statements: CapturedStatement[] = [];
  const database = recordingMssqlDatabase(statements);
  const erp = createErpConnector(database, { now: () => new Date('2026-11-30T09:15:00.123Z') });
  try {
    await queryCase.run(erp, database);
  } catch {
    // The canned row does not fit most result mappings; the statements were recorded before that.
  } finally {
    await database.close();
  }
  return statements;
}

/** Keywords that start a new line when they stand outside parentheses and string literals. */
const CLAUSE_KEYWORDS = ['from', 'inner join', 'left join', 'where', 'group by', 'having', 'order by', 'union all', 'output', 'values', 'set', 'offset'];

/**
 * Breaks a compiled statement into lines before its top-level clauses and
 * conditions and after top-level commas, for review. Only spaces become line breaks, so the text is the
 * same SQL that Kysely compiled.
 */
export function formatStatement(statement: string): string {
  let output = '';
  let depth = 0;
  let quote: string | null = null;

  for (let index = 0; index < statement.length; index += 1) {
    const character = statement[index] as string;
    if (quote !== null) {
      output += character;
      if (character === quote) {
        quote = null;
      }
      continue;
    }
    if (character === "'" || character === '"') {
      quote = character;
    } else if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
    }

    if (character === ',' && depth === 0 && statement[index + 1] === ' ') {
      output += ',\n ';
      continue;
    }
    if (character === ' ' && depth === 0) {
      const rest = statement.slice(index + 1);
      if (CLAUSE_KEYWORDS.some((keyword) => rest.startsWith(`${keyword} `))) {
        output += '\n';
        continue;
      }
      if (rest.startsWith('and ') || rest.startsWith('or ')) {
        output += '\n  ';
        continue;
      }
    }
    output += character;
  }
  return output;
}

/** createTicket's temporary case number is random, so the file shows its pattern instead. */
function stableParameter(value: unknown): unknown {
  return typeof value === 'string' && /^PENDING-[0-9a-f]{24}$/.test(value) ? 'PENDING-<24 random hex digits>' : value;
}

/** Renders the file text of a case: a header, then each statement with its parameters. */
export function renderStatements(queryCase: QueryCase, statements: readonly CapturedStatement[]): string {
  const lines = [
    `-- ${queryCase.name}: ${queryCase.description}.`,
    '-- SQL Server statements compiled by Kysely, written by connectors/erp/mssql-queries.test.ts (see the README to update).',
  ];
  for (const statement of statements) {
    lines.push('');
    if (statement.kind === 'transaction') {
      lines.push(`-- ${statement.event} transaction`);
      continue;
    }
    if (statement.parameters.length > 0) {
      lines.push(`-- parameters: ${statement.parameters.map((value, index) => `@${index + 1} = ${JSON.stringify(stableParameter(value))}`).join(', ')}`);
    }
    lines.push(`${formatStatement(statement.sql)};`);
  }
  return `${lines.join('\n')}\n`;
}
