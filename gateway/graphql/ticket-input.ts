import type { NewTicket } from '../../connectors/sources';
import { badUserInput } from '../errors';
import type { CreateTicketInput } from './types/ticket';

export const MAX_SUBJECT_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 32_000;
/** A Salesforce CaseComment body contains at most 4,000 characters, and the ERP source accepts the same. */
export const MAX_COMMENT_LENGTH = 4_000;
/** Above the ERP case_number column (varchar(40)) and Salesforce CaseNumber (30 characters), so no longer number exists. */
export const MAX_TICKET_NUMBER_LENGTH = 100;

/** Trims and checks the input of createTicket; throws BAD_USER_INPUT naming the first invalid field. */
export function checkNewTicket(input: CreateTicketInput): NewTicket {
  const subject = input.subject.trim();
  checkLength(subject, 'input.subject', MAX_SUBJECT_LENGTH);

  const description = input.description.trim();
  checkLength(description, 'input.description', MAX_DESCRIPTION_LENGTH);

  return { subject, description, priority: input.priority };
}

/** Trims and checks the body of addTicketComment, and throws BAD_USER_INPUT naming `body`. */
export function checkCommentBody(body: string): string {
  const trimmed = body.trim();
  checkLength(trimmed, 'body', MAX_COMMENT_LENGTH);
  return trimmed;
}

function checkLength(text: string, argumentName: string, max: number): void {
  // Length in UTF-16 code units, as JavaScript and SQL Server's nvarchar
  // count it, so an emoji counts as two characters.
  const length = text.length;
  if (length === 0) {
    throw badUserInput(`${argumentName} must not be empty or only white space.`, argumentName);
  }
  if (length > max) {
    throw badUserInput(`${argumentName} must be at most ${max.toLocaleString('en-US')} characters after trimming, got ${length.toLocaleString('en-US')}.`, argumentName);
  }
}
