/**
 * Length checks against Salesforce's field limits, made before any call so
 * that input Salesforce would reject never costs an API request. Lengths
 * are counted in UTF-16 code units, as JavaScript and Salesforce (Apex
 * String.length) both count them.
 */
import type { TicketPriority } from '../domain';
import { ConnectorInputError } from '../errors';
import { TICKET_PRIORITIES } from './config';

export const CASE_SUBJECT_MAX_LENGTH = 255;
export const CASE_DESCRIPTION_MAX_LENGTH = 32_000;
export const CASE_COMMENT_MAX_LENGTH = 4_000;

/**
 * Trims `value` and checks that 1 to `max` characters remain; the message is
 * shown to the user. `note` explains a limit below the field's own.
 */
export function checkText(field: string, label: string, value: string, max: number, note = ''): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw new ConnectorInputError(field, `${label} must not be empty or only white space.`);
  }
  if (trimmed.length > max) {
    throw new ConnectorInputError(
      field,
      `${label} is ${trimmed.length.toLocaleString('en-US')} characters long, but at most ${max.toLocaleString('en-US')} fit${note}. Shorten it.`,
    );
  }
  return trimmed;
}

export function checkPriority(priority: string): TicketPriority {
  if (!(TICKET_PRIORITIES as readonly string[]).includes(priority)) {
    throw new ConnectorInputError('priority', `Priority ${JSON.stringify(priority)} is not one of ${TICKET_PRIORITIES.join(', ')}.`);
  }
  return priority as TicketPriority;
}
