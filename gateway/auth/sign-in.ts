/**
 * Checks an e-mail and password against the portal's credentials and the ERP
 * contact list. Every way of failing (unknown e-mail, no portal access, no
 * credential, wrong password) gives the same error after about the same time,
 * so a caller cannot tell which e-mails have accounts.
 */
import type { BaseLogger } from 'pino';

import type { CredentialRepository } from '../../connectors/portal';
import type { DirectorySource } from '../../connectors/sources';
import { badUserInput, codedError, ErrorCode } from '../errors';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords';
import type { SignInThrottle } from './throttle';
import type { SignedInViewer } from './viewer';
import { loadViewer } from './viewer';

// Maximum e-mail length that SMTP allows (RFC 5321), and a generous maximum
// password length so that the cost of hashing stays bounded.
const MAX_EMAIL_LENGTH = 254;
const MAX_PASSWORD_LENGTH = 1024;

export const INVALID_CREDENTIALS_MESSAGE = 'Invalid e-mail or password.';

/** E-mail addresses are compared trimmed and in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class SignInService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly directory: DirectorySource,
    private readonly throttle: SignInThrottle,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Returns the viewer for valid credentials; throws UNAUTHENTICATED,
   * RATE_LIMITED or BAD_USER_INPUT. `logger` is the request's logger.
   */
  async authenticate(rawEmail: string, password: string, clientIp: string, logger: Pick<BaseLogger, 'info'>): Promise<SignedInViewer> {
    const email = normalizeEmail(rawEmail);
    if (email.length > MAX_EMAIL_LENGTH) {
      throw badUserInput(`email must be at most ${MAX_EMAIL_LENGTH} characters, got ${email.length}.`, 'email');
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw badUserInput(`password must be at most ${MAX_PASSWORD_LENGTH} characters, got ${password.length}.`, 'password');
    }

    // The limit applies before the password is checked, so a locked-out
    // caller learns nothing from further guesses. The attempt counts as a
    // failure from here on, so parallel guesses count each other.
    const attempt = await this.throttle.begin(email, clientIp, this.clock());

    let viewer: SignedInViewer | null;
    try {
      viewer = await this.verify(email, password);
    } catch (error) {
      await attempt.abandon();
      throw error;
    }

    if (viewer === null) {
      logger.info({ clientIp }, 'Sign-in failed: invalid e-mail or password');
      throw codedError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS_MESSAGE);
    }

    await attempt.succeeded();
    logger.info({ contactId: viewer.contact.id, customerId: viewer.customer.id }, 'Signed in');
    return viewer;
  }

  private async verify(email: string, password: string): Promise<SignedInViewer | null> {
    const [[contact], credential] = await Promise.all([
      this.directory.contactsByEmail([email]),
      this.credentials.findByEmail(email),
    ]);

    if (!contact || !contact.portalAccess || credential === null) {
      return verifyDummyPassword(password).then(() => null);
    }

    if (!(await verifyPassword(password, credential.passwordHash))) {
      return null;
    }

    // Upgrade hashes made with weaker parameters while the password is known.
    if (needsRehash(credential.passwordHash)) {
      await this.credentials.upsert(email, await hashPassword(password));
    }

    return loadViewer(this.directory, contact.id);
  }
}
