import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { toPortalError, type PortalError } from '../client';
import { formatCount } from '../format';
import { graphql } from '../gql';
import { CodedErrorNotice } from '../ui/QueryStates';
import { TICKETS_UNAVAILABLE_MESSAGE } from './unavailable';

const AddTicketCommentMutation = graphql(`
  mutation AddTicketComment($ticketNumber: String!, $body: String!) {
    addTicketComment(ticketNumber: $ticketNumber, body: $body) {
      comment {
        id
        authorName
        fromSupport
        body
        createdAt
      }
    }
  }
`);

// The gateway checks the same limit after trimming. Salesforce leaves a little
// less room, and the server's message then appears next to the field.
export const COMMENT_MAX_LENGTH = 4_000;

/** Checks the trimmed comment against the server's length limit and returns the problem, or null when it may be sent. */
export function validateComment(body: string): string | null {
  const length = body.trim().length;
  if (length === 0) {
    return 'Write a comment first.';
  }
  if (length > COMMENT_MAX_LENGTH) {
    return `The comment is ${formatCount(length)} characters long, but the maximum is ${formatCount(COMMENT_MAX_LENGTH)}.`;
  }
  return null;
}

interface CommentFormProps {
  ticketNumber: string;
  /** Called after the comment was saved, to show it in the list. */
  onAdded: () => void;
}

/** Form under a ticket's comments that adds a public comment as the signed-in contact. */
export function CommentForm({ ticketNumber, onAdded }: CommentFormProps) {
  const [{ fetching }, addComment] = useMutation(AddTicketCommentMutation);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<PortalError | null>(null);
  // Set before a second click in the same frame can read it, so a double click sends one comment.
  const submitting = useRef(false);
  const fieldErrorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) {
      return;
    }

    const problem = validateComment(body);
    setFieldError(problem);
    setServerError(null);
    if (problem) {
      return;
    }

    submitting.current = true;
    try {
      const result = await addComment({ ticketNumber, body: body.trim() });
      if (result.data?.addTicketComment.comment) {
        setBody('');
        onAdded();
        return;
      }
      if (!result.error) {
        setServerError({ code: 'UNKNOWN', message: 'The comment could not be saved. Try again in a moment.' });
        return;
      }

      // The gateway names the invalid argument, so its message goes next to the field.
      const error = toPortalError(result.error);
      if (error.code === 'BAD_USER_INPUT' && error.argumentName === 'body') {
        setFieldError(error.message);
      } else {
        setServerError(error);
      }
    } finally {
      submitting.current = false;
    }
  }

  return (
    <form className="form comment-form" onSubmit={handleSubmit} noValidate>
      <label className="field">
        <span>Add a comment</span>
        <textarea
          name="body"
          rows={4}
          maxLength={COMMENT_MAX_LENGTH}
          value={body}
          readOnly={fetching}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? fieldErrorId : undefined}
          onChange={(event) => setBody(event.target.value)}
        />
      </label>
      <p className="field-hint">
        {formatCount(body.trim().length)} of {formatCount(COMMENT_MAX_LENGTH)} characters
      </p>
      {fieldError ? (
        <p className="field-error" id={fieldErrorId} role="alert">
          {fieldError}
        </p>
      ) : null}

      {serverError ? (
        <CodedErrorNotice error={serverError} forbiddenSubject="commenting on support tickets" unavailableMessage={TICKETS_UNAVAILABLE_MESSAGE} />
      ) : null}

      <button type="submit" className="primary" disabled={fetching}>
        {fetching ? 'Adding comment…' : 'Add comment'}
      </button>
    </form>
  );
}
