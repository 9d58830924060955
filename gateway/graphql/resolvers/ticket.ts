import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { SortOrder, TicketSortField } from '../../../connectors/sources';
import { codedError, ErrorCode } from '../../errors';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { toConnection } from '../pagination/connection';
import { decodeCursor } from '../pagination/cursor';
import { checkSearchLength, compactFilter } from '../pagination/filter';
import { checkPageSize } from '../pagination/first';
import { checkCommentBody, checkNewTicket, MAX_TICKET_NUMBER_LENGTH } from '../ticket-input';
import {
  AddTicketCommentPayload,
  CreateTicketInput,
  CreateTicketPayload,
  Ticket,
  TicketComment,
  TicketConnection,
  TicketFilter,
  TicketOrder,
  toTicket,
  toTicketComment,
} from '../types/ticket';

const DEFAULT_ORDER: SortOrder<TicketSortField> = { field: 'CREATED_AT', direction: 'DESC' };

@Resolver(() => Ticket)
export class TicketResolver {
  // Nullable so that an unavailable ticket source (Salesforce) fails this
  // field alone and the rest of the response (invoices, orders) resolves.
  @Query(() => TicketConnection, {
    nullable: true,
    description: 'Support tickets. first: 1 to 100. Default order: CREATED_AT DESC. Null with UPSTREAM_UNAVAILABLE while the ticket source is unavailable.',
  })
  async tickets(
    @Ctx() context: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter: TicketFilter | null | undefined,
    @Arg('orderBy', () => TicketOrder, { nullable: true }) orderBy: TicketOrder | null | undefined,
  ): Promise<TicketConnection> {
    const { loaders } = requirePermission(context, 'tickets:read');

    // Check every argument before the first query.
    const pageSize = checkPageSize(first);
    const sort: SortOrder<TicketSortField> = orderBy ? { field: orderBy.field, direction: orderBy.direction } : DEFAULT_ORDER;
    const afterKey = after === null || after === undefined ? null : decodeCursor('Ticket', sort, after);
    const filterValues = compactFilter(filter);
    checkSearchLength(filterValues.search, 'filter.search');

    const page = await context.tickets.listTickets(await loaders.scope(), {
      filter: filterValues,
      orderBy: sort,
      first: pageSize,
      after: afterKey,
    });
    loaders.primeTickets(page.items.map((item) => item.node));

    return { ...toConnection('Ticket', sort, page, toTicket), filter: filterValues };
  }

  @Query(() => Ticket, {
    nullable: true,
    description: "Null when no ticket of the viewer's customer has this number, and with UPSTREAM_UNAVAILABLE while the ticket source is unavailable.",
  })
  async ticket(@Ctx() context: GatewayContext, @Arg('number', () => String) number: string): Promise<Ticket | null> {
    const { loaders } = requirePermission(context, 'tickets:read');

    const ticket = await loaders.ticketByNumber.load(number);
    return ticket === null ? null : toTicket(ticket);
  }

  @FieldResolver(() => [TicketComment], { description: 'Public comments only, oldest first.' })
  async comments(@Root() ticket: Ticket, @Ctx() context: GatewayContext): Promise<TicketComment[]> {
    const { loaders } = requireViewer(context);

    const comments = await loaders.commentsByTicketId.load(ticket.source.id);
    return comments.map(toTicketComment);
  }

  @Mutation(() => CreateTicketPayload, { description: 'Opens a support ticket for the viewer\'s company. Invalid input: BAD_USER_INPUT naming the field.' })
  async createTicket(
    @Ctx() context: GatewayContext,
    @Arg('input', () => CreateTicketInput) input: CreateTicketInput,
  ): Promise<CreateTicketPayload> {
    const { viewer, loaders } = requirePermission(context, 'tickets:write');
    const newTicket = checkNewTicket(input);

    const ticket = await context.tickets.createTicket(viewer.customer, viewer.contact, newTicket);
    loaders.primeTickets([ticket]);

    context.logger.info({ ticketNumber: ticket.number, contactId: viewer.contact.id }, 'Support ticket created');
    return { ticket: toTicket(ticket) };
  }

  @Mutation(() => AddTicketCommentPayload, {
    description:
      "Adds a public comment to a ticket of the viewer's company. Unknown ticket (or another company's): NOT_FOUND. Empty body or over 4,000 characters: BAD_USER_INPUT naming body.",
  })
  async addTicketComment(
    @Ctx() context: GatewayContext,
    @Arg('ticketNumber', () => String) ticketNumber: string,
    @Arg('body', () => String, { description: '1 to 4,000 characters after trimming.' }) body: string,
  ): Promise<AddTicketCommentPayload> {
    const { viewer } = requirePermission(context, 'tickets:write');
    const text = checkCommentBody(body);

    // No ticket has a longer number, so there is nothing to look up.
    const comment =
      ticketNumber.length > MAX_TICKET_NUMBER_LENGTH ? null : await context.tickets.addComment(viewer.customer, viewer.contact, ticketNumber, text);
    if (comment === null) {
      throw codedError(ErrorCode.NOT_FOUND, `No ticket of your company has the number "${ticketNumber.slice(0, MAX_TICKET_NUMBER_LENGTH)}". Check the number in the ticket list.`, {
        argumentName: 'ticketNumber',
      });
    }

    context.logger.info({ ticketNumber, commentId: comment.id, contactId: viewer.contact.id }, 'Ticket comment added');
    return { comment: toTicketComment(comment), ticketNumber };
  }
}

@Resolver(() => AddTicketCommentPayload)
export class AddTicketCommentPayloadResolver {
  @FieldResolver(() => Ticket, { description: 'The commented ticket, read again after the comment was added.' })
  async ticket(@Root() payload: AddTicketCommentPayload, @Ctx() context: GatewayContext): Promise<Ticket> {
    const { loaders } = requireViewer(context);

    // A lookup earlier in the request would show the ticket before the comment.
    const ticket = await loaders.ticketByNumber.clear(payload.ticketNumber).load(payload.ticketNumber);
    if (ticket === null) {
      throw codedError(ErrorCode.NOT_FOUND, `Ticket "${payload.ticketNumber}" was not found after the comment was added.`);
    }
    return toTicket(ticket);
  }
}

@Resolver(() => TicketConnection)
export class TicketConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of tickets matching the filter, across all pages.' })
  async totalCount(@Root() connection: TicketConnection, @Ctx() context: GatewayContext): Promise<number> {
    const { loaders } = requireViewer(context);
    return context.tickets.countTickets(await loaders.scope(), connection.filter);
  }
}
