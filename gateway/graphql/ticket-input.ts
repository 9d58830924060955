import type { NewTicket } from '../../connectors/sources';
import { badUserInput } from '../errors';
import type { CreateTicketInput } from './types/ticket';

export const MAX_SUBJECT_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 32_000;

/** Trims and checks the input of createTicket; throws BAD_USER_INPUT naming the first invalid field. */
export function checkNewTicket(input: CreateTicketInput): NewTicket {
  const subject = input.subject.trim();
  checkLength(subject, 'input.subject', MAX_SUBJECT_LENGTH);

  const description = input.description.trim();
  checkLength(description, 'input.description', MAX_DESCRIPTION_LENGTH);

  return { subject, description, priority: input.priority };
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
