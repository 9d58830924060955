/**
 * Public comments that portal contacts add to their own service cases.
 */
import type { Kysely } from 'kysely';

import type { Contact, Customer, TicketComment } from '../domain';
import { ConnectorInputError } from '../errors';
import type { TicketSource } from '../sources';
import { isIdString, type Database } from '../sql';
import { customerIdParameter } from './arguments';
import type { ErpDatabase } from './contract';
import { commentFromRow, commentSelection } from './rows';

/** Maximum comment body length in UTF-16 code units, the same limit as a Salesforce CaseComment. */
export const COMMENT_MAX_LENGTH = 4_000;

/** erp_case_comments.author_name is varchar(200). */
const AUTHOR_NAME_MAX_LENGTH = 200;

/**
 * Builds `TicketSource.addComment` for ERP service cases. The comment is
 * public and marked as written by the customer. The case's updated_at moves
 * to the comment's time, so "last updated" lists show the activity.
 */
export function createCommentWriter(database: Database, now: () => Date): Pick<TicketSource, 'addComment'> {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;

  return {
    async addComment(customer: Customer, contact: Contact, ticketNumber: string, body: string): Promise<TicketComment | null> {
      const text = checkBody(body);
      if (contact.customerId !== customer.id) {
        throw new Error(`Contact ${contact.id} belongs to customer ${contact.customerId}, not to customer ${customer.id}. Pass the viewer's own customer.`);
      }
      if (!isIdString(contact.id)) {
        throw new Error(`Invalid contact id "${contact.id}": ERP ids are non-negative integers. Pass the Contact from DirectorySource.`);
      }
      const customerId = customerIdParameter(adapter, customer.id);
      const createdAt = adapter.instantParameter(now().toISOString());

      return db.transaction().execute(async (trx) => {
        // The customer filter makes another customer's case number look like a missing one.
        const ticket = await trx
          .selectFrom('erp_service_cases')
          .select('erp_service_cases.id')
          .where('erp_service_cases.customer_id', '=', customerId)
          .where('erp_service_cases.case_number', '=', ticketNumber)
          .executeTakeFirst();
        if (ticket === undefined) {
          return null;
        }
        const caseId = adapter.idParameter(adapter.readId(ticket.id));

        const id = await adapter.insertReturningId(
          trx.insertInto('erp_case_comments').values({
            case_id: caseId,
            author_name: contact.name.slice(0, AUTHOR_NAME_MAX_LENGTH),
            from_support: adapter.booleanParameter(false),
            is_public: adapter.booleanParameter(true),
            body: text,
            created_at: createdAt,
          }),
        );

        await trx.updateTable('erp_service_cases').set({ updated_at: createdAt }).where('erp_service_cases.id', '=', caseId).execute();

        const row = await trx
          .selectFrom('erp_case_comments')
          .select(commentSelection(adapter))
          .where('erp_case_comments.id', '=', adapter.idParameter(id))
          .executeTakeFirstOrThrow();
        return commentFromRow(adapter, row);
      });
    },
  };
}

/** Trims the body and checks its length before any SQL runs. The message is shown to the user. */
function checkBody(body: string): string {
  const text = body.trim();
  if (text.length === 0) {
    throw new ConnectorInputError('body', 'Comment must not be empty or only white space.');
  }
  if (text.length > COMMENT_MAX_LENGTH) {
    throw new ConnectorInputError(
      'body',
      `Comment is ${text.length.toLocaleString('en-US')} characters long, but at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} fit. Shorten it.`,
    );
  }
  // PostgreSQL text columns cannot store U+0000, so the insert would fail there.
  if (text.includes('\u0000')) {
    throw new ConnectorInputError('body', 'Comment contains a NUL character (U+0000), which cannot be stored. Remove it and send the comment again.');
  }
  return text;
}
