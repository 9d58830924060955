import { createTestDatabase, TEST_ENGINES, type TestDatabase } from '../payments/test/databases';
import type { Database } from '../sql';
import { cashReceiptReference, CashReceiptConflictError, CashReceiptWriter, createCashReceiptsTable, type CashReceipt } from './cash-receipts';
import { createErpTables } from './ddl';

const NOW = '2026-11-30T14:05:00.000Z';

describe.each(TEST_ENGINES)('cash receipts on %s', (engine) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let writer: CashReceiptWriter;
  let customerId: string;
  let invoiceIds: string[];

  beforeEach(async () => {
    testDatabase = await createTestDatabase(engine, 'receipts');
    database = testDatabase.open();
    await createErpTables(database.db, engine);
    await createCashReceiptsTable(database.db, engine);
    await createCashReceiptsTable(database.db, engine);

    const { adapter } = database;
    customerId = await adapter.insertReturningId(
      database.db.insertInto('erp_customers').values({ customer_number: 'C-1', name: 'Acme', currency_code: 'USD', salesforce_account_id: null }),
    );
    invoiceIds = [];
    for (const number of ['INV-1', 'INV-2']) {
      invoiceIds.push(
        await adapter.insertReturningId(
          database.db.insertInto('erp_invoices').values({
            customer_id: customerId,
            invoice_number: number,
            invoice_type: 'INVOICE',
            invoice_date: adapter.dateParameter('2026-11-01'),
            due_date: adapter.dateParameter('2026-12-01'),
            currency_code: 'USD',
            amount: adapter.decimalParameter('1234.5678'),
            balance: adapter.decimalParameter('1234.5678'),
            order_id: null,
          }),
        ),
      );
    }
    writer = new CashReceiptWriter(database);
  });

  afterEach(async () => {
    await testDatabase.close();
  });

  function receipt(index: number, amount = '1234.5678'): CashReceipt {
    const invoiceId = invoiceIds[index] as string;
    return {
      receiptReference: cashReceiptReference('pay_abcdefghijklmnopqrst', invoiceId),
      customerId,
      invoiceId,
      paymentDate: '2026-11-30',
      amount,
      currency: 'USD',
      externalPaymentId: 'pi_123',
    };
  }

  it('writes each receipt once', async () => {
    const first = await writer.insertReceipts([receipt(0), receipt(1, '0.0001')], NOW);
    const second = await writer.insertReceipts([receipt(0), receipt(1, '0.0001')], NOW);

    expect(first).toEqual({ inserted: 2, existing: 0 });
    expect(second).toEqual({ inserted: 0, existing: 2 });
    const stored = await writer.receiptsByInvoiceId(invoiceIds[0] as string);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      receiptReference: `CP-pay_abcdefghijklmnopqrst-${invoiceIds[0]}`,
      customerId,
      paymentDate: '2026-11-30',
      amount: '1234.5678',
      currency: 'USD',
      method: 'CARD_ONLINE',
      externalPaymentId: 'pi_123',
      createdAt: NOW,
    });
    const [small] = await writer.receiptsByReference([receipt(1).receiptReference]);
    expect(small?.amount).toBe('0.0001');
  });

  it('refuses a second receipt under one reference with another amount', async () => {
    await writer.insertReceipts([receipt(0)], NOW);

    await expect(writer.insertReceipts([receipt(1), receipt(0, '1.0000')], NOW)).rejects.toBeInstanceOf(CashReceiptConflictError);
    // The whole call rolled back, so the other receipt was not written either.
    expect(await writer.receiptsByReference([receipt(1).receiptReference])).toEqual([null]);
  });

  it('rejects amounts that are not positive or have more than four decimals', async () => {
    await expect(writer.insertReceipts([receipt(0, '0')], NOW)).rejects.toThrow('expected a positive decimal');
    await expect(writer.insertReceipts([receipt(0, '1.00001')], NOW)).rejects.toThrow('more than 4 fraction digits');
  });
});
