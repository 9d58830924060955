import { CashReceiptWriter, type CashReceipt } from '../../connectors/erp/cash-receipts';
import { PaymentStore } from '../../connectors/payments';
import { TEST_ENGINES } from '../../connectors/payments/test/databases';
import type { ReceiptWriter } from './context';
import { PaymentHarness, startHarness } from './test/harness';

describe.each(TEST_ENGINES)('ERP write-back on %s', (engine) => {
  let harness: PaymentHarness;

  beforeAll(async () => {
    harness = await startHarness(engine);
  });

  afterAll(async () => {
    await harness.close();
  });

  beforeEach(async () => {
    await harness.reset({ writeBack: { leaseMs: 60_000, retryBaseMs: 30_000, retryMaxMs: 600_000 } });
  });

  async function paidPayment(numbers: readonly string[]): Promise<string> {
    const started = await harness.service.startPayment(
      harness.viewer,
      numbers.map((number) => ({ number })),
    );
    await harness.payOnHostedPage(started.checkoutUrl);
    return started.payment.id;
  }

  it('writes one receipt per invoice with exact amounts', async () => {
    await harness.addInvoices([
      { number: 'INV-1', balance: '125.5000' },
      { number: 'INV-2', balance: '0.1000' },
      { number: 'INV-J', balance: '15000.0000', currency: 'JPY' },
    ]);
    const usd = await paidPayment(['INV-1', 'INV-2']);
    const jpy = await paidPayment(['INV-J']);

    expect(await harness.service.runWriteBacks()).toEqual({ claimed: 2, written: 2, cancelled: 0, failed: 0 });
    expect(await harness.service.runWriteBacks()).toEqual({ claimed: 0, written: 0, cancelled: 0, failed: 0 });

    const receipts = await harness.receipts();
    expect(receipts.map((receipt) => [receipt.receiptReference, receipt.amount, receipt.currency])).toEqual([
      [`CP-${usd}-${harness.invoiceId('INV-1')}`, '125.5000', 'USD'],
      [`CP-${usd}-${harness.invoiceId('INV-2')}`, '0.1000', 'USD'],
      [`CP-${jpy}-${harness.invoiceId('INV-J')}`, '15000.0000', 'JPY'],
    ]);
    const [usdPayment] = await harness.service.paymentsById(harness.viewer.customer.id, [usd]);
    expect(receipts[0]).toMatchObject({
      customerId: harness.viewer.customer.id,
      method: 'CARD_ONLINE',
      externalPaymentId: usdPayment?.payment.paymentIntentId,
      paymentDate: usdPayment?.payment.succeededAt?.slice(0, 10),
    });
  });

  it('writes receipts once after a crash', async () => {
    await harness.addInvoices([
      { number: 'INV-1', balance: '10.0000' },
      { number: 'INV-2', balance: '20.0000' },
    ]);
    const paymentId = await paidPayment(['INV-1', 'INV-2']);

    // A worker claims the row and writes the receipts, then dies before marking the row DONE.
    const store = new PaymentStore(harness.portal);
    const [claim] = await store.transaction((queries) => queries.claimWriteBacks(10, 60_000, harness.clock().toISOString()));
    expect(claim?.attemptId).toBe(paymentId);
    const [lines = []] = await store.linesByAttemptIds([paymentId]);
    const attempt = await store.attemptById(paymentId);
    const crashed = await new CashReceiptWriter(harness.erp).insertReceipts(
      lines.map(
        (line): CashReceipt => ({
          receiptReference: `CP-${paymentId}-${line.invoiceId}`,
          customerId: attempt!.customerId,
          invoiceId: line.invoiceId,
          paymentDate: attempt!.succeededAt!.slice(0, 10),
          amount: line.amount,
          currency: attempt!.currency,
          externalPaymentId: attempt!.paymentIntentId!,
        }),
      ),
    );
    expect(crashed).toEqual({ inserted: 2, existing: 0 });

    // While the lease holds, no other worker takes the row.
    expect(await harness.service.runWriteBacks()).toMatchObject({ claimed: 0 });

    harness.clockOffset.ms = 61_000;
    expect(await harness.service.runWriteBacks()).toEqual({ claimed: 1, written: 1, cancelled: 0, failed: 0 });
    expect(await harness.receipts()).toHaveLength(2);
    expect(await store.writeBack(paymentId)).toMatchObject({ state: 'DONE', tries: 2 });
  });

  it('retries a failed write with backoff', async () => {
    await harness.addInvoices([{ number: 'INV-1', balance: '10.0000' }]);
    const paymentId = await paidPayment(['INV-1']);
    let failures = 2;
    const writer = new CashReceiptWriter(harness.erp);
    const flaky: ReceiptWriter = {
      insertReceipts: async (receipts, now) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('ERP database timed out');
        }
        return writer.insertReceipts(receipts, now);
      },
    };
    const service = harness.createService({ receipts: flaky });
    const store = new PaymentStore(harness.portal);

    expect(await service.runWriteBacks()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await store.writeBack(paymentId)).toMatchObject({ state: 'PENDING', tries: 1, lastError: 'ERP database timed out' });
    expect(await service.runWriteBacks()).toMatchObject({ claimed: 0 });

    harness.clockOffset.ms = 30_000;
    expect(await service.runWriteBacks()).toMatchObject({ claimed: 1, failed: 1 });
    // The second retry waits twice as long.
    harness.clockOffset.ms = 30_000 + 59_000;
    expect(await service.runWriteBacks()).toMatchObject({ claimed: 0 });
    harness.clockOffset.ms = 30_000 + 60_000;
    expect(await service.runWriteBacks()).toMatchObject({ claimed: 1, written: 1 });

    expect(await harness.receipts()).toHaveLength(1);
    expect(await store.writeBack(paymentId)).toMatchObject({ state: 'DONE', tries: 3, lastError: null });
  });

  it('writes receipts once with two workers', async () => {
    const numbers = ['INV-1', 'INV-2', 'INV-3', 'INV-4', 'INV-5', 'INV-6'];
    await harness.addInvoices(numbers.map((number) => ({ number, balance: '1.0000' })));
    for (const number of numbers) {
      await paidPayment([number]);
    }
    const other = harness.createService({ separateConnections: true });

    const [a, b] = await Promise.all([harness.service.runWriteBacks(), other.runWriteBacks()]);

    expect(a.written + b.written).toBe(6);
    expect(a.claimed + b.claimed).toBe(6);
    expect(await harness.receipts()).toHaveLength(6);
  });

  it('runs write-backs on a timer', async () => {
    await harness.addInvoices([{ number: 'INV-1', balance: '5.0000' }]);
    await paidPayment(['INV-1']);

    const loop = harness.service.startWriteBackLoop(20);
    const deadline = Date.now() + 5_000;
    while ((await harness.receipts()).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await loop.stop();

    expect(await harness.receipts()).toHaveLength(1);
  });
});
