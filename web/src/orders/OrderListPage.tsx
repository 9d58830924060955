import { Link, useSearchParams } from 'react-router';
import { formatCount, formatCountWithNoun } from '../format';
import { graphql } from '../gql';
import type { OrderFilter, OrderListQuery, OrderSortField, OrderStatus } from '../gql/graphql';
import { orderStatusLabels } from '../labels';
import { ListFooter } from '../ui/ListFooter';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { SearchField } from '../ui/SearchField';
import { readEnumParam, readTextParam, useSetSearchParam } from '../ui/searchParams';
import { SortableHeader, useSortParam } from '../ui/sorting';
import { useCursorPages } from '../ui/useCursorPages';
import { DateText, MoneyText } from '../ui/values';

const OrderListPageQuery = graphql(`
  query OrderList($first: Int!, $after: String, $filter: OrderFilter, $orderBy: OrderOrder) {
    orders(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          purchaseOrderNumber
          orderDate
          status
          total {
            amount
            currency
          }
        }
      }
    }
  }
`);

type OrderRow = OrderListQuery['orders']['edges'][number]['node'];

const PAGE_SIZE = 25;
const SORT_FIELDS: readonly OrderSortField[] = ['NUMBER', 'ORDER_DATE', 'TOTAL', 'STATUS'];
const STATUSES: readonly OrderStatus[] = ['OPEN', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CLOSED', 'CANCELLED'];

export function OrderListPage() {
  const [searchParams] = useSearchParams();
  const setParam = useSetSearchParam();
  const [sort, toggleSort] = useSortParam(SORT_FIELDS);

  const status = readEnumParam(searchParams, 'status', STATUSES);
  const numberContains = readTextParam(searchParams, 'number');
  const filter: OrderFilter = { status: status ? [status] : undefined, numberContains };
  const hasFilter = status !== undefined || numberContains !== undefined;

  const pages = useCursorPages(
    OrderListPageQuery,
    { first: PAGE_SIZE, filter, orderBy: sort ?? undefined },
    (data) => data.orders,
  );

  return (
    <>
      <title>Orders · Customer portal</title>
      <h1>Orders</h1>

      <section className="filters" aria-label="Filter orders">
        <SearchField
          key={numberContains ?? ''}
          label="Order or PO number contains"
          value={numberContains ?? ''}
          onSearch={(value) => setParam('number', value)}
        />
        <div className="filter-row">
          <label className="field">
            <span>Status</span>
            <select value={status ?? ''} onChange={(event) => setParam('status', event.target.value)}>
              <option value="">All</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {orderStatusLabels[value]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>

      {pages.firstPagePending ? (
        pages.error ? (
          <ErrorNotice error={pages.error} forbiddenSubject="orders" onRetry={pages.retry} />
        ) : (
          <Loading label="Loading orders…" />
        )
      ) : pages.nodes.length === 0 ? (
        <EmptyState>{hasFilter ? 'No orders match these filters.' : 'You have no orders yet.'}</EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            Showing {formatCount(pages.nodes.length)} of {formatCountWithNoun(pages.totalCount ?? pages.nodes.length, 'order', 'orders')}
          </p>
          <div className="table-scroll" role="region" aria-label="Orders" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <SortableHeader field="NUMBER" label="Order number" sort={sort} onSort={toggleSort} />
                  <th scope="col">PO number</th>
                  <SortableHeader field="ORDER_DATE" label="Order date" sort={sort} onSort={toggleSort} />
                  <SortableHeader field="STATUS" label="Status" sort={sort} onSort={toggleSort} />
                  <SortableHeader field="TOTAL" label="Total" sort={sort} onSort={toggleSort} className="numeric" />
                </tr>
              </thead>
              <tbody>
                {pages.nodes.map((order) => (
                  <OrderTableRow key={order.id} order={order} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter pages={pages} noun="orders" />
        </>
      )}
    </>
  );
}

function OrderTableRow({ order }: { order: OrderRow }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/orders/${encodeURIComponent(order.number)}`}>{order.number}</Link>
      </th>
      <td>{order.purchaseOrderNumber ?? '—'}</td>
      <td>
        <DateText date={order.orderDate} />
      </td>
      <td>{orderStatusLabels[order.status]}</td>
      <td className="numeric">
        <MoneyText money={order.total} />
      </td>
    </tr>
  );
}
