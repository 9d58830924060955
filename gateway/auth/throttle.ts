/**
 * Sign-in throttling. Failures are counted in the portal store, not in
 * process memory, so every gateway instance that shares the store reads the
 * same counts.
 */
import type { SignInThrottleRepository } from '../../connectors/portal';
import { rateLimited } from '../errors';

export interface ThrottleLimits {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerClient: number;
}

/**
 * 10 failures for one e-mail or 100 from one client address within 15
 * minutes. The per-address limit is higher because several people of one
 * company often share an address behind a NAT.
 */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  windowMs: 15 * 60_000,
  maxFailuresPerEmail: 10,
  maxFailuresPerClient: 100,
};

export class SignInThrottle {
  constructor(
    private readonly failures: SignInThrottleRepository,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /** Throws RATE_LIMITED when the e-mail or the client address has too many recent failures. */
  async check(email: string, clientIp: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - this.limits.windowMs);
    const [emailFailures, clientFailures] = await Promise.all([
      this.failures.countFailuresSince(emailKey(email), since),
      this.failures.countFailuresSince(clientKey(clientIp), since),
    ]);

    if (emailFailures >= this.limits.maxFailuresPerEmail || clientFailures >= this.limits.maxFailuresPerClient) {
      // The store returns counts, not times, so the wait is the whole window:
      // an upper bound on when the oldest counted failure drops out.
      const retryAfterSeconds = Math.ceil(this.limits.windowMs / 1000);
      throw rateLimited(
        `Too many failed sign-ins. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes before trying again, or ask your portal administrator to reset your password.`,
        retryAfterSeconds,
      );
    }
  }

  async recordFailure(email: string, clientIp: string, now: Date): Promise<void> {
    await Promise.all([
      this.failures.recordFailure(emailKey(email), now),
      this.failures.recordFailure(clientKey(clientIp), now),
    ]);
  }

  /**
   * Forgets the e-mail's failures after a successful sign-in. The client
   * address keeps its count, so one valid account cannot be used to reset
   * the limit while guessing others from the same address.
   */
  async recordSuccess(email: string): Promise<void> {
    await this.failures.clear(emailKey(email));
  }
}

function emailKey(email: string): string {
  return `email:${email}`;
}

function clientKey(clientIp: string): string {
  return `ip:${clientIp}`;
}
