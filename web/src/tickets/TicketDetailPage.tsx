import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TicketDetailQuery } from '../gql/graphql';
import { ticketPriorityLabels, ticketStatusLabels } from '../labels';
import { useHasPermission } from '../session';
import { EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateTimeText } from '../ui/values';
import { CommentForm } from './CommentForm';
import { TICKETS_UNAVAILABLE_MESSAGE } from './unavailable';

const TicketDetailPageQuery = graphql(`
  query TicketDetail($number: String!) {
    ticket(number: $number) {
      id
      number
      subject
      description
      status
      priority
      createdAt
      updatedAt
      closedAt
      comments {
        id
        authorName
        fromSupport
        body
        createdAt
      }
    }
  }
`);

type TicketDetail = NonNullable<TicketDetailQuery['ticket']>;

export function TicketDetailPage() {
  const { number = '' } = useParams();
  const [{ data, error }, reexecute] = useQuery({ query: TicketDetailPageQuery, variables: { number } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <>
      <title>{`Ticket ${number} · Customer portal`}</title>
      <p className="breadcrumb">
        <Link to="/tickets">← All tickets</Link>
      </p>
      {data?.ticket ? (
        <TicketDetails ticket={data.ticket} onCommentAdded={retry} />
      ) : error ? (
        <ErrorNotice error={error} forbiddenSubject="support tickets" onRetry={retry} unavailableMessage={TICKETS_UNAVAILABLE_MESSAGE} />
      ) : data ? (
        <>
          <h1>Ticket {number}</h1>
          <EmptyState>No ticket with number {number} was found for your company.</EmptyState>
        </>
      ) : (
        <Loading label="Loading the ticket…" />
      )}
    </>
  );
}

function TicketDetails({ ticket, onCommentAdded }: { ticket: TicketDetail; onCommentAdded: () => void }) {
  const canComment = useHasPermission('tickets:write');

  return (
    <>
      <h1>
        <span className="ticket-number">{ticket.number}</span> {ticket.subject}
      </h1>

      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>{ticketStatusLabels[ticket.status]}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{ticketPriorityLabels[ticket.priority]}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <DateTimeText instant={ticket.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Last updated</dt>
          <dd>
            <DateTimeText instant={ticket.updatedAt} />
          </dd>
        </div>
        {ticket.closedAt ? (
          <div>
            <dt>Closed</dt>
            <dd>
              <DateTimeText instant={ticket.closedAt} />
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="ticket-description-heading">
        <h2 id="ticket-description-heading">Description</h2>
        <p className="prose">{ticket.description}</p>
      </section>

      <section aria-labelledby="ticket-comments-heading">
        <h2 id="ticket-comments-heading">Comments</h2>
        {ticket.comments.length === 0 ? (
          <EmptyState>No comments yet. Support will reply here.</EmptyState>
        ) : (
          <ol className="comments">
            {ticket.comments.map((comment) => (
              <li key={comment.id} className={comment.fromSupport ? 'comment comment-support' : 'comment'}>
                <p className="comment-meta">
                  <strong>{comment.authorName}</strong>
                  {comment.fromSupport ? ' (support)' : null} · <DateTimeText instant={comment.createdAt} />
                </p>
                <p className="prose">{comment.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canComment ? <CommentForm ticketNumber={ticket.number} onAdded={onCommentAdded} /> : null}
      </section>
    </>
  );
}
