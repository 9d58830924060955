/**
 * Tables of the portal's own store. Instants are ISO 8601 UTC text on SQLite
 * and timestamptz on PostgreSQL. They are bound and read through the engine
 * adapter, hence typed `unknown` here.
 */

export interface PortalCredentialsTable {
  /** Lower case. */
  email: string;
  password_hash: string;
  created_at: unknown;
  updated_at: unknown;
}

export interface PortalSessionsTable {
  /** Hash of the session token. The token itself is never stored. */
  token_hash: string;
  contact_id: string;
  email: string | null;
  created_at: unknown;
  last_seen_at: unknown;
  expires_at: unknown;
}

export interface PortalSignInFailuresTable {
  id: unknown;
  throttle_key: string;
  failed_at: unknown;
}

export interface PortalDatabase {
  portal_credentials: PortalCredentialsTable;
  portal_sessions: PortalSessionsTable;
  portal_sign_in_failures: PortalSignInFailuresTable;
}
