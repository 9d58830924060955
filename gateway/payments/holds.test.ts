import type { HeldLine, PaymentAttempt, PaymentState } from '../../connectors/payments';
import { invoiceHold } from './holds';

let sequence = 0;

function line(state: PaymentState, amount: string, balanceSeen: string, invoiceId = '1'): HeldLine {
  sequence += 1;
  const attempt = {
    id: `pay_${sequence}`,
    state,
    createdAt: `2026-11-30T10:00:0${sequence % 10}.000Z`,
    expiresAt: '2026-11-30T11:00:00.000Z',
  } as PaymentAttempt;
  return { attemptId: attempt.id, lineNumber: 1, invoiceId, invoiceNumber: `INV-${invoiceId}`, amount, balanceSeen, attempt };
}

describe('invoiceHold', () => {
  it('holds in-flight amounts in full', () => {
    const hold = invoiceHold('1', '100.0000', [line('OPEN', '40.0000', '100.0000'), line('PENDING_SETTLEMENT', '10.0000', '100.0000')]);
    expect(hold).toMatchObject({ inFlight: '50', awaitingErp: '0', total: '50' });
    expect(hold.payments).toHaveLength(2);
  });

  it('ignores lines of other invoices', () => {
    expect(invoiceHold('1', '100.0000', [line('OPEN', '40.0000', '100.0000', '2')]).total).toBe('0');
  });

  it('holds a paid amount until the balance drops by it', () => {
    const paid = [line('SUCCEEDED', '40.0000', '100.0000')];
    expect(invoiceHold('1', '100.0000', paid)).toMatchObject({ awaitingErp: '40' });
    expect(invoiceHold('1', '80.0000', paid)).toMatchObject({ awaitingErp: '20' });
    expect(invoiceHold('1', '60.0000', paid)).toMatchObject({ awaitingErp: '0', payments: [] });
  });

  it('counts two paid amounts whichever the ERP books first', () => {
    const paid = [line('SUCCEEDED', '40.0000', '100.0000'), line('SUCCEEDED', '60.0000', '100.0000')];
    // Only the 60 is booked: 40 still awaits, and nothing is left to pay.
    expect(invoiceHold('1', '40.0000', paid)).toMatchObject({ awaitingErp: '40' });
    expect(invoiceHold('1', '0.0000', paid)).toMatchObject({ awaitingErp: '0' });
  });

  it('does not count a balance that went up as a booked payment', () => {
    expect(invoiceHold('1', '150.0000', [line('SUCCEEDED', '40.0000', '100.0000')])).toMatchObject({ awaitingErp: '40' });
  });
});
