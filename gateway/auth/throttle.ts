/**
 * Sign-in throttling. Attempts are counted in the portal store, not in
 * process memory, so every gateway instance that shares the store reads the
 * same counts.
 *
 * Each attempt is recorded as a failure before its password is checked, and
 * the count read afterwards includes it. Attempts that run at the same time,
 * in one process or several, therefore count each other, and at most the
 * limit of them get their password checked. A successful attempt removes its
 * records again; a rejected one removes its own, so that guessing on while
 * locked does not extend the lock.
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

/** One sign-in attempt that passed the throttle and counts as a failure until it succeeds. */
export interface ThrottledAttempt {
  /**
   * Forgets the e-mail's failures, this attempt's included, and this
   * attempt's record for the client address. The address keeps its other
   * failures, so one valid account cannot reset the limit while guessing
   * others from the same address.
   */
  succeeded(): Promise<void>;
  /** Forgets this attempt, for one that ended before its password could be checked (a backing system failed). */
  abandon(): Promise<void>;
}

export class SignInThrottle {
  constructor(
    private readonly failures: SignInThrottleRepository,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /**
   * Records an attempt for the e-mail and the client address, and throws
   * RATE_LIMITED when either has more recent failures than its limit, this
   * attempt included. A password failure needs no further call: the records
   * stay and count.
   */
  async begin(email: string, clientIp: string, now: Date): Promise<ThrottledAttempt> {
    const [emailFailure, clientFailure] = await Promise.all([
      this.failures.recordFailure(emailKey(email), now),
      this.failures.recordFailure(clientKey(clientIp), now),
    ]);
    const forget = async (): Promise<void> => {
      await Promise.all([this.failures.deleteFailure(emailFailure), this.failures.deleteFailure(clientFailure)]);
    };

    const since = new Date(now.getTime() - this.limits.windowMs);
    const [emailFailures, clientFailures] = await Promise.all([
      this.failures.countFailuresSince(emailKey(email), since),
      this.failures.countFailuresSince(clientKey(clientIp), since),
    ]);

    if (emailFailures > this.limits.maxFailuresPerEmail || clientFailures > this.limits.maxFailuresPerClient) {
      await forget();
      // The store returns counts, not times, so the wait is the whole window:
      // an upper bound on when the oldest counted failure drops out.
      const retryAfterSeconds = Math.ceil(this.limits.windowMs / 1000);
      throw rateLimited(
        `Too many failed sign-ins. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes before trying again, or ask your portal administrator to reset your password.`,
        retryAfterSeconds,
      );
    }

    return {
      succeeded: async () => {
        await Promise.all([this.failures.clear(emailKey(email)), this.failures.deleteFailure(clientFailure)]);
      },
      abandon: forget,
    };
  }
}

function emailKey(email: string): string {
  return `email:${email}`;
}

function clientKey(clientIp: string): string {
  return `ip:${clientIp}`;
}
