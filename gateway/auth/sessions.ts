/**
 * Sessions: a random token in an HttpOnly cookie, of which the portal store
 * keeps only the SHA-256 hash, so a copy of the store cannot be replayed as
 * cookies. A session ends after `idleMinutes` without a request or
 * `maxDays` after sign-in, whichever comes first, and as soon as the ERP
 * revokes the contact's portal access.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { BaseLogger } from 'pino';

import type { SessionRepository } from '../../connectors/portal';
import type { DirectorySource } from '../../connectors/sources';
import type { CookieAttributes } from '../http/cookies';
import type { SignedInViewer } from './viewer';
import { loadViewer } from './viewer';

export const SESSION_COOKIE_NAME = 'rover_session';

/**
 * A request refreshes the session's last-seen time only when the stored one
 * is at least this old, so that reads do not each cost a write.
 */
export const TOUCH_INTERVAL_MS = 5 * 60_000;

const TOKEN_BYTES = 32;

export interface SessionPolicy {
  idleMinutes: number;
  maxDays: number;
  cookieSecure: boolean;
}

export type ResumedSession =
  | { viewer: SignedInViewer; tokenHash: string }
  /** `clearCookie` is true when the request sent a cookie that no longer opens a session. */
  | { viewer: null; clearCookie: boolean };

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class SessionManager {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly directory: DirectorySource,
    private readonly policy: SessionPolicy,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts a session for a contact and returns the token to put in the cookie. */
  async start(contactId: string, email: string): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const now = this.clock();

    await this.sessions.create({
      tokenHash: hashToken(token),
      contactId,
      email,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.policy.maxDays * 86_400_000),
    });
    return token;
  }

  /**
   * Finds the session of a cookie value and reloads its contact from the ERP.
   * An expired session, or one whose contact lost portal access, is deleted
   * and logged on `logger`, the request's logger.
   */
  async resume(token: string | undefined, logger: Pick<BaseLogger, 'info'>): Promise<ResumedSession> {
    if (token === undefined || token === '') {
      return { viewer: null, clearCookie: false };
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
      return { viewer: null, clearCookie: true };
    }

    const tokenHash = hashToken(token);
    const session = await this.sessions.findByTokenHash(tokenHash);
    if (session === null) {
      return { viewer: null, clearCookie: true };
    }

    const now = this.clock();
    const idleDeadline = session.lastSeenAt.getTime() + this.policy.idleMinutes * 60_000;
    if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleDeadline) {
      await this.sessions.delete(tokenHash);
      logger.info({ contactId: session.contactId }, 'Session expired');
      return { viewer: null, clearCookie: true };
    }

    const viewer = await loadViewer(this.directory, session.contactId);
    if (viewer === null) {
      await this.sessions.delete(tokenHash);
      logger.info({ contactId: session.contactId }, 'Session ended: the contact no longer has portal access');
      return { viewer: null, clearCookie: true };
    }

    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.sessions.touch(tokenHash, now);
    }
    return { viewer, tokenHash };
  }

  async end(token: string | undefined): Promise<void> {
    if (token !== undefined && token !== '') {
      await this.sessions.delete(hashToken(token));
    }
  }

  /** Cookie attributes; the cookie lives no longer than the session can. */
  cookieAttributes(): CookieAttributes {
    return {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: this.policy.cookieSecure,
      maxAge: this.policy.maxDays * 86_400,
    };
  }
}
