/**
 * One payment: the receipt, and the page Stripe Checkout returns to with
 * `?result=success` or `?result=cancelled` (the gateway's defaults; `cancel`
 * is accepted too).
 */
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { toPortalError, type PortalError } from '../client';
import { graphql } from '../gql';
import type { PaymentDetailQuery } from '../gql/graphql';
import { paymentStatusLabels } from '../labels';
import { CodedErrorNotice, EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateTimeText, MoneyText } from '../ui/values';
import { toScaled } from './amounts';

const PaymentDetailDocument = graphql(`
  query PaymentDetail($id: ID!) {
    payment(id: $id) {
      id
      status
      total {
        amount
        currency
      }
      amountRefunded {
        amount
        currency
      }
      createdAt
      completedAt
      expiresAt
      checkoutUrl
      lines {
        invoiceNumber
        amount {
          amount
          currency
        }
        balanceBefore {
          amount
          currency
        }
      }
    }
  }
`);

const CancelPaymentDocument = graphql(`
  mutation CancelPayment($id: ID!) {
    cancelPayment(id: $id) {
      id
      status
      checkoutUrl
    }
  }
`);

type PaymentDetail = NonNullable<PaymentDetailQuery['payment']>;
type ReturnResult = 'success' | 'cancelled' | null;

/** Interval and number of the success page's requests while Stripe's confirmation is on its way. */
const CONFIRMATION_POLL_MS = 1_000;
const CONFIRMATION_POLLS = 30;

export function PaymentPage() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const result = readResult(searchParams.get('result'));
  const [{ data, error }, reexecute] = useQuery({ query: PaymentDetailDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const [polls, setPolls] = useState(0);
  const payment = data?.payment;

  // After paying, Stripe's event may reach the portal a moment after the
  // browser does; ask again a bounded number of times until it has.
  const awaitingConfirmation = result === 'success' && payment !== undefined && payment !== null && isUnpaid(payment.status);
  useEffect(() => {
    if (!awaitingConfirmation || polls >= CONFIRMATION_POLLS) {
      return;
    }
    const timer = setTimeout(() => {
      setPolls((count) => count + 1);
      reexecute({ requestPolicy: 'network-only' });
    }, CONFIRMATION_POLL_MS);
    return () => clearTimeout(timer);
  }, [awaitingConfirmation, polls, reexecute]);

  return (
    <>
      <title>Payment · Customer portal</title>
      <p className="breadcrumb">
        <Link to="/payments">← All payments</Link>
      </p>
      {payment ? (
        <PaymentDetails payment={payment} result={result} confirming={awaitingConfirmation && polls < CONFIRMATION_POLLS} />
      ) : error ? (
        <ErrorNotice error={error} forbiddenSubject="payments" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : data ? (
        <>
          <h1>Payment</h1>
          <EmptyState>No payment {id} was found for your company.</EmptyState>
        </>
      ) : (
        <Loading label="Loading the payment…" />
      )}
    </>
  );
}

function readResult(value: string | null): ReturnResult {
  if (value === 'success') {
    return 'success';
  }
  return value === 'cancelled' || value === 'cancel' ? 'cancelled' : null;
}

function isUnpaid(status: PaymentDetail['status']): boolean {
  return status === 'CREATED' || status === 'OPEN';
}

interface PaymentDetailsProps {
  payment: PaymentDetail;
  result: ReturnResult;
  /** True while the success page waits for Stripe's confirmation. */
  confirming: boolean;
}

function PaymentDetails({ payment, result, confirming }: PaymentDetailsProps) {
  const refunded = toScaled(payment.amountRefunded.amount) > 0n;

  return (
    <>
      <h1>{payment.status === 'SUCCEEDED' || payment.status === 'REFUNDED' ? 'Payment receipt' : 'Payment'}</h1>
      <ReturnNotice payment={payment} result={result} confirming={confirming} />

      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd className={`payment-status payment-status-${payment.status.toLowerCase()}`}>{paymentStatusLabels[payment.status]}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            <MoneyText money={payment.total} />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <DateTimeText instant={payment.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{payment.completedAt ? <DateTimeText instant={payment.completedAt} /> : 'Not yet'}</dd>
        </div>
        {refunded ? (
          <div>
            <dt>Refunded</dt>
            <dd>
              <MoneyText money={payment.amountRefunded} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Payment reference</dt>
          <dd className="payment-id">{payment.id}</dd>
        </div>
      </dl>

      <h2>Invoices</h2>
      <div className="table-scroll" role="region" aria-label="Invoices in this payment" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col" className="numeric">
                Balance before
              </th>
              <th scope="col" className="numeric">
                Amount paid
              </th>
            </tr>
          </thead>
          <tbody>
            {payment.lines.map((line) => (
              <tr key={line.invoiceNumber}>
                <th scope="row">
                  <Link to={`/invoices/${encodeURIComponent(line.invoiceNumber)}`}>{line.invoiceNumber}</Link>
                </th>
                <td className="numeric">
                  <MoneyText money={line.balanceBefore} />
                </td>
                <td className="numeric">
                  <MoneyText money={line.amount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The message for the return from Stripe, and the ways back to an unpaid payment. */
function ReturnNotice({ payment, result, confirming }: PaymentDetailsProps) {
  const [{ fetching: cancelling }, cancelPayment] = useMutation(CancelPaymentDocument);
  const [cancelError, setCancelError] = useState<PortalError | null>(null);

  async function handleCancel() {
    setCancelError(null);
    const response = await cancelPayment({ id: payment.id });
    if (response.error) {
      setCancelError(toPortalError(response.error));
    }
  }

  const unpaid = isUnpaid(payment.status);
  let message: string;
  if (payment.status === 'SUCCEEDED') {
    message = result === 'success' ? 'Thank you. Your payment was received.' : 'This payment was received.';
    message += ' The invoices show "Payment pending" until we have booked it.';
  } else if (payment.status === 'PENDING_SETTLEMENT') {
    message = 'Your payment was accepted and is being settled by your bank. The invoices show "Payment pending" meanwhile.';
  } else if (unpaid && result === 'success') {
    message = confirming ? 'Confirming your payment with Stripe…' : 'Stripe has not confirmed the payment yet. Reload this page in a few minutes.';
  } else if (unpaid && result === 'cancelled') {
    message = 'You left the payment page without paying. The invoices stay reserved for this payment until you cancel it or it expires.';
  } else if (unpaid) {
    message = 'This payment is waiting for you on the payment page.';
  } else if (payment.status === 'EXPIRED') {
    message = 'This payment was cancelled or expired without being paid. You can pay the invoices again.';
  } else if (payment.status === 'FAILED') {
    message = 'This payment failed. You can pay the invoices again.';
  } else {
    message = 'This payment was refunded.';
  }

  return (
    <div className={`notice payment-notice payment-notice-${payment.status.toLowerCase()}`} role="status">
      <p>{message}</p>
      {unpaid && result !== 'success' ? (
        <p className="payment-actions">
          {payment.checkoutUrl ? (
            <a className="button primary" href={payment.checkoutUrl}>
              Return to the payment page
            </a>
          ) : null}
          <button type="button" onClick={handleCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel this payment'}
          </button>
        </p>
      ) : null}
      {cancelError ? <CodedErrorNotice error={cancelError} forbiddenSubject="cancelling payments" /> : null}
    </div>
  );
}
