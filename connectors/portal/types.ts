/**
 * The portal store's interface. The gateway hashes passwords and session
 * tokens and decides about expiry. The store only persists.
 */
import type { HealthCheck } from '../sources';

export interface PortalCredential {
  /** Lower case. */
  email: string;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CredentialRepository {
  /** Looks the e-mail up in lower case. */
  findByEmail(email: string): Promise<PortalCredential | null>;
  /** Inserts or replaces the password hash of an e-mail (stored in lower case). */
  upsert(email: string, passwordHash: string): Promise<void>;
}

export interface PortalSession {
  tokenHash: string;
  contactId: string;
  email: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionRepository {
  create(session: Omit<PortalSession, 'email'> & { email?: string | null }): Promise<void>;
  /** Returns the session whether or not it has expired, so the caller checks `expiresAt`. */
  findByTokenHash(tokenHash: string): Promise<PortalSession | null>;
  /** Records activity. When `expiresAt` is given, it moves the expiry too. */
  touch(tokenHash: string, lastSeenAt: Date, expiresAt?: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Deletes sessions whose expiry is at or before `now`, and returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export interface SignInThrottleRepository {
  /** Records one failure of `key` and returns its id for `deleteFailure`. */
  recordFailure(key: string, at: Date): Promise<string>;
  /** Forgets one failure by the id that `recordFailure` returned. */
  deleteFailure(id: string): Promise<void>;
  /** Failures of `key` at or after `since`. */
  countFailuresSince(key: string, since: Date): Promise<number>;
  /** Forgets every failure of `key`. */
  clear(key: string): Promise<void>;
  /** Deletes failures of every key older than `before`, and returns how many. */
  deleteBefore(before: Date): Promise<number>;
}

export interface PortalStore {
  /** Creates or updates the store's tables, and is safe when several processes call it at once. */
  migrate(): Promise<void>;
  credentials: CredentialRepository;
  sessions: SessionRepository;
  signInThrottle: SignInThrottleRepository;
  health: HealthCheck;
}
