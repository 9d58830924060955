import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { toPortalError } from '../client';
import { graphql } from '../gql';
import { useSession } from '../session';

const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      viewer {
        email
      }
    }
  }
`);

/**
 * Returns the page to open after signing in: the `next` parameter when it is
 * a path on this site, otherwise the dashboard. A value such as
 * "//other.example" or "https://…" is ignored so the link cannot send the user
 * to another site.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next;
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { resetClient } = useSession();
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) {
      return;
    }
    setErrorMessage(null);

    const result = await signIn({ email: email.trim(), password });
    if (result.error) {
      // Wrong credentials arrive as UNAUTHENTICATED and throttling as
      // RATE_LIMITED. Both carry a message meant for the user.
      setErrorMessage(toPortalError(result.error).message);
      return;
    }

    // A new client drops results cached while signed out, such as a null viewer.
    resetClient();
    navigate(safeNextPath(searchParams.get('next')), { replace: true });
  }

  return (
    <main className="sign-in" id="main">
      <title>Sign in · Customer portal</title>
      <h1>Sign in to the customer portal</h1>
      <form className="form" onSubmit={handleSubmit} aria-describedby={errorMessage ? errorId : undefined}>
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {errorMessage ? (
          <p className="form-error" id={errorId} role="alert">
            {errorMessage}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
