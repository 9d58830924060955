import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { toPortalError, type PortalError } from '../client';
import { formatCount } from '../format';
import { graphql } from '../gql';
import type { TicketPriority } from '../gql/graphql';
import { ticketPriorityLabels } from '../labels';
import { useHasPermission } from '../session';
import { CodedErrorNotice, ForbiddenNotice } from '../ui/QueryStates';

const CreateTicketMutation = graphql(`
  mutation CreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) {
      ticket {
        id
        number
        subject
        status
        priority
        createdAt
        updatedAt
      }
    }
  }
`);

// The gateway checks the same limits after trimming. Checking here first saves
// a round trip and puts the message next to the field.
export const SUBJECT_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 32_000;
const PRIORITIES: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH'];

interface FieldErrors {
  subject?: string;
  description?: string;
}

/**
 * Checks the trimmed subject and description against the server's length
 * limits. Lengths are counted in UTF-16 code units, as JavaScript strings
 * and the `maxLength` attribute count them.
 */
export function validateTicket(subject: string, description: string): FieldErrors {
  const errors: FieldErrors = {};
  const subjectLength = subject.trim().length;
  const descriptionLength = description.trim().length;

  if (subjectLength === 0) {
    errors.subject = 'Enter a subject.';
  } else if (subjectLength > SUBJECT_MAX_LENGTH) {
    errors.subject = `The subject is ${formatCount(subjectLength)} characters long, but the maximum is ${SUBJECT_MAX_LENGTH}.`;
  }

  if (descriptionLength === 0) {
    errors.description = 'Describe the problem or request.';
  } else if (descriptionLength > DESCRIPTION_MAX_LENGTH) {
    errors.description = `The description is ${formatCount(descriptionLength)} characters long, but the maximum is ${formatCount(DESCRIPTION_MAX_LENGTH)}.`;
  }

  return errors;
}

export function NewTicketPage() {
  const canCreate = useHasPermission('tickets:write');

  return (
    <>
      <title>New ticket · Customer portal</title>
      <p className="breadcrumb">
        <Link to="/tickets">← All tickets</Link>
      </p>
      <h1>New support ticket</h1>
      {canCreate ? <NewTicketForm /> : <ForbiddenNotice subject="creating support tickets" />}
    </>
  );
}

function NewTicketForm() {
  const navigate = useNavigate();
  const [{ fetching }, createTicket] = useMutation(CreateTicketMutation);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('MEDIUM');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<PortalError | null>(null);
  // A ref, unlike state, is set before a second click in the same frame can
  // read it, so a double click sends one mutation.
  const submitting = useRef(false);
  const subjectErrorId = useId();
  const descriptionErrorId = useId();
  const serverErrorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) {
      return;
    }

    const errors = validateTicket(subject, description);
    setFieldErrors(errors);
    setServerError(null);
    if (errors.subject || errors.description) {
      return;
    }

    submitting.current = true;
    try {
      const result = await createTicket({
        input: { subject: subject.trim(), description: description.trim(), priority },
      });
      const ticket = result.data?.createTicket.ticket;
      if (ticket) {
        navigate(`/tickets/${encodeURIComponent(ticket.number)}`);
        return;
      }
      if (!result.error) {
        setServerError({ code: 'UNKNOWN', message: 'The ticket could not be created. Try again in a moment.' });
        return;
      }

      // The gateway names the invalid input field, so its message can go next
      // to that field. Any other error goes above the submit button.
      const error = toPortalError(result.error);
      if (error.code === 'BAD_USER_INPUT' && error.argumentName === 'input.subject') {
        setFieldErrors({ subject: error.message });
      } else if (error.code === 'BAD_USER_INPUT' && error.argumentName === 'input.description') {
        setFieldErrors({ description: error.message });
      } else {
        setServerError(error);
      }
    } finally {
      submitting.current = false;
    }
  }

  const descriptionLength = description.trim().length;

  return (
    <form className="form ticket-form" onSubmit={handleSubmit} noValidate aria-describedby={serverError ? serverErrorId : undefined}>
      <label className="field">
        <span>Subject</span>
        <input
          type="text"
          name="subject"
          required
          maxLength={SUBJECT_MAX_LENGTH}
          value={subject}
          aria-invalid={fieldErrors.subject ? true : undefined}
          aria-describedby={fieldErrors.subject ? subjectErrorId : undefined}
          onChange={(event) => setSubject(event.target.value)}
        />
      </label>
      {fieldErrors.subject ? (
        <p className="field-error" id={subjectErrorId} role="alert">
          {fieldErrors.subject}
        </p>
      ) : null}

      <label className="field">
        <span>Description</span>
        <textarea
          name="description"
          required
          rows={8}
          maxLength={DESCRIPTION_MAX_LENGTH}
          value={description}
          aria-invalid={fieldErrors.description ? true : undefined}
          aria-describedby={fieldErrors.description ? descriptionErrorId : undefined}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <p className="field-hint">
        {formatCount(descriptionLength)} of {formatCount(DESCRIPTION_MAX_LENGTH)} characters
      </p>
      {fieldErrors.description ? (
        <p className="field-error" id={descriptionErrorId} role="alert">
          {fieldErrors.description}
        </p>
      ) : null}

      <label className="field">
        <span>Priority</span>
        <select name="priority" value={priority} onChange={(event) => setPriority(event.target.value as TicketPriority)}>
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {ticketPriorityLabels[value]}
            </option>
          ))}
        </select>
      </label>

      {serverError ? (
        <div id={serverErrorId}>
          {serverError.code === 'BAD_USER_INPUT' ? (
            <p className="form-error" role="alert">
              {serverError.message}
            </p>
          ) : (
            <CodedErrorNotice error={serverError} forbiddenSubject="creating support tickets" />
          )}
        </div>
      ) : null}

      <button type="submit" className="primary" disabled={fetching}>
        {fetching ? 'Creating ticket…' : 'Create ticket'}
      </button>
    </form>
  );
}
