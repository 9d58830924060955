/** Loading, empty and error states shared by every page. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { CombinedError } from 'urql';
import { forbiddenMessage, toPortalError, type PortalError } from '../client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Sign-in address that returns to the current page afterwards. */
export function useSignInPath(): string {
  const location = useLocation();
  const next = location.pathname + location.search;
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

interface ErrorNoticeProps {
  error: CombinedError;
  /** Subject of a FORBIDDEN error, which completes "Your role does not include …". */
  forbiddenSubject: string;
  /** Runs the request again. Without it, no retry button is shown. */
  onRetry?: () => void;
  /** Text for UPSTREAM_UNAVAILABLE in place of the server's generic message, for example "Support tickets are temporarily unavailable." */
  unavailableMessage?: string;
}

/**
 * Shows a failed request according to its error code: UNAUTHENTICATED goes
 * to sign-in, FORBIDDEN names what the role lacks, and anything else shows
 * the message with a retry button.
 */
export function ErrorNotice({ error, ...rest }: ErrorNoticeProps) {
  return <CodedErrorNotice error={toPortalError(error)} {...rest} />;
}

interface CodedErrorNoticeProps {
  error: PortalError;
  forbiddenSubject: string;
  onRetry?: () => void;
  unavailableMessage?: string;
}

export function CodedErrorNotice({ error, forbiddenSubject, onRetry, unavailableMessage }: CodedErrorNoticeProps) {
  const signInPath = useSignInPath();

  switch (error.code) {
    case 'UNAUTHENTICATED':
      return <Navigate to={signInPath} replace />;
    case 'FORBIDDEN':
      return <ForbiddenNotice subject={forbiddenSubject} />;
    case 'NETWORK':
    case 'RATE_LIMITED':
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'UPSTREAM_UNAVAILABLE':
    case 'NOT_CONFIGURED':
    case 'UNKNOWN':
      return (
        <div className="state state-error" role="alert">
          <p>{error.code === 'UPSTREAM_UNAVAILABLE' && unavailableMessage ? unavailableMessage : error.message}</p>
          {onRetry ? (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      );
    default: {
      const unhandled: never = error.code;
      throw new Error(`Unhandled error code ${String(unhandled)}.`);
    }
  }
}

export function ForbiddenNotice({ subject }: { subject: string }) {
  return <p className="state state-forbidden">{forbiddenMessage(subject)}</p>;
}
