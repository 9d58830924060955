/** The company's online payments, newest first. */
import { Link } from 'react-router';
import { formatCount, formatCountWithNoun } from '../format';
import { graphql } from '../gql';
import type { PaymentListQuery } from '../gql/graphql';
import { paymentStatusLabels } from '../labels';
import { ListFooter } from '../ui/ListFooter';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { useCursorPages } from '../ui/useCursorPages';
import { DateTimeText, MoneyText } from '../ui/values';
import { paymentPath } from './paths';

const PaymentListDocument = graphql(`
  query PaymentList($first: Int!, $after: String) {
    payments(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          lines {
            invoiceNumber
          }
        }
      }
    }
  }
`);

type PaymentRow = PaymentListQuery['payments']['edges'][number]['node'];

const PAGE_SIZE = 25;

export function PaymentListPage() {
  const pages = useCursorPages(PaymentListDocument, { first: PAGE_SIZE }, (data) => data.payments);

  return (
    <>
      <title>Payments · Customer portal</title>
      <h1>Payments</h1>
      {pages.firstPagePending ? (
        pages.error ? (
          <ErrorNotice error={pages.error} forbiddenSubject="payments" onRetry={pages.retry} />
        ) : (
          <Loading label="Loading payments…" />
        )
      ) : pages.nodes.length === 0 ? (
        <EmptyState>
          No online payments yet. Select invoices in the <Link to="/invoices">invoice list</Link> to pay them.
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            Showing {formatCount(pages.nodes.length)} of {formatCountWithNoun(pages.totalCount ?? pages.nodes.length, 'payment', 'payments')}
          </p>
          <div className="table-scroll" role="region" aria-label="Payments" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Invoices</th>
                  <th scope="col" className="numeric">
                    Total
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {pages.nodes.map((payment) => (
                  <PaymentTableRow key={payment.id} payment={payment} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter pages={pages} noun="payments" />
        </>
      )}
    </>
  );
}

function PaymentTableRow({ payment }: { payment: PaymentRow }) {
  return (
    <tr>
      <th scope="row">
        <Link to={paymentPath(payment.id)}>
          <DateTimeText instant={payment.createdAt} />
        </Link>
      </th>
      <td className="wrap">{payment.lines.map((line) => line.invoiceNumber).join(', ')}</td>
      <td className="numeric">
        <MoneyText money={payment.total} />
      </td>
      <td>{paymentStatusLabels[payment.status]}</td>
    </tr>
  );
}
