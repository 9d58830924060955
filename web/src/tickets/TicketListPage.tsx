import { Link, useSearchParams } from 'react-router';
import { formatCount, formatCountWithNoun } from '../format';
import { graphql } from '../gql';
import type { TicketFilter, TicketListQuery, TicketStatus } from '../gql/graphql';
import { ticketPriorityLabels, ticketStatusLabels } from '../labels';
import { useHasPermission } from '../session';
import { ListFooter } from '../ui/ListFooter';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { readEnumParam, useSetSearchParam } from '../ui/searchParams';
import { useCursorPages } from '../ui/useCursorPages';
import { DateTimeText } from '../ui/values';
import { TICKETS_UNAVAILABLE_MESSAGE } from './unavailable';

const TicketListPageQuery = graphql(`
  query TicketList($first: Int!, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          subject
          status
          priority
          createdAt
          updatedAt
        }
      }
    }
  }
`);

type TicketRow = NonNullable<TicketListQuery['tickets']>['edges'][number]['node'];

const PAGE_SIZE = 25;
const STATUSES: readonly TicketStatus[] = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'CLOSED'];
const OPEN_STATUSES: TicketStatus[] = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER'];

/** Status filter choices: every open status together, or one status. */
const STATUS_CHOICES = ['OPEN', ...STATUSES] as const;
type StatusChoice = (typeof STATUS_CHOICES)[number];

export function TicketListPage() {
  const [searchParams] = useSearchParams();
  const setParam = useSetSearchParam();
  const canCreate = useHasPermission('tickets:write');

  const statusChoice = readEnumParam<StatusChoice>(searchParams, 'status', STATUS_CHOICES);
  const filter: TicketFilter = { status: statusesFor(statusChoice) };

  const pages = useCursorPages(TicketListPageQuery, { first: PAGE_SIZE, filter }, (data) => data.tickets);

  return (
    <>
      <title>Support tickets · Customer portal</title>
      <div className="page-heading">
        <h1>Support tickets</h1>
        {canCreate ? (
          <Link className="button primary" to="/tickets/new">
            New ticket
          </Link>
        ) : null}
      </div>

      <section className="filters" aria-label="Filter tickets">
        <div className="filter-row">
          <label className="field">
            <span>Status</span>
            <select value={statusChoice ?? ''} onChange={(event) => setParam('status', event.target.value)}>
              <option value="">All</option>
              <option value="OPEN">All open</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {ticketStatusLabels[status]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>

      {pages.firstPagePending ? (
        pages.error ? (
          <ErrorNotice error={pages.error} forbiddenSubject="support tickets" onRetry={pages.retry} unavailableMessage={TICKETS_UNAVAILABLE_MESSAGE} />
        ) : (
          <Loading label="Loading tickets…" />
        )
      ) : pages.nodes.length === 0 ? (
        <EmptyState>{statusChoice ? 'No tickets have this status.' : 'You have no support tickets yet.'}</EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            Showing {formatCount(pages.nodes.length)} of {formatCountWithNoun(pages.totalCount ?? pages.nodes.length, 'ticket', 'tickets')}
          </p>
          <div className="table-scroll" role="region" aria-label="Support tickets" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Status</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Last updated</th>
                </tr>
              </thead>
              <tbody>
                {pages.nodes.map((ticket) => (
                  <TicketTableRow key={ticket.id} ticket={ticket} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter pages={pages} noun="tickets" unavailableMessage={TICKETS_UNAVAILABLE_MESSAGE} />
        </>
      )}
    </>
  );
}

function statusesFor(choice: StatusChoice | undefined): TicketStatus[] | undefined {
  if (choice === undefined) {
    return undefined;
  }
  return choice === 'OPEN' ? OPEN_STATUSES : [choice];
}

function TicketTableRow({ ticket }: { ticket: TicketRow }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/tickets/${encodeURIComponent(ticket.number)}`}>{ticket.number}</Link>
      </th>
      <td className="wrap">{ticket.subject}</td>
      <td>{ticketStatusLabels[ticket.status]}</td>
      <td>{ticketPriorityLabels[ticket.priority]}</td>
      <td>
        <DateTimeText instant={ticket.updatedAt} />
      </td>
    </tr>
  );
}
