import type { NewTicket } from '../../connectors/sources';
import { MAX_DOCUMENT_NUMBER_LENGTH } from './document-numbers';
import type { CreateTicketInput } from './types/ticket';
import { checkUserText } from './user-text';

export const MAX_SUBJECT_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 32_000;
/** A Salesforce CaseComment body contains at most 4,000 characters, and the ERP source accepts the same. */
export const MAX_COMMENT_LENGTH = 4_000;
export const MAX_TICKET_NUMBER_LENGTH = MAX_DOCUMENT_NUMBER_LENGTH;

/** Trims and checks the input of createTicket; throws BAD_USER_INPUT naming the first invalid field. */
export function checkNewTicket(input: CreateTicketInput): NewTicket {
  const subject = checkUserText(input.subject, { argumentName: 'input.subject', maxLength: MAX_SUBJECT_LENGTH, multiline: false });
  const description = checkUserText(input.description, { argumentName: 'input.description', maxLength: MAX_DESCRIPTION_LENGTH, multiline: true });

  return { subject, description, priority: input.priority };
}

/** Trims and checks the body of addTicketComment, and throws BAD_USER_INPUT naming `body`. */
export function checkCommentBody(body: string): string {
  return checkUserText(body, { argumentName: 'body', maxLength: MAX_COMMENT_LENGTH, multiline: true });
}
