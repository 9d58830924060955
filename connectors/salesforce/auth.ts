/**
 * Requests an access token from Salesforce's OAuth 2.0 token endpoint for
 * the configured flow. It sends through jsforce's HTTP transport (which
 * honours the usual proxy variables, like the data calls do) rather than
 * jsforce's OAuth2 class, because the transport takes a timeout and reports
 * the HTTP status.
 */
import Transport from 'jsforce/lib/transport';
import type { HttpResponse } from 'jsforce/lib/types';

import type { SalesforceAuthConfig } from './config';
import { signJwtAssertion } from './jwt';

export interface SessionToken {
  accessToken: string;
  instanceUrl: string;
  /** Id of the user the token acts as (the last segment of the identity URL). */
  userId: string;
  /** Id of the org (the segment before the user id in the identity URL). */
  orgId: string;
}

/** The token endpoint returned an error, or could not be reached. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';

  constructor(
    message: string,
    /** OAuth error code such as "invalid_grant", or null when no response arrived. */
    readonly oauthError: string | null,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export async function requestToken(loginUrl: string, auth: SalesforceAuthConfig, timeoutMs: number): Promise<SessionToken> {
  const body = new URLSearchParams(tokenParameters(auth));
  const url = `${loginUrl}/services/oauth2/token`;

  let response: HttpResponse;
  const started = Date.now();
  try {
    response = await new Transport().httpRequest(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
      },
      { timeout: timeoutMs, retry: { methods: [] } },
    );
  } catch (error) {
    const timedOut = Date.now() - started >= timeoutMs;
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new TokenRequestError(`Salesforce token request to ${url} ${reason}.`, null, null, { cause: error });
  }

  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    payload = {};
  }

  if (response.statusCode >= 400) {
    const oauthError = typeof payload.error === 'string' ? payload.error : null;
    const description = typeof payload.error_description === 'string' ? payload.error_description : `HTTP ${response.statusCode}`;
    throw new TokenRequestError(
      `Salesforce rejected the ${auth.flow} sign-in at ${url}: ${oauthError ?? 'error'}: ${description}.`,
      oauthError,
      response.statusCode,
    );
  }

  const { access_token: accessToken, instance_url: instanceUrl, id } = payload;
  if (typeof accessToken !== 'string' || typeof instanceUrl !== 'string' || typeof id !== 'string') {
    throw new TokenRequestError(`Salesforce token response from ${url} lacks access_token, instance_url or id.`, null, response.statusCode);
  }
  // The identity URL ends in /id/{orgId}/{userId}.
  const [orgId = '', userId = ''] = id.split('/').slice(-2);
  return { accessToken, instanceUrl: instanceUrl.replace(/\/+$/, ''), userId, orgId };
}

function tokenParameters(auth: SalesforceAuthConfig): Record<string, string> {
  switch (auth.flow) {
    case 'jwt':
      return {
        grant_type: JWT_BEARER_GRANT,
        assertion: signJwtAssertion({
          clientId: auth.clientId,
          username: auth.username,
          audience: auth.audience,
          privateKeyPem: auth.privateKey.reveal(),
        }),
      };

    case 'password':
      return {
        grant_type: 'password',
        client_id: auth.clientId,
        ...(auth.clientSecret === null ? {} : { client_secret: auth.clientSecret.reveal() }),
        username: auth.username,
        // Salesforce expects the user's security token appended to the password.
        password: auth.password.reveal() + (auth.securityToken?.reveal() ?? ''),
      };

    case 'refresh_token':
      return {
        grant_type: 'refresh_token',
        client_id: auth.clientId,
        ...(auth.clientSecret === null ? {} : { client_secret: auth.clientSecret.reveal() }),
        refresh_token: auth.refreshToken.reveal(),
      };
  }
}
