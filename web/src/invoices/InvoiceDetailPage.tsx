import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { errorsAtPath, type PortalError } from '../client';
import { formatQuantity } from '../format';
import { graphql } from '../gql';
import type { InvoiceDetailQuery } from '../gql/graphql';
import { invoiceTypeLabels, orderStatusLabels, paymentStatusLabels } from '../labels';
import { isPayable } from '../payments/InvoiceSelection';
import { paymentPath, reviewPath } from '../payments/paths';
import { usePaymentSettings } from '../payments/usePaymentSettings';
import { CodedErrorNotice, EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateText, DateTimeText, MoneyText } from '../ui/values';
import { InvoiceStatusText } from './InvoiceStatusText';

const InvoiceDetailPageQuery = graphql(`
  query InvoiceDetail($number: String!) {
    invoice(number: $number) {
      id
      number
      type
      status
      invoiceDate
      dueDate
      isOverdue
      amount {
        amount
        currency
      }
      balance {
        amount
        currency
      }
      pendingPaymentAmount {
        amount
        currency
      }
      payableAmount {
        amount
        currency
      }
      pendingPayments {
        paymentId
        status
        createdAt
        amount {
          amount
          currency
        }
      }
      pdfUrl
      order {
        number
        status
        orderDate
      }
      lines {
        lineNumber
        sku
        description
        quantity
        unitPrice {
          amount
          currency
        }
        amount {
          amount
          currency
        }
      }
    }
  }
`);

type InvoiceDetail = NonNullable<InvoiceDetailQuery['invoice']>;

export function InvoiceDetailPage() {
  const { number = '' } = useParams();
  const [{ data, error }, reexecute] = useQuery({ query: InvoiceDetailPageQuery, variables: { number } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <>
      <title>{`Invoice ${number} · Customer portal`}</title>
      <p className="breadcrumb">
        <Link to="/invoices">← All invoices</Link>
      </p>
      {data?.invoice ? (
        <InvoiceDetails invoice={data.invoice} orderError={errorsAtPath(error, ['invoice', 'order'])[0]} onRetry={retry} />
      ) : error ? (
        <ErrorNotice error={error} forbiddenSubject="invoices" onRetry={retry} />
      ) : data ? (
        <>
          <h1>Invoice {number}</h1>
          <EmptyState>No invoice with number {number} was found for your company.</EmptyState>
        </>
      ) : (
        <Loading label="Loading the invoice…" />
      )}
    </>
  );
}

interface InvoiceDetailsProps {
  invoice: InvoiceDetail;
  /** Error of the `order` field alone, for example FORBIDDEN for a role without orders. */
  orderError: PortalError | undefined;
  onRetry: () => void;
}

function InvoiceDetails({ invoice, orderError, onRetry }: InvoiceDetailsProps) {
  const typeLabel = invoiceTypeLabels[invoice.type];
  const payments = usePaymentSettings();
  const payable = isPayable(invoice);

  return (
    <>
      <div className="page-heading">
        <h1>
          {typeLabel} {invoice.number}
        </h1>
        <div className="page-actions">
          {payments.canPay && payable ? (
            <Link className="button primary" to={reviewPath([invoice.number])}>
              Pay this invoice
            </Link>
          ) : null}
          <a className="button" href={invoice.pdfUrl} download>
            Download PDF
          </a>
        </div>
      </div>
      {payable && payments.unavailableReason ? <p className="notice payments-unavailable">{payments.unavailableReason}</p> : null}

      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>
            <InvoiceStatusText status={invoice.status} isOverdue={invoice.isOverdue} />
          </dd>
        </div>
        <div>
          <dt>Invoice date</dt>
          <dd>
            <DateText date={invoice.invoiceDate} />
          </dd>
        </div>
        <div>
          <dt>Due date</dt>
          <dd>
            <DateText date={invoice.dueDate} />
          </dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd>
            <MoneyText money={invoice.amount} />
          </dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd>
            <MoneyText money={invoice.balance} />
          </dd>
        </div>
        {invoice.pendingPayments.length > 0 ? (
          <>
            <div>
              <dt>Payment pending</dt>
              <dd>
                <MoneyText money={invoice.pendingPaymentAmount} /> in{' '}
                {invoice.pendingPayments.map((payment, index) => (
                  <span key={payment.paymentId}>
                    {index > 0 ? ', ' : null}
                    <Link to={paymentPath(payment.paymentId)}>
                      payment of <DateTimeText instant={payment.createdAt} />
                    </Link>{' '}
                    ({paymentStatusLabels[payment.status]})
                  </span>
                ))}
              </dd>
            </div>
            <div>
              <dt>Still to pay</dt>
              <dd>
                <MoneyText money={invoice.payableAmount} />
              </dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Order</dt>
          <dd>
            {invoice.order ? (
              <>
                <Link to={`/orders/${encodeURIComponent(invoice.order.number)}`}>{invoice.order.number}</Link> (
                {orderStatusLabels[invoice.order.status]}, <DateText date={invoice.order.orderDate} />)
              </>
            ) : orderError ? (
              <CodedErrorNotice error={orderError} forbiddenSubject="orders" onRetry={onRetry} />
            ) : (
              'None'
            )}
          </dd>
        </div>
      </dl>

      <h2>Lines</h2>
      {invoice.lines.length === 0 ? (
        <EmptyState>This {typeLabel.toLowerCase()} has no lines.</EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label="Invoice lines" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">SKU</th>
                <th scope="col">Description</th>
                <th scope="col" className="numeric">
                  Quantity
                </th>
                <th scope="col" className="numeric">
                  Unit price
                </th>
                <th scope="col" className="numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((line) => (
                <tr key={line.lineNumber}>
                  <td>{line.lineNumber}</td>
                  <td>{line.sku ?? '—'}</td>
                  <td>{line.description}</td>
                  <td className="numeric">{formatQuantity(line.quantity)}</td>
                  <td className="numeric">
                    <MoneyText money={line.unitPrice} />
                  </td>
                  <td className="numeric">
                    <MoneyText money={line.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
