/**
 * Creates Cases and published CaseComments for portal contacts. Input is
 * checked against Salesforce's field limits before the first call; writes
 * are never retried, so a timeout cannot create a Case twice.
 */
import type { Logger } from 'pino';

import type { Contact, Customer, Ticket, TicketComment } from '../domain';
import { ConnectorInputError } from '../errors';
import type { NewTicket } from '../sources';
import type { AccountQueries } from './account-queries';
import type { AccountResolver } from './accounts';
import { COMMENT_FIELDS, portalAuthorLine, toTicketComment, type CaseCommentRecord, type CaseMapper, type CaseRecord } from './case-records';
import type { SalesforceClient } from './client';
import type { SalesforceConfig } from './config';
import { CASE_COMMENT_MAX_LENGTH, CASE_DESCRIPTION_MAX_LENGTH, CASE_SUBJECT_MAX_LENGTH, checkPriority, checkText } from './input-limits';
import { quote } from './soql';

/** Case.SuppliedName and Case.SuppliedEmail hold at most 80 characters. */
const SUPPLIED_FIELD_MAX_LENGTH = 80;

/**
 * The viewer's customer has no Salesforce Account. The message is shown to
 * the portal user; the technical detail is in the connector's warning log.
 */
export class AccountNotLinkedError extends ConnectorInputError {
  constructor(customer: Customer) {
    super(
      'customer',
      `${customer.name} is not yet linked to the supplier's support system, so support tickets cannot be created or answered here. Please contact your supplier.`,
    );
  }
}

export class TicketWriter {
  constructor(
    private readonly config: SalesforceConfig,
    private readonly client: SalesforceClient,
    private readonly queries: AccountQueries,
    private readonly accounts: AccountResolver,
    private readonly mapper: CaseMapper,
    private readonly logger: Logger,
  ) {}

  async createTicket(customer: Customer, contact: Contact, ticket: NewTicket): Promise<Ticket> {
    const subject = checkText('subject', 'Subject', ticket.subject, CASE_SUBJECT_MAX_LENGTH);
    const description = checkText('description', 'Description', ticket.description, CASE_DESCRIPTION_MAX_LENGTH);
    const priority = checkPriority(ticket.priority);
    checkContact(customer, contact);

    const accountId = await this.requireAccount(customer);

    // Link the Salesforce Contact with the viewer's e-mail when the Account has one.
    const contacts = await this.queries.readFresh<{ Id: string }>(
      `SELECT Id FROM Contact WHERE AccountId = ${quote(accountId)} AND Email = ${quote(contact.email)} ORDER BY CreatedDate ASC, Id ASC LIMIT 1`,
    );
    const contactId = contacts.records[0]?.Id ?? null;

    const { caseFields, caseOrigin, priorityMap } = this.config;
    const fields: Record<string, unknown> = {
      AccountId: accountId,
      Subject: subject,
      Description: description,
      [caseFields.priority]: priorityMap.rawValuesFor(priority)[0],
      [caseFields.origin]: caseOrigin,
      ...(contactId === null
        ? {
            SuppliedName: contact.name.slice(0, SUPPLIED_FIELD_MAX_LENGTH),
            ...(contact.email.length <= SUPPLIED_FIELD_MAX_LENGTH ? { SuppliedEmail: contact.email } : {}),
          }
        : { ContactId: contactId }),
    };
    const caseId = await this.client.create('Case', fields);
    await this.queries.written(accountId);

    const created = await this.queries.readFresh<CaseRecord>(
      `SELECT ${this.mapper.fieldList} FROM Case WHERE AccountId = ${quote(accountId)} AND Id = ${quote(caseId)}`,
    );
    const record = created.records[0];
    if (record === undefined) {
      throw new Error(`Salesforce created Case ${caseId} but does not return it on Account ${accountId}; check the integration user's sharing access to Cases.`);
    }

    this.logger.info({ caseId, caseNumber: record.CaseNumber, customerId: customer.id, linkedContact: contactId !== null }, 'Created Salesforce Case');
    return this.mapper.toTicket(record, customer.id);
  }

  /**
   * Adds a published comment to the viewer's Case with `ticketNumber`.
   * Returns null when the viewer's Account has no such Case.
   */
  async addComment(customer: Customer, contact: Contact, ticketNumber: string, body: string): Promise<TicketComment | null> {
    const authorLine = portalAuthorLine(contact.name, contact.email);
    const text = checkText(
      'body',
      'Comment',
      body,
      CASE_COMMENT_MAX_LENGTH - authorLine.length,
      ` (Salesforce keeps ${CASE_COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters per comment, including the line naming you as the author)`,
    );
    checkContact(customer, contact);

    const accountId = await this.requireAccount(customer);

    const cases = await this.queries.readFresh<{ Id: string }>(
      `SELECT Id FROM Case WHERE AccountId = ${quote(accountId)} AND CaseNumber = ${quote(ticketNumber)} LIMIT 1`,
    );
    const caseId = cases.records[0]?.Id;
    if (caseId === undefined) {
      return null;
    }

    const commentId = await this.client.create('CaseComment', { ParentId: caseId, CommentBody: authorLine + text, IsPublished: true });
    await this.queries.written(accountId);

    const created = await this.queries.readFresh<CaseCommentRecord>(
      `SELECT ${COMMENT_FIELDS} FROM CaseComment WHERE Parent.AccountId = ${quote(accountId)} AND Id = ${quote(commentId)}`,
    );
    const record = created.records[0];
    if (record === undefined) {
      throw new Error(`Salesforce created CaseComment ${commentId} but does not return it; check the integration user's access to Case comments.`);
    }

    this.logger.info({ caseId, commentId, customerId: customer.id }, 'Added Salesforce Case comment');
    return toTicketComment(record, await this.client.integrationUserId());
  }

  private async requireAccount(customer: Customer): Promise<string> {
    const accountId = await this.accounts.accountIdFor(customer);
    if (accountId === null) {
      throw new AccountNotLinkedError(customer);
    }
    return accountId;
  }
}

function checkContact(customer: Customer, contact: Contact): void {
  if (contact.customerId !== customer.id) {
    throw new Error(`Contact ${contact.id} belongs to customer ${contact.customerId}, not to ${customer.id}; refusing to write a ticket across customers.`);
  }
}
