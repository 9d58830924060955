import pino, { type Logger } from 'pino';

import { ConnectorInputError, UpstreamUnavailableError } from '../../connectors/errors';
import { TEST_ENGINES } from '../../connectors/payments/test/databases';
import { startFakeStripe } from '../../connectors/stripe/fake/server';
import { PaymentHarness, startHarness } from './test/harness';

async function inputError(promise: Promise<unknown>): Promise<ConnectorInputError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorInputError);
  return error as ConnectorInputError;
}

/** A pino logger that keeps its JSON lines, so a test can check what was logged. */
function capturedLogs(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const output: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => output.push(line) });
  return { logger, lines: () => output.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe.each(TEST_ENGINES)('startPayment on %s', (engine) => {
  let harness: PaymentHarness;

  /** Replaces the fake Stripe with a new one on the same port that knows no sessions, as a restart does. */
  async function restartFakeStripe(): Promise<void> {
    const port = Number(new URL(harness.settings.stripe.apiUrl as string).port);
    await harness.fake.close();
    harness.fake = await startFakeStripe({ port, webhookSecret: harness.settings.webhookSecret, now: () => harness.clock().getTime() });
  }

  beforeAll(async () => {
    harness = await startHarness(engine);
  });

  afterAll(async () => {
    await harness.close();
  });

  describe('with full payments only', () => {
    beforeEach(async () => {
      await harness.reset();
      await harness.addInvoices([
        { number: 'INV-1', balance: '125.5000' },
        { number: 'INV-2', balance: '74.2500' },
        { number: 'INV-PAID', balance: '0.0000' },
        { number: 'CM-1', balance: '-20.0000', type: 'CREDIT_MEMO' },
        { number: 'INV-EUR', balance: '10.0000', currency: 'EUR' },
        { number: 'INV-FRACTION', balance: '10.0050' },
      ]);
    });

    it('charges ERP balances in one session', async () => {
      const started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]);

      expect(started.reused).toBe(false);
      expect(started.payment).toMatchObject({ state: 'OPEN', currency: 'USD', total: '199.7500', customerId: harness.viewer.customer.id });
      expect(started.lines.map((line) => [line.invoiceNumber, line.amount, line.balanceSeen])).toEqual([
        ['INV-1', '125.5000', '125.5000'],
        ['INV-2', '74.2500', '74.2500'],
      ]);

      const session = harness.fake.session(started.payment.checkoutSessionId as string);
      expect(started.checkoutUrl).toBe(session?.url);
      expect(session).toMatchObject({ amount_total: 19975, currency: 'usd', client_reference_id: started.payment.id, customer_email: 'alice@acme.example' });
      expect(session?.metadata).toMatchObject({ portal_payment_id: started.payment.id, invoices: 'INV-1,INV-2' });
      expect(session?.success_url).toBe(`http://127.0.0.1:4000/payments/${started.payment.id}?result=success`);
      expect(harness.fake.lineItems(session!.id).map((item) => [item.name, item.unitAmount, item.quantity])).toEqual([
        ['Invoice INV-1', 12550, 1],
        ['Invoice INV-2', 7425, 1],
      ]);
    });

    it('returns the same session for a repeated request', async () => {
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]);
      const second = await harness.service.startPayment(harness.viewer, [{ number: 'INV-2' }, { number: 'INV-1' }]);

      expect(second.reused).toBe(true);
      expect(second.payment.id).toBe(first.payment.id);
      expect(second.checkoutUrl).toBe(first.checkoutUrl);
      expect(harness.fake.sessions()).toHaveLength(1);
    });

    it('creates one session for concurrent requests', async () => {
      const other = harness.createService({ separateConnections: true });
      harness.fake.setApiLatency(50);

      const results = await Promise.all([
        harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]),
        other.startPayment(harness.viewer, [{ number: 'INV-1' }]),
        harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]),
        other.startPayment(harness.viewer, [{ number: 'INV-1' }]),
      ]);

      expect(new Set(results.map((result) => result.checkoutUrl)).size).toBe(1);
      expect(new Set(results.map((result) => result.payment.id)).size).toBe(1);
      expect(harness.fake.sessions()).toHaveLength(1);
      expect(results.filter((result) => !result.reused)).toHaveLength(1);
    });

    it('rejects paying a covered invoice', async () => {
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);

      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]));

      expect(error.message).toContain('Invoice INV-1 is already covered by pending payment');
      expect(error.message).toContain(first.payment.id);
      expect(error.message).toContain('Complete or cancel that payment');
      expect(error.field).toBe('invoices.0.number');
      expect(harness.fake.sessions()).toHaveLength(1);
    });

    it('rejects partial amounts when disabled', async () => {
      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '25.00' }]));
      expect(error.message).toBe(
        'Invoice INV-1: partial payments are not enabled, so the amount must be the open amount 125.50 USD. Leave the amount out to pay it in full.',
      );
      expect(error.field).toBe('invoices.0.amount');
    });

    it('accepts an amount equal to the open amount', async () => {
      const started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '125.5' }]);
      expect(started.payment.total).toBe('125.5000');
    });

    it.each([
      [[{ number: 'INV-404' }], 'Invoice INV-404 was not found. Check the number; only your company\'s invoices can be paid.'],
      [[{ number: 'CM-1' }], 'CM-1 is a credit memo, which cannot be paid. Remove it from the payment.'],
      [[{ number: 'INV-PAID' }], 'Invoice INV-PAID has no open balance. Remove it from the payment.'],
      [[{ number: 'INV-1' }, { number: 'INV-1' }], 'Invoice INV-1 is listed twice; list each invoice once.'],
      [[], 'Choose at least one invoice to pay.'],
      [[{ number: 'INV-1' }, { number: 'INV-EUR' }], 'Invoices in different currencies cannot be paid together (USD: INV-1; EUR: INV-EUR). Pay each currency separately.'],
      [[{ number: 'INV-1', amount: '-5' }], 'Invoice INV-1: amount "-5" is not a positive decimal number such as 125.50.'],
      [[{ number: 'INV-1', amount: '500.00' }], 'Invoice INV-1: 500.00 USD is more than the open amount 125.50 USD. Enter at most 125.50.'],
    ])('rejects %j', async (requests, message) => {
      const error = await inputError(harness.service.startPayment(harness.viewer, requests));
      expect(error.message).toBe(message);
      expect(harness.fake.sessions()).toHaveLength(0);
    });

    it('rejects a balance in fractional cents', async () => {
      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-FRACTION' }]));
      expect(error.message).toContain('Invoice INV-FRACTION: 10.005 USD cannot be charged exactly by card');
    });

    it('reuses the attempt after a Stripe outage', async () => {
      await harness.fake.close();
      const unreachable = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]).catch((error: unknown) => error);
      expect(unreachable).toBeInstanceOf(UpstreamUnavailableError);

      // Stripe comes back on the same port; the same request finds the CREATED attempt.
      const port = Number(new URL(harness.settings.stripe.apiUrl as string).port);
      harness.fake = await startFakeStripe({ port, webhookSecret: harness.settings.webhookSecret });
      const started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);

      expect(started.reused).toBe(true);
      expect(started.payment.state).toBe('OPEN');
      expect(harness.fake.sessions()).toHaveLength(1);
    });

    it('replaces an unsent attempt near expiry', async () => {
      const port = Number(new URL(harness.settings.stripe.apiUrl as string).port);
      await harness.fake.close();
      const unreachable = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]).catch((error: unknown) => error);
      expect(unreachable).toBeInstanceOf(UpstreamUnavailableError);
      const [stuck] = (await harness.service.listPayments(harness.viewer.customer.id, { first: 1 })).items;

      // 35 minutes later only 25 minutes remain, too few for Stripe to accept the original request.
      harness.fake = await startFakeStripe({ port, webhookSecret: harness.settings.webhookSecret, now: () => harness.clock().getTime() });
      harness.clockOffset.ms = 35 * 60_000;
      const started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);

      expect(started.reused).toBe(false);
      expect(started.payment.requestSequence).toBe(1);
      expect(harness.fake.sessions()).toHaveLength(1);
      const [old] = await harness.service.paymentsById(harness.viewer.customer.id, [stuck!.payment.id]);
      expect(old?.payment.state).toBe('EXPIRED');
    });

    it('expires the session on cancel', async () => {
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);

      const cancelled = await harness.service.cancelPayment(harness.viewer, first.payment.id);
      expect(cancelled.state).toBe('EXPIRED');
      expect(harness.fake.session(first.payment.checkoutSessionId as string)?.status).toBe('expired');

      const second = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      expect(second.payment.id).not.toBe(first.payment.id);
      expect(second.payment.requestSequence).toBe(1);
      expect(harness.fake.sessions()).toHaveLength(2);
    });

    it('cancels a payment whose session Stripe lost', async () => {
      const logs = capturedLogs();
      harness.service = harness.createService({ logger: logs.logger });
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      await restartFakeStripe();

      const cancelled = await harness.service.cancelPayment(harness.viewer, first.payment.id);

      expect(cancelled.state).toBe('EXPIRED');
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({ level: 40, paymentId: first.payment.id, checkoutSessionId: first.payment.checkoutSessionId }),
      );
      const second = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      expect(second.payment.id).not.toBe(first.payment.id);
      expect(second.payment.total).toBe('125.5000');
    });

    it('releases a lost session before counting holds', async () => {
      const logs = capturedLogs();
      harness.service = harness.createService({ logger: logs.logger });
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      await restartFakeStripe();
      // Sixty-one minutes later the payment is due for the expiry check.
      harness.clockOffset.ms = 61 * 60_000;

      const second = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]);

      expect(second.payment.total).toBe('199.7500');
      const [old] = await harness.service.paymentsById(harness.viewer.customer.id, [first.payment.id]);
      expect(old?.payment.state).toBe('EXPIRED');
      expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 40, paymentId: first.payment.id }));
    });

    it('settles an expired payment first', async () => {
      const first = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      // Sixty-one minutes later the session has expired, and no webhook has reported it.
      harness.fake.holdDeliveries();
      harness.clockOffset.ms = 61 * 60_000;

      const second = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);

      expect(second.payment.id).not.toBe(first.payment.id);
      expect(await harness.service.paymentsById(harness.viewer.customer.id, [first.payment.id])).toEqual([
        expect.objectContaining({ payment: expect.objectContaining({ state: 'EXPIRED' }) }),
      ]);
    });
  });

  describe('with partial payments', () => {
    beforeEach(async () => {
      await harness.reset({ settings: { allowPartial: true, minimumAmounts: new Map([['USD', '5.00']]) } });
      await harness.addInvoices([
        { number: 'INV-1', balance: '100.0000' },
        { number: 'INV-2', balance: '3.0000' },
      ]);
    });

    it('holds the partial amount and offers the rest', async () => {
      const partial = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '40.00' }]);
      expect(partial.payment.total).toBe('40.0000');
      expect(harness.fake.lineItems(partial.payment.checkoutSessionId as string)[0]).toMatchObject({
        unitAmount: 4000,
        description: 'Part payment; open balance 100.00 USD',
      });

      const [hold] = await harness.service.invoiceHolds(harness.viewer.customer.id, [{ id: harness.invoiceId('INV-1'), balance: '100.0000' }]);
      expect(hold).toMatchObject({ inFlight: '40', awaitingErp: '0', total: '40' });
      expect(hold?.payments.map((payment) => payment.paymentId)).toEqual([partial.payment.id]);

      const rest = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      expect(rest.payment.total).toBe('60.0000');

      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '1.00' }]));
      expect(error.message).toContain('Invoice INV-1 is already covered by pending payment');
      expect(error.message).toContain(rest.payment.id);
      expect(error.message).toContain('and 1 other pending payment(s)');
    });

    it('rejects more than the amount still open', async () => {
      await harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '40.00' }]);
      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '70.00' }]));
      expect(error.message).toMatch(/^Invoice INV-1: 70.00 USD is more than the open amount 60.00 USD \(balance 100.00 USD less 40.00 USD in payments pay_\w+\)\. Enter at most 60.00\.$/);
    });

    it('enforces partial and total minimums', async () => {
      const partial = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '4.99' }]));
      expect(partial.message).toBe('Invoice INV-1: a partial payment must be at least 5.00 USD; 4.99 USD was entered.');

      const total = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-2' }]));
      expect(total.message).toBe('The payment total 3.00 USD is below the minimum online payment of 5.00 USD. Add invoices to the payment.');
    });

    it('rejects an amount with fractions of a cent', async () => {
      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '10.005' }]));
      expect(error.message).toContain('Enter an amount that USD card payments can carry (steps of 0.01 USD).');
    });
  });

  describe('amounts in minor units', () => {
    beforeEach(async () => {
      await harness.reset({ settings: { allowPartial: true } });
    });

    it('charges JPY in whole yen', async () => {
      await harness.addInvoices([
        { number: 'INV-J1', balance: '15000.0000', currency: 'JPY' },
        { number: 'INV-J2', balance: '333.0000', currency: 'JPY' },
        { number: 'INV-J3', balance: '1000.0000', currency: 'JPY' },
      ]);

      const started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-J1' }, { number: 'INV-J2' }]);
      const session = harness.fake.session(started.payment.checkoutSessionId as string);

      expect(session).toMatchObject({ currency: 'jpy', amount_total: 15333 });
      expect(harness.fake.lineItems(session!.id).map((item) => item.unitAmount)).toEqual([15000, 333]);

      const error = await inputError(harness.service.startPayment(harness.viewer, [{ number: 'INV-J3', amount: '0.5' }]));
      expect(error.message).toContain('JPY is charged in whole units only');
    });

    it('sums 0.10 and 0.20 lines exactly', async () => {
      const fixtures = Array.from({ length: 30 }, (_, index) => ({ number: `INV-C${index}`, balance: index % 2 === 0 ? '0.1000' : '0.2000' }));
      await harness.addInvoices(fixtures);

      const started = await harness.service.startPayment(
        harness.viewer,
        fixtures.map((fixture) => ({ number: fixture.number })),
      );
      const session = harness.fake.session(started.payment.checkoutSessionId as string);
      const unitAmounts = harness.fake.lineItems(session!.id).map((item) => item.unitAmount);

      expect(started.payment.total).toBe('4.5000');
      expect(session?.amount_total).toBe(450);
      expect(unitAmounts.reduce((sum, amount) => sum + amount, 0)).toBe(450);
      expect(unitAmounts.filter((amount) => amount === 10)).toHaveLength(15);
    });
  });
});
