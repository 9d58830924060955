/**
 * The fake's OAuth 2.0 token endpoint and access tokens: password,
 * refresh_token and JWT bearer grants, with Salesforce's response and error
 * shapes (`invalid_grant`, `invalid_client_id`, ...).
 */
import { randomBytes, type KeyObject } from 'node:crypto';

import { publicKeyFromPem, verifyAssertion } from './jwt-bearer';

export interface FakeConnectedApp {
  clientId: string;
  /** When set, password and refresh_token grants must present it. */
  clientSecret?: string;
  /** PEM certificate or public key for JWT bearer assertions. */
  jwtCertificate?: string;
}

export interface FakeLogin {
  userId: string;
  username: string;
  password: string;
  securityToken: string;
}

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

type TokenAnswer = { status: number; body: Record<string, string> };

export class FakeAuth {
  private readonly apps = new Map<string, { app: FakeConnectedApp; key: KeyObject | undefined }>();
  private readonly logins = new Map<string, FakeLogin>();
  private readonly accessTokens = new Map<string, string>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();

  constructor(
    private readonly orgId: string,
    private readonly instanceUrl: () => string,
    apps: readonly FakeConnectedApp[],
  ) {
    for (const app of apps) {
      this.apps.set(app.clientId, { app, key: app.jwtCertificate === undefined ? undefined : publicKeyFromPem(app.jwtCertificate) });
    }
  }

  addLogin(login: FakeLogin): void {
    this.logins.set(login.username.toLowerCase(), login);
  }

  /** Issues a refresh token, as the web-server flow would after a user approved the app. */
  issueRefreshToken(username: string, clientId: string): string {
    const login = this.logins.get(username.toLowerCase());
    if (login === undefined || !this.apps.has(clientId)) {
      throw new Error(`Cannot issue a refresh token: unknown user ${username} or connected app ${clientId}.`);
    }
    const token = `5Aep${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(token, { userId: login.userId, clientId });
    return token;
  }

  /** Returns the user id an access token acts as, or null when the token is unknown or expired. */
  userForAccessToken(token: string): string | null {
    return this.accessTokens.get(token) ?? null;
  }

  /** Invalidates every access token, as when sessions time out; refresh tokens stay valid. */
  expireSessions(): void {
    this.accessTokens.clear();
  }

  handleTokenRequest(params: URLSearchParams): TokenAnswer {
    const grantType = params.get('grant_type');
    switch (grantType) {
      case 'password':
        return this.passwordGrant(params);
      case 'refresh_token':
        return this.refreshGrant(params);
      case JWT_BEARER_GRANT:
        return this.jwtGrant(params);
      default:
        return oauthError('unsupported_grant_type', `grant type not supported: ${grantType ?? '(none)'}`);
    }
  }

  private passwordGrant(params: URLSearchParams): TokenAnswer {
    const clientProblem = this.checkClient(params, true);
    if (clientProblem !== null) {
      return clientProblem;
    }

    const login = this.logins.get((params.get('username') ?? '').toLowerCase());
    if (login === undefined || params.get('password') !== login.password + login.securityToken) {
      return oauthError('invalid_grant', 'authentication failure');
    }
    return this.issue(login.userId);
  }

  private refreshGrant(params: URLSearchParams): TokenAnswer {
    const clientProblem = this.checkClient(params, false);
    if (clientProblem !== null) {
      return clientProblem;
    }

    const grant = this.refreshTokens.get(params.get('refresh_token') ?? '');
    if (grant === undefined || grant.clientId !== params.get('client_id')) {
      return oauthError('invalid_grant', 'expired access/refresh token');
    }
    return this.issue(grant.userId);
  }

  private jwtGrant(params: URLSearchParams): TokenAnswer {
    const audiences = [this.instanceUrl(), 'https://login.salesforce.com', 'https://test.salesforce.com'];
    const result = verifyAssertion(
      params.get('assertion') ?? '',
      (clientId) => this.apps.get(clientId)?.key,
      audiences,
      Math.floor(Date.now() / 1000),
    );
    if ('reason' in result) {
      return oauthError('invalid_grant', result.reason);
    }

    const login = this.logins.get(result.claims.sub.toLowerCase());
    if (login === undefined) {
      return oauthError('invalid_grant', 'user hasn\'t approved this consumer');
    }
    return this.issue(login.userId);
  }

  private checkClient(params: URLSearchParams, secretRequired: boolean): TokenAnswer | null {
    const entry = this.apps.get(params.get('client_id') ?? '');
    if (entry === undefined) {
      return oauthError('invalid_client_id', 'client identifier invalid');
    }
    const secret = params.get('client_secret');
    const secretNeeded = entry.app.clientSecret !== undefined && (secretRequired || secret !== null);
    if (secretNeeded && secret !== entry.app.clientSecret) {
      return oauthError('invalid_client', 'invalid client credentials');
    }
    return null;
  }

  private issue(userId: string): TokenAnswer {
    const accessToken = `${this.orgId}!${randomBytes(32).toString('base64url')}`;
    this.accessTokens.set(accessToken, userId);
    const instanceUrl = this.instanceUrl();
    return {
      status: 200,
      body: {
        access_token: accessToken,
        instance_url: instanceUrl,
        id: `${instanceUrl}/id/${this.orgId}/${userId}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        signature: randomBytes(32).toString('base64'),
      },
    };
  }
}

function oauthError(error: string, description: string): TokenAnswer {
  return { status: 400, body: { error, error_description: description } };
}
