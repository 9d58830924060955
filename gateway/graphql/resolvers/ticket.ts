import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { SortOrder, TicketSortField } from '../../../connectors/sources';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { toConnection } from '../pagination/connection';
import { decodeCursor } from '../pagination/cursor';
import { checkSearchLength, compactFilter } from '../pagination/filter';
import { checkPageSize } from '../pagination/first';
import { checkNewTicket } from '../ticket-input';
import {
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
  @Query(() => TicketConnection, { description: 'Support tickets. first: 1 to 100. Default order: CREATED_AT DESC.' })
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

    const page = await context.erp.tickets.listTickets(await loaders.scope(), {
      filter: filterValues,
      orderBy: sort,
      first: pageSize,
      after: afterKey,
    });
    loaders.primeTickets(page.items.map((item) => item.node));

    return { ...toConnection('Ticket', sort, page, toTicket), filter: filterValues };
  }

  @Query(() => Ticket, { nullable: true, description: "Null when no ticket of the viewer's customer has this number." })
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

    const ticket = await context.erp.tickets.createTicket(viewer.customer, viewer.contact, newTicket);
    loaders.primeTickets([ticket]);

    context.logger.info({ ticketNumber: ticket.number, contactId: viewer.contact.id }, 'Support ticket created');
    return { ticket: toTicket(ticket) };
  }
}

@Resolver(() => TicketConnection)
export class TicketConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of tickets matching the filter, across all pages.' })
  async totalCount(@Root() connection: TicketConnection, @Ctx() context: GatewayContext): Promise<number> {
    const { loaders } = requireViewer(context);
    return context.erp.tickets.countTickets(await loaders.scope(), connection.filter);
  }
}
