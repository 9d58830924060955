/**
 * Support tickets as ERP service cases: lists, counts, batch lookups, public
 * comments and the one write of the connector, `createTicket`.
 */
import { randomBytes } from 'node:crypto';

import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';

import type { OpenClosedCounts, Ticket } from '../domain';
import type { CustomerScope, TicketFilter, TicketSortField, TicketSource } from '../sources';
import { isIdString, type Database } from '../sql';
import { customerIdParameter, requireScope } from './arguments';
import { loadMany, loadOne } from './batch';
import { addDays } from './calendar';
import { CASE_PRIORITIES, CASE_STATUSES, type ErpDatabase } from './contract';
import { pageQuery, rankExpression, toPage, type SortDefinition } from './keyset';
import { commentFromRow, commentSelection, ticketFromRow, ticketSelection } from './rows';
import { createCommentWriter } from './ticket-comments';

const TICKET_SORTS: Record<TicketSortField, SortDefinition<Ticket>> = {
  NUMBER: { kind: 'text', expression: sql.ref('erp_service_cases.case_number'), valueOf: (ticket) => ticket.number },
  CREATED_AT: { kind: 'instant', expression: sql.ref('erp_service_cases.created_at'), valueOf: (ticket) => ticket.createdAt },
  UPDATED_AT: { kind: 'instant', expression: sql.ref('erp_service_cases.updated_at'), valueOf: (ticket) => ticket.updatedAt },
  STATUS: {
    kind: 'rank',
    expression: rankExpression('erp_service_cases.status', CASE_STATUSES),
    ranks: CASE_STATUSES,
    valueOf: (ticket) => ticket.status,
  },
  PRIORITY: {
    kind: 'rank',
    expression: rankExpression('erp_service_cases.priority', CASE_PRIORITIES),
    ranks: CASE_PRIORITIES,
    valueOf: (ticket) => ticket.priority,
  },
};

/** Offset that makes case numbers six digits from the first id: id 1 is CS-100001. */
const CASE_NUMBER_OFFSET = 100_000n;

/**
 * Returns the case number of the service case with this id. Ids are unique,
 * so the numbers are too. The demo generator numbers its cases the same way.
 * NOTE: an installation whose ERP numbers cases differently can collide with
 * these numbers, and the unique index on case_number then rejects the insert.
 */
export function caseNumberForId(id: string): string {
  return `CS-${CASE_NUMBER_OFFSET + BigInt(id)}`;
}

export interface TicketSourceOptions {
  /** Clock for created_at and updated_at of new tickets. Default: the system clock. */
  now?: () => Date;
}

export function createTicketSource(database: Database, options: TicketSourceOptions = {}): TicketSource {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;
  const now = options.now ?? (() => new Date());

  /** Builds every filter condition, including the customer, as one predicate for list and count. */
  function matching(scope: CustomerScope, filter: TicketFilter) {
    requireScope(scope);
    const customerId = customerIdParameter(adapter, scope.customerId);

    return (eb: ExpressionBuilder<ErpDatabase, 'erp_service_cases'>): Expression<SqlBool> => {
      const conditions: Expression<SqlBool>[] = [eb('erp_service_cases.customer_id', '=', customerId)];

      if (filter.status !== undefined) {
        // An empty list matches no ticket, as an empty IN list would.
        conditions.push(filter.status.length === 0 ? sql<SqlBool>`1 = 0` : eb('erp_service_cases.status', 'in', filter.status));
      }
      if (filter.priority !== undefined) {
        conditions.push(eb('erp_service_cases.priority', '=', filter.priority));
      }
      if (filter.search !== undefined) {
        conditions.push(
          eb.or([
            adapter.containsText('erp_service_cases.case_number', filter.search),
            adapter.containsText('erp_service_cases.subject', filter.search),
          ]),
        );
      }
      return eb.and(conditions);
    };
  }

  return {
    async listTickets(scope, request) {
      const sort = TICKET_SORTS[request.orderBy.field];
      const query = db.selectFrom('erp_service_cases').select(ticketSelection(adapter)).where(matching(scope, request.filter));
      const rows = await pageQuery(query, {
        adapter,
        field: request.orderBy.field,
        sort,
        idColumn: 'erp_service_cases.id',
        direction: request.orderBy.direction,
        first: request.first,
        after: request.after,
      }).execute();
      return toPage(
        rows.map((row) => ticketFromRow(adapter, row)),
        request.first,
        sort,
      );
    },

    async countTickets(scope, filter) {
      const row = await db
        .selectFrom('erp_service_cases')
        .select((eb) => eb.fn.countAll().as('count'))
        .where(matching(scope, filter))
        .executeTakeFirstOrThrow();
      return adapter.readInteger(row.count);
    },

    async ticketsByNumber(customerId, numbers) {
      const customer = customerIdParameter(adapter, customerId);
      return loadOne(numbers, {
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_service_cases')
            .select(ticketSelection(adapter))
            .where('erp_service_cases.customer_id', '=', customer)
            .where('erp_service_cases.case_number', 'in', chunk)
            .execute();
          return rows.map((row) => ticketFromRow(adapter, row));
        },
        keyOf: (ticket) => ticket.number,
      });
    },

    async commentsByTicketId(customerId, ticketIds) {
      const customer = customerIdParameter(adapter, customerId);
      return loadMany(ticketIds, {
        normalise: (id) => (isIdString(id) ? BigInt(id).toString() : null),
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_case_comments')
            .select(commentSelection(adapter))
            .where('erp_case_comments.case_id', 'in', (
              db
                .selectFrom('erp_service_cases')
                .select('erp_service_cases.id')
                .where('erp_service_cases.customer_id', '=', customer)
                .where('erp_service_cases.id', 'in', chunk.map(adapter.idParameter))
            ))
            // Internal notes never leave the connector.
            .where('erp_case_comments.is_public', '=', adapter.booleanParameter(true))
            .orderBy('erp_case_comments.case_id')
            .orderBy('erp_case_comments.created_at')
            .orderBy('erp_case_comments.id')
            .execute();
          return rows.map((row) => commentFromRow(adapter, row));
        },
        keyOf: (comment) => comment.ticketId,
      });
    },

    async ticketCounts(scope): Promise<OpenClosedCounts> {
      const { asOf } = requireScope(scope);
      const customerId = customerIdParameter(adapter, scope.customerId);
      const status = sql.ref('erp_service_cases.status');
      const createdAt = sql.ref('erp_service_cases.created_at');

      // "Recent" is the 30 days ending with the business date: from midnight UTC 29 days before it to the next midnight.
      const recentFrom = adapter.instantParameter(`${addDays(asOf, -29)}T00:00:00.000Z`);
      const recentUntil = adapter.instantParameter(`${addDays(asOf, 1)}T00:00:00.000Z`);
      const row = await db
        .selectFrom('erp_service_cases')
        .where('erp_service_cases.customer_id', '=', customerId)
        .select([
          sql`COALESCE(SUM(CASE WHEN ${status} <> 'CLOSED' THEN 1 ELSE 0 END), 0)`.as('open'),
          sql`COALESCE(SUM(CASE WHEN ${status} = 'CLOSED' THEN 1 ELSE 0 END), 0)`.as('closed'),
          sql`COALESCE(SUM(CASE WHEN ${createdAt} >= ${recentFrom} AND ${createdAt} < ${recentUntil} THEN 1 ELSE 0 END), 0)`.as('recent'),
        ])
        .executeTakeFirstOrThrow();
      return {
        open: adapter.readInteger(row.open),
        closed: adapter.readInteger(row.closed),
        recent: adapter.readInteger(row.recent),
      };
    },

    async createTicket(customer, contact, ticket) {
      if (contact.customerId !== customer.id) {
        throw new Error(`Contact ${contact.id} belongs to customer ${contact.customerId}, not to customer ${customer.id}. Pass the viewer's own customer.`);
      }
      if (!isIdString(contact.id)) {
        throw new Error(`Invalid contact id "${contact.id}": ERP ids are non-negative integers. Pass the Contact from DirectorySource.`);
      }
      const customerId = customerIdParameter(adapter, customer.id);
      const createdAt = now().toISOString();

      // The case number comes from the generated id, and ids never repeat, so
      // two gateway processes inserting at once still get different numbers.
      // The row is inserted with a random placeholder number (unique too) and
      // renumbered in the same transaction, so no reader sees the placeholder.
      return db.transaction().execute(async (trx) => {
        const id = await adapter.insertReturningId(
          trx.insertInto('erp_service_cases').values({
            customer_id: customerId,
            case_number: `PENDING-${randomBytes(12).toString('hex')}`,
            subject: ticket.subject,
            description: ticket.description,
            status: 'NEW',
            priority: ticket.priority,
            contact_id: adapter.idParameter(contact.id),
            created_at: adapter.instantParameter(createdAt),
            updated_at: adapter.instantParameter(createdAt),
            closed_at: null,
          }),
        );

        await trx
          .updateTable('erp_service_cases')
          .set({ case_number: caseNumberForId(id) })
          .where('erp_service_cases.id', '=', adapter.idParameter(id))
          .execute();

        const row = await trx
          .selectFrom('erp_service_cases')
          .select(ticketSelection(adapter))
          .where('erp_service_cases.id', '=', adapter.idParameter(id))
          .executeTakeFirstOrThrow();
        return ticketFromRow(adapter, row);
      });
    },

    ...createCommentWriter(database, now),
  };
}
