/**
 * Write-back of online card payments into the ERP: one row per paid invoice
 * in `erp_cash_receipts`, which the ERP imports and applies to the invoice.
 *
 * Table (a staging table or an updatable view on the ERP side):
 *
 * | column              | type                                  | meaning                                          |
 * |---------------------|---------------------------------------|--------------------------------------------------|
 * | id                  | BIGINT identity (INTEGER on SQLite)   | ERP-side key                                     |
 * | receipt_reference   | VARCHAR(80), UNIQUE                   | `cashReceiptReference(payment, invoice)`         |
 * | customer_id         | BIGINT                                | erp_customers.id                                 |
 * | invoice_id          | BIGINT                                | erp_invoices.id                                  |
 * | payment_date        | DATE                                  | UTC calendar day on which the payment succeeded  |
 * | amount              | DECIMAL(19,4)                         | positive; INTEGER ten-thousandths on SQLite      |
 * | currency_code       | CHAR(3)                               | the invoice's currency                           |
 * | method              | VARCHAR(20)                           | always 'CARD_ONLINE'                             |
 * | external_payment_id | VARCHAR(255)                          | Stripe PaymentIntent id (`pi_...`)               |
 * | created_at          | TIMESTAMP(3) in UTC (ISO text on SQLite) | when the portal wrote the row                 |
 *
 * The unique receipt reference makes the write idempotent: writing the same
 * receipt again changes nothing, so a write-back that is retried after a
 * crash cannot book a payment twice. `receipt_reference` has the length of
 * `erp_invoice_payments.reference`, so the ERP can carry it over when it
 * applies the receipt.
 */
import { sql, type Kysely } from 'kysely';

import * as decimal from '../decimal';
import type { CurrencyCode, DecimalString, IsoDate, IsoDateTime } from '../domain';
import type { Database, Engine } from '../sql';

export const CASH_RECEIPT_METHOD = 'CARD_ONLINE';

/** Maximum length of a receipt reference, the width of its column. */
export const RECEIPT_REFERENCE_MAX_LENGTH = 80;

export interface CashReceipt {
  receiptReference: string;
  customerId: string;
  invoiceId: string;
  paymentDate: IsoDate;
  /** Positive, with at most four decimal places. */
  amount: DecimalString;
  currency: CurrencyCode;
  externalPaymentId: string;
}

export interface StoredCashReceipt extends CashReceipt {
  id: string;
  method: string;
  createdAt: IsoDateTime;
}

export interface InsertReceiptsResult {
  /** Receipts written by this call. */
  inserted: number;
  /** Receipts that were already there with the same values, and were left as they were. */
  existing: number;
}

/** A receipt reference is already stored with other values: a second, different payment under one reference. */
export class CashReceiptConflictError extends Error {
  override readonly name = 'CashReceiptConflictError';

  constructor(
    readonly receiptReference: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Builds the receipt reference of one invoice paid by one portal payment, for
 * example "CP-pay_k2n4...-1042". Both ids are short ("pay_" and 20
 * characters, and an ERP integer id), so the result stays within 80
 * characters.
 */
export function cashReceiptReference(paymentId: string, invoiceId: string): string {
  const reference = `CP-${paymentId}-${invoiceId}`;
  if (reference.length > RECEIPT_REFERENCE_MAX_LENGTH) {
    throw new RangeError(`Receipt reference "${reference}" is longer than ${RECEIPT_REFERENCE_MAX_LENGTH} characters.`);
  }
  return reference;
}

/** Creates `erp_cash_receipts` if it does not exist, for demo and test databases on SQLite and PostgreSQL. */
export async function createCashReceiptsTable(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'mssql') {
    throw new Error('The demo erp_cash_receipts table can be created on SQLite and PostgreSQL only; on SQL Server the ERP provides it.');
  }
  const sqlite = engine === 'sqlite';

  let table = db.schema.createTable('erp_cash_receipts').ifNotExists();
  table = sqlite
    ? table.addColumn('id', 'integer', (c) => c.primaryKey())
    : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
  await table
    .addColumn('receipt_reference', `varchar(${RECEIPT_REFERENCE_MAX_LENGTH})`, (c) => c.notNull().unique())
    .addColumn('customer_id', sqlite ? 'integer' : 'bigint', (c) => c.notNull().references('erp_customers.id'))
    .addColumn('invoice_id', sqlite ? 'integer' : 'bigint', (c) => c.notNull().references('erp_invoices.id'))
    .addColumn('payment_date', sqlite ? 'text' : 'date', (c) => c.notNull())
    .addColumn('amount', sqlite ? 'integer' : sql`numeric(19, 4)`, (c) => c.notNull())
    .addColumn('currency_code', 'char(3)', (c) => c.notNull())
    .addColumn('method', 'varchar(20)', (c) => c.notNull())
    .addColumn('external_payment_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', sqlite ? 'text' : sql`timestamp(3)`, (c) => c.notNull())
    .addCheckConstraint('erp_cash_receipts_method_check', sql`method IN (${sql.lit(CASH_RECEIPT_METHOD)})`)
    .addCheckConstraint('erp_cash_receipts_amount_check', sql`amount > 0`)
    .execute();
  await db.schema.createIndex('erp_cash_receipts_invoice_idx').ifNotExists().on('erp_cash_receipts').column('invoice_id').execute();
}

/** Writes and reads `erp_cash_receipts` in the ERP database. */
export class CashReceiptWriter {
  constructor(private readonly database: Database) {}

  /**
   * Writes the receipts that are not there yet, all in one transaction. A
   * receipt whose reference exists with the same invoice, amount, currency
   * and payment id counts as `existing`. One that exists with other values
   * raises `CashReceiptConflictError`, and then nothing of the call is written.
   */
  async insertReceipts(receipts: readonly CashReceipt[], now: IsoDateTime = new Date().toISOString()): Promise<InsertReceiptsResult> {
    for (const receipt of receipts) {
      checkReceipt(receipt);
    }
    if (receipts.length === 0) {
      return { inserted: 0, existing: 0 };
    }

    const { adapter, engine } = this.database;
    return this.database.db.transaction().execute(async (trx) => {
      let inserted = 0;
      for (const receipt of receipts) {
        const values = {
          receipt_reference: receipt.receiptReference,
          customer_id: receipt.customerId,
          invoice_id: receipt.invoiceId,
          payment_date: adapter.dateParameter(receipt.paymentDate),
          amount: adapter.decimalParameter(receipt.amount),
          currency_code: receipt.currency,
          method: CASH_RECEIPT_METHOD,
          external_payment_id: receipt.externalPaymentId,
          created_at: adapter.instantParameter(now),
        };

        if (engine === 'mssql') {
          // SQL Server has no ON CONFLICT; a duplicate key error (2627, 2601) leaves the transaction usable.
          try {
            await trx.insertInto('erp_cash_receipts').values(values).execute();
            inserted += 1;
          } catch (error) {
            if (!isMssqlDuplicateKey(error)) {
              throw error;
            }
          }
        } else {
          const result = await trx
            .insertInto('erp_cash_receipts')
            .values(values)
            .onConflict((conflict) => conflict.column('receipt_reference').doNothing())
            .executeTakeFirst();
          inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
        }
      }

      // Every receipt now exists; compare the stored rows with what was asked for.
      const stored = await readReceipts(trx, this.database, receipts.map((receipt) => receipt.receiptReference));
      receipts.forEach((receipt, index) => checkSameReceipt(receipt, stored[index] ?? null));
      return { inserted, existing: receipts.length - inserted };
    });
  }

  /** Receipts by reference, in the order given, with null for a reference that has none. */
  receiptsByReference(references: readonly string[]): Promise<(StoredCashReceipt | null)[]> {
    return readReceipts(this.database.db, this.database, references);
  }

  /** Lists every receipt of one invoice, oldest first. */
  async receiptsByInvoiceId(invoiceId: string): Promise<StoredCashReceipt[]> {
    const rows = await selectReceipts(this.database.db, this.database).where('invoice_id', '=', invoiceId).orderBy('id').execute();
    return rows.map((row) => toStoredReceipt(row, this.database));
  }
}

function selectReceipts(db: Kysely<any>, database: Database) {
  const { adapter } = database;
  return db
    .selectFrom('erp_cash_receipts')
    .select((eb) => [
      'id',
      'receipt_reference',
      'customer_id',
      'invoice_id',
      adapter.dateText(eb.ref('payment_date')).as('payment_date'),
      adapter.decimalText(eb.ref('amount')).as('amount'),
      'currency_code',
      'method',
      'external_payment_id',
      adapter.instantText(eb.ref('created_at')).as('created_at'),
    ]);
}

async function readReceipts(db: Kysely<any>, database: Database, references: readonly string[]): Promise<(StoredCashReceipt | null)[]> {
  if (references.length === 0) {
    return [];
  }
  const rows = await selectReceipts(db, database).where('receipt_reference', 'in', [...references]).execute();
  const byReference = new Map(rows.map((row) => [String(row.receipt_reference), toStoredReceipt(row, database)]));
  return references.map((reference) => byReference.get(reference) ?? null);
}

function toStoredReceipt(row: Record<string, unknown>, database: Database): StoredCashReceipt {
  const { adapter } = database;
  return {
    id: adapter.readId(row['id']),
    receiptReference: String(row['receipt_reference']),
    customerId: adapter.readId(row['customer_id']),
    invoiceId: adapter.readId(row['invoice_id']),
    paymentDate: adapter.readDate(row['payment_date']),
    amount: adapter.readDecimal(row['amount']),
    currency: String(row['currency_code']).trim(),
    method: String(row['method']),
    externalPaymentId: String(row['external_payment_id']),
    createdAt: adapter.readInstant(row['created_at']),
  };
}

function checkReceipt(receipt: CashReceipt): void {
  if (receipt.receiptReference === '' || receipt.receiptReference.length > RECEIPT_REFERENCE_MAX_LENGTH) {
    throw new RangeError(`Invalid receipt reference "${receipt.receiptReference}": expected 1 to ${RECEIPT_REFERENCE_MAX_LENGTH} characters.`);
  }
  if (!decimal.isDecimalString(receipt.amount) || decimal.compare(receipt.amount, '0') <= 0) {
    throw new RangeError(`Invalid amount "${receipt.amount}" for receipt ${receipt.receiptReference}: expected a positive decimal.`);
  }
  // toScaledInteger rejects digits beyond the fourth decimal place instead of rounding them away.
  decimal.toScaledInteger(receipt.amount);
}

function checkSameReceipt(expected: CashReceipt, stored: StoredCashReceipt | null): void {
  if (stored === null) {
    throw new Error(`Cash receipt ${expected.receiptReference} is missing right after it was written.`);
  }
  const same =
    stored.invoiceId === expected.invoiceId &&
    stored.customerId === expected.customerId &&
    decimal.compare(stored.amount, expected.amount) === 0 &&
    stored.currency === expected.currency &&
    stored.externalPaymentId === expected.externalPaymentId;
  if (!same) {
    throw new CashReceiptConflictError(
      expected.receiptReference,
      `Cash receipt ${expected.receiptReference} already exists with other values (invoice ${stored.invoiceId}, ${stored.amount} ${stored.currency}, payment ${stored.externalPaymentId}); ` +
        `the new write (invoice ${expected.invoiceId}, ${expected.amount} ${expected.currency}, payment ${expected.externalPaymentId}) was not applied. Check both payments in Stripe.`,
    );
  }
}

function isMssqlDuplicateKey(error: unknown): boolean {
  const number = (error as { number?: unknown } | null)?.number;
  return number === 2627 || number === 2601;
}
