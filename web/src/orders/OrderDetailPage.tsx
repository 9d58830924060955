import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { errorsAtPath, type PortalError } from '../client';
import { formatQuantity } from '../format';
import { graphql } from '../gql';
import type { OrderDetailQuery } from '../gql/graphql';
import { InvoiceStatusText } from '../invoices/InvoiceStatusText';
import { invoiceTypeLabels, orderStatusLabels, shipmentStatusLabels } from '../labels';
import { CodedErrorNotice, EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateText, MoneyText } from '../ui/values';
import { OrderDocuments } from './OrderDocuments';

const OrderDetailPageQuery = graphql(`
  query OrderDetail($number: String!) {
    order(number: $number) {
      id
      number
      purchaseOrderNumber
      orderDate
      status
      total {
        amount
        currency
      }
      lines {
        lineNumber
        sku
        description
        quantityOrdered
        quantityShipped
        unitPrice {
          amount
          currency
        }
        amount {
          amount
          currency
        }
      }
      shipments {
        number
        shipDate
        carrier
        trackingNumber
        trackingUrl
        status
      }
      invoices {
        id
        number
        type
        status
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
      }
    }
  }
`);

type OrderDetail = NonNullable<OrderDetailQuery['order']>;

export function OrderDetailPage() {
  const { number = '' } = useParams();
  const [{ data, error }, reexecute] = useQuery({ query: OrderDetailPageQuery, variables: { number } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <>
      <title>{`Order ${number} · Customer portal`}</title>
      <p className="breadcrumb">
        <Link to="/orders">← All orders</Link>
      </p>
      {data?.order ? (
        <OrderDetails order={data.order} invoicesError={errorsAtPath(error, ['order', 'invoices'])[0]} onRetry={retry} />
      ) : error ? (
        <ErrorNotice error={error} forbiddenSubject="orders" onRetry={retry} />
      ) : data ? (
        <>
          <h1>Order {number}</h1>
          <EmptyState>No order with number {number} was found for your company.</EmptyState>
        </>
      ) : (
        <Loading label="Loading the order…" />
      )}
    </>
  );
}

interface OrderDetailsProps {
  order: OrderDetail;
  /** Error of the `invoices` field alone, for example FORBIDDEN for the STANDARD role. */
  invoicesError: PortalError | undefined;
  onRetry: () => void;
}

function OrderDetails({ order, invoicesError, onRetry }: OrderDetailsProps) {
  return (
    <>
      <h1>Order {order.number}</h1>

      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>{orderStatusLabels[order.status]}</dd>
        </div>
        <div>
          <dt>Order date</dt>
          <dd>
            <DateText date={order.orderDate} />
          </dd>
        </div>
        <div>
          <dt>Purchase order number</dt>
          <dd>{order.purchaseOrderNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            <MoneyText money={order.total} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="order-lines-heading">
        <h2 id="order-lines-heading">Lines</h2>
        <OrderLines lines={order.lines} />
      </section>

      <section aria-labelledby="order-shipments-heading">
        <h2 id="order-shipments-heading">Shipments</h2>
        <Shipments shipments={order.shipments} />
      </section>

      <section aria-labelledby="order-documents-heading">
        <h2 id="order-documents-heading">Documents</h2>
        <OrderDocuments orderNumber={order.number} />
      </section>

      <section aria-labelledby="order-invoices-heading">
        <h2 id="order-invoices-heading">Invoices</h2>
        {order.invoices ? (
          <OrderInvoices invoices={order.invoices} />
        ) : invoicesError ? (
          <CodedErrorNotice error={invoicesError} forbiddenSubject="invoices" onRetry={onRetry} />
        ) : (
          <EmptyState>Invoices are not available.</EmptyState>
        )}
      </section>
    </>
  );
}

function OrderLines({ lines }: { lines: OrderDetail['lines'] }) {
  if (lines.length === 0) {
    return <EmptyState>This order has no lines.</EmptyState>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Order lines" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">SKU</th>
            <th scope="col">Description</th>
            <th scope="col" className="numeric">
              Ordered
            </th>
            <th scope="col" className="numeric">
              Shipped
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
          {lines.map((line) => (
            <tr key={line.lineNumber}>
              <td>{line.lineNumber}</td>
              <td>{line.sku ?? '—'}</td>
              <td>{line.description}</td>
              <td className="numeric">{formatQuantity(line.quantityOrdered)}</td>
              <td className="numeric">{formatQuantity(line.quantityShipped)}</td>
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
  );
}

function Shipments({ shipments }: { shipments: OrderDetail['shipments'] }) {
  if (shipments.length === 0) {
    return <EmptyState>Nothing has shipped yet.</EmptyState>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Shipments" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Shipment</th>
            <th scope="col">Ship date</th>
            <th scope="col">Carrier</th>
            <th scope="col">Tracking</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {shipments.map((shipment) => (
            <tr key={shipment.number}>
              <td>{shipment.number}</td>
              <td>{shipment.shipDate ? <DateText date={shipment.shipDate} /> : 'Not shipped'}</td>
              <td>{shipment.carrier}</td>
              <td>
                <TrackingLink trackingNumber={shipment.trackingNumber} trackingUrl={shipment.trackingUrl} />
              </td>
              <td>{shipmentStatusLabels[shipment.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrackingLink({ trackingNumber, trackingUrl }: { trackingNumber?: string | null; trackingUrl?: string | null }) {
  if (!trackingNumber) {
    return <>—</>;
  }
  if (!trackingUrl || !isWebAddress(trackingUrl)) {
    return <>{trackingNumber}</>;
  }
  // The carrier's page opens in a new tab. The noopener keyword keeps that
  // page from reaching back into the portal through window.opener.
  return (
    <a href={trackingUrl} target="_blank" rel="noopener noreferrer">
      {trackingNumber}
      <span className="visually-hidden"> (carrier tracking, opens in a new tab)</span>
    </a>
  );
}

function OrderInvoices({ invoices }: { invoices: NonNullable<OrderDetail['invoices']> }) {
  if (invoices.length === 0) {
    return <EmptyState>No invoices for this order yet.</EmptyState>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Invoices for this order" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Invoice number</th>
            <th scope="col">Type</th>
            <th scope="col">Due date</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col" className="numeric">
              Balance
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={`/invoices/${encodeURIComponent(invoice.number)}`}>{invoice.number}</Link>
              </th>
              <td>{invoiceTypeLabels[invoice.type]}</td>
              <td>
                <DateText date={invoice.dueDate} />
              </td>
              <td className="numeric">
                <MoneyText money={invoice.amount} />
              </td>
              <td className="numeric">
                <MoneyText money={invoice.balance} />
              </td>
              <td>
                <InvoiceStatusText status={invoice.status} isOverdue={invoice.isOverdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Returns whether a carrier address is plain http(s), so a stored "javascript:" value never becomes a link. */
function isWebAddress(address: string): boolean {
  try {
    const { protocol } = new URL(address);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
