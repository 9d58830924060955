import type { Logger } from 'pino';

import type { CredentialRepository } from '../../connectors/portal';

import { hashPassword } from './passwords';
import { normalizeEmail } from './sign-in';

/** Password of every demo contact; printed in the README, so only for the generated demo ERP. */
export const DEMO_PASSWORD = 'portal-demo';

/**
 * Writes a credential with the demo password for each demo contact that has
 * none yet. Existing credentials are left alone, so a password changed on a
 * demo installation survives a restart. Returns the e-mails it added.
 */
export async function seedDemoCredentials(credentials: CredentialRepository, emails: readonly string[], logger: Logger): Promise<string[]> {
  const added: string[] = [];

  for (const email of emails.map(normalizeEmail)) {
    if ((await credentials.findByEmail(email)) !== null) {
      continue;
    }
    await credentials.upsert(email, await hashPassword(DEMO_PASSWORD));
    added.push(email);
  }

  if (added.length > 0) {
    logger.info({ emails: added }, 'Demo credentials written with the demo password from the README');
  }
  return added;
}
