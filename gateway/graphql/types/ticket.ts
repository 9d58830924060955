import { Field, ID, InputType, ObjectType } from 'type-graphql';

import type * as domain from '../../../connectors/domain';
import type { SortDirection, TicketFilter as TicketFilterValues, TicketSortField } from '../../../connectors/sources';
import { toGlobalId } from '../global-id';
import { DateTimeScalar } from '../scalars/date-time';
import { SortDirectionValues, TicketPriorityValues, TicketSortFieldValues, TicketStatusValues } from './enums';
import { PageInfo } from './page-info';

@ObjectType({ description: "A support ticket of the viewer's company." })
export class Ticket {
  @Field(() => ID, { description: 'Opaque global id, stable across requests; use it as a cache key.' })
  id!: string;

  @Field(() => String, { description: 'Ticket number, for example "CS-100001".' })
  number!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  description!: string;

  @Field(() => TicketStatusValues)
  status!: domain.TicketStatus;

  @Field(() => TicketPriorityValues)
  priority!: domain.TicketPriority;

  @Field(() => DateTimeScalar)
  createdAt!: domain.IsoDateTime;

  @Field(() => DateTimeScalar)
  updatedAt!: domain.IsoDateTime;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null while the ticket is open.' })
  closedAt!: domain.IsoDateTime | null;

  // comments is a field resolver in TicketResolver.

  /** The connector's row, for the field resolvers. Not exposed. */
  source!: domain.Ticket;
}

export function toTicket(ticket: domain.Ticket): Ticket {
  return {
    id: toGlobalId('Ticket', ticket.id),
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    closedAt: ticket.closedAt,
    source: ticket,
  };
}

@ObjectType({ description: 'A public comment on a ticket; internal support notes are never listed.' })
export class TicketComment {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => String)
  authorName!: string;

  @Field(() => Boolean, { description: "True when the supplier's support staff wrote it, false when the customer did." })
  fromSupport!: boolean;

  @Field(() => String)
  body!: string;

  @Field(() => DateTimeScalar)
  createdAt!: domain.IsoDateTime;
}

export function toTicketComment(comment: domain.TicketComment): TicketComment {
  return {
    id: toGlobalId('TicketComment', comment.id),
    authorName: comment.authorName,
    fromSupport: comment.fromSupport,
    body: comment.body,
    createdAt: comment.createdAt,
  };
}

@ObjectType()
export class TicketEdge {
  @Field(() => String, { description: 'Opaque cursor; pass it as after to get the tickets that follow.' })
  cursor!: string;

  @Field(() => Ticket)
  node!: Ticket;
}

@ObjectType({ description: 'A page of tickets (Relay cursor connection).' })
export class TicketConnection {
  @Field(() => [TicketEdge])
  edges!: TicketEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  // totalCount is a field resolver, so the count query runs only when requested.

  /** The filter of the request, for totalCount. Not exposed. */
  filter!: TicketFilterValues;
}

@InputType({ description: 'Conditions a ticket must meet to be listed; all given conditions apply.' })
export class TicketFilter {
  @Field(() => [TicketStatusValues], { nullable: true, description: 'Any of these statuses.' })
  status?: domain.TicketStatus[] | null;

  @Field(() => TicketPriorityValues, { nullable: true })
  priority?: domain.TicketPriority | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the ticket number or subject, matched literally (% and _ are not wildcards).',
  })
  search?: string | null;
}

@InputType({ description: 'Sort order of a ticket list; ties are broken by an internal id.' })
export class TicketOrder {
  @Field(() => TicketSortFieldValues)
  field!: TicketSortField;

  @Field(() => SortDirectionValues, { defaultValue: 'ASC' })
  direction!: SortDirection;
}

@InputType({ description: 'A new support ticket.' })
export class CreateTicketInput {
  @Field(() => String, { description: '1 to 255 characters after trimming.' })
  subject!: string;

  @Field(() => String, { description: '1 to 32,000 characters after trimming.' })
  description!: string;

  @Field(() => TicketPriorityValues, { defaultValue: 'MEDIUM' })
  priority!: domain.TicketPriority;
}

@ObjectType()
export class CreateTicketPayload {
  @Field(() => Ticket, { description: 'The new ticket, as support will see it.' })
  ticket!: Ticket;
}

@ObjectType()
export class AddTicketCommentPayload {
  @Field(() => TicketComment, { description: 'The new comment, as support will see it.' })
  comment!: TicketComment;

  // ticket is a field resolver, so it is read again only when requested.

  /** Number of the commented ticket, for the ticket field. Not exposed. */
  ticketNumber!: string;
}
