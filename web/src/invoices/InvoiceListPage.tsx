import { Link, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type {
  InvoiceFilter,
  InvoiceListQuery,
  InvoiceSortField,
  InvoiceStatus,
  InvoiceType,
} from '../gql/graphql';
import { formatCount, formatCountWithNoun } from '../format';
import { invoiceStatusLabels, invoiceTypeLabels } from '../labels';
import { ListFooter } from '../ui/ListFooter';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { SearchField } from '../ui/SearchField';
import { readDateParam, readEnumParam, readTextParam, useSetSearchParam } from '../ui/searchParams';
import { SortableHeader, useSortParam } from '../ui/sorting';
import { useCursorPages } from '../ui/useCursorPages';
import { DateText, MoneyText } from '../ui/values';
import { isPayable, PaySelectionBar, useInvoiceSelection, type InvoiceSelection } from '../payments/InvoiceSelection';
import { usePaymentSettings } from '../payments/usePaymentSettings';
import { InvoiceStatusText } from './InvoiceStatusText';

const InvoiceListPageQuery = graphql(`
  query InvoiceList($first: Int!, $after: String, $filter: InvoiceFilter, $orderBy: InvoiceOrder) {
    invoices(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
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
          payableAmount {
            amount
            currency
          }
          pdfUrl
        }
      }
    }
  }
`);

type InvoiceRow = InvoiceListQuery['invoices']['edges'][number]['node'];

const PAGE_SIZE = 25;
const SORT_FIELDS: readonly InvoiceSortField[] = ['NUMBER', 'DUE_DATE', 'AMOUNT', 'BALANCE', 'STATUS'];
// PAYMENT_PENDING is a display status that the gateway's filter does not accept.
const STATUSES: readonly InvoiceStatus[] = ['OUTSTANDING', 'PAID'];
const TYPES: readonly InvoiceType[] = ['INVOICE', 'CREDIT_MEMO'];
const FILTER_PARAMS = ['status', 'type', 'dueFrom', 'dueTo', 'number', 'overdue'] as const;

export function InvoiceListPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const setParam = useSetSearchParam();
  const [sort, toggleSort] = useSortParam(SORT_FIELDS);
  const payments = usePaymentSettings();
  const selection = useInvoiceSelection(payments.settings?.maxInvoicesPerPayment ?? 0);

  const filter: InvoiceFilter = {
    status: readEnumParam(searchParams, 'status', STATUSES),
    type: readEnumParam(searchParams, 'type', TYPES),
    dueDateFrom: readDateParam(searchParams, 'dueFrom'),
    dueDateTo: readDateParam(searchParams, 'dueTo'),
    numberContains: readTextParam(searchParams, 'number'),
    overdue: searchParams.get('overdue') === '1' ? true : undefined,
  };
  const hasFilter = FILTER_PARAMS.some((name) => searchParams.has(name));

  const pages = useCursorPages(
    InvoiceListPageQuery,
    { first: PAGE_SIZE, filter, orderBy: sort ?? undefined },
    (data) => data.invoices,
  );

  function clearFilters() {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        FILTER_PARAMS.forEach((name) => next.delete(name));
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <title>Invoices · Customer portal</title>
      <h1>Invoices</h1>

      <section className="filters" aria-label="Filter invoices">
        <SearchField
          key={filter.numberContains ?? ''}
          label="Invoice number contains"
          value={filter.numberContains ?? ''}
          onSearch={(value) => setParam('number', value)}
        />
        <div className="filter-row">
          <label className="field">
            <span>Status</span>
            <select value={filter.status ?? ''} onChange={(event) => setParam('status', event.target.value)}>
              <option value="">All</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {invoiceStatusLabels[status]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Type</span>
            <select value={filter.type ?? ''} onChange={(event) => setParam('type', event.target.value)}>
              <option value="">All</option>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {invoiceTypeLabels[type]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Due from</span>
            <input
              type="date"
              value={filter.dueDateFrom ?? ''}
              max={filter.dueDateTo ?? undefined}
              onChange={(event) => setParam('dueFrom', event.target.value)}
            />
          </label>
          <label className="field">
            <span>Due to</span>
            <input
              type="date"
              value={filter.dueDateTo ?? ''}
              min={filter.dueDateFrom ?? undefined}
              onChange={(event) => setParam('dueTo', event.target.value)}
            />
          </label>
          <label className="field checkbox-field">
            <input
              type="checkbox"
              checked={filter.overdue === true}
              onChange={(event) => setParam('overdue', event.target.checked ? '1' : null)}
            />
            <span>Overdue only</span>
          </label>
          {hasFilter ? (
            <button type="button" className="link-button" onClick={clearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      </section>

      {pages.firstPagePending ? (
        pages.error ? (
          <ErrorNotice error={pages.error} forbiddenSubject="invoices" onRetry={pages.retry} />
        ) : (
          <Loading label="Loading invoices…" />
        )
      ) : pages.nodes.length === 0 ? (
        <EmptyState>{hasFilter ? 'No invoices match these filters.' : 'You have no invoices yet.'}</EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            Showing {formatCount(pages.nodes.length)} of {formatCountWithNoun(pages.totalCount ?? pages.nodes.length, 'invoice', 'invoices')}
          </p>
          {payments.canPay ? <PaySelectionBar selection={selection} /> : null}
          {payments.unavailableReason ? <p className="notice payments-unavailable">{payments.unavailableReason}</p> : null}
          <div className="table-scroll" role="region" aria-label="Invoices" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  {payments.canPay ? (
                    <th scope="col">
                      <span className="visually-hidden">Select to pay</span>
                    </th>
                  ) : null}
                  <SortableHeader field="NUMBER" label="Invoice number" sort={sort} onSort={toggleSort} />
                  <SortableHeader field="DUE_DATE" label="Due date" sort={sort} onSort={toggleSort} />
                  <th scope="col">Type</th>
                  <SortableHeader field="AMOUNT" label="Amount" sort={sort} onSort={toggleSort} className="numeric" />
                  <SortableHeader field="BALANCE" label="Balance" sort={sort} onSort={toggleSort} className="numeric" />
                  <SortableHeader field="STATUS" label="Status" sort={sort} onSort={toggleSort} />
                  <th scope="col">PDF</th>
                </tr>
              </thead>
              <tbody>
                {pages.nodes.map((invoice) => (
                  <InvoiceTableRow key={invoice.id} invoice={invoice} selection={payments.canPay ? selection : null} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter pages={pages} noun="invoices" />
        </>
      )}
    </>
  );
}

interface InvoiceTableRowProps {
  invoice: InvoiceRow;
  /** Null when the viewer cannot pay online, which leaves out the checkbox column. */
  selection: InvoiceSelection | null;
}

function InvoiceTableRow({ invoice, selection }: InvoiceTableRowProps) {
  return (
    <tr>
      {selection ? (
        <td className="select-cell">
          {isPayable(invoice) ? (
            <input
              type="checkbox"
              aria-label={`Select invoice ${invoice.number} to pay`}
              checked={selection.isSelected(invoice.number)}
              disabled={!selection.canSelect(invoice.number, invoice.payableAmount.currency)}
              onChange={(event) => selection.toggle(invoice.number, invoice.payableAmount, event.target.checked)}
            />
          ) : null}
        </td>
      ) : null}
      <th scope="row">
        <Link to={`/invoices/${encodeURIComponent(invoice.number)}`}>{invoice.number}</Link>
      </th>
      <td>
        <DateText date={invoice.dueDate} />
      </td>
      <td>{invoiceTypeLabels[invoice.type]}</td>
      <td className="numeric">
        <MoneyText money={invoice.amount} />
      </td>
      <td className="numeric">
        <MoneyText money={invoice.balance} />
      </td>
      <td>
        <InvoiceStatusText status={invoice.status} isOverdue={invoice.isOverdue} />
      </td>
      <td>
        <a href={invoice.pdfUrl} download aria-label={`Download PDF of invoice ${invoice.number}`}>
          PDF
        </a>
      </td>
    </tr>
  );
}
