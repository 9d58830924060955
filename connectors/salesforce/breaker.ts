/**
 * Circuit breaker for calls to one Salesforce org. After `failureThreshold`
 * consecutive unavailability failures it opens and rejects calls without
 * sending them; after `cooldownMs` it lets one probe call through
 * (half-open). A probe that reaches Salesforce closes the breaker again, and
 * a probe that fails reopens it for another cool-down.
 */

export type BreakerState =
  | { kind: 'closed'; consecutiveFailures: number }
  | { kind: 'open'; openedAt: number }
  | { kind: 'half-open'; probeInFlight: boolean };

export type BreakerStateName = BreakerState['kind'];

/** Permission for one call; pass it back to `succeeded` or `failed`. */
export interface BreakerPermit {
  readonly probe: boolean;
}

export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';

  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export class CircuitBreaker {
  private current: BreakerState = { kind: 'closed', consecutiveFailures: 0 };

  constructor(
    private readonly options: {
      failureThreshold: number;
      cooldownMs: number;
      now?: () => number;
      onChange?: (from: BreakerStateName, to: BreakerStateName) => void;
    },
  ) {}

  get state(): BreakerStateName {
    return this.current.kind;
  }

  /** Returns a permit for one call, or throws CircuitOpenError when the call must not be sent. */
  acquire(): BreakerPermit {
    const state = this.current;
    switch (state.kind) {
      case 'closed':
        return { probe: false };

      case 'open': {
        const waitedMs = this.now() - state.openedAt;
        if (waitedMs < this.options.cooldownMs) {
          const retryAfterMs = this.options.cooldownMs - waitedMs;
          throw new CircuitOpenError(`the circuit breaker is open after repeated failures; the next attempt is in ${retryAfterMs} ms`, retryAfterMs);
        }
        this.transition({ kind: 'half-open', probeInFlight: true });
        return { probe: true };
      }

      case 'half-open':
        if (state.probeInFlight) {
          throw new CircuitOpenError('the circuit breaker is half-open and a probe call is in progress', 0);
        }
        this.transition({ kind: 'half-open', probeInFlight: true });
        return { probe: true };

      default:
        return assertNever(state);
    }
  }

  /** Records that Salesforce responded with anything other than an unavailability failure. */
  succeeded(permit: BreakerPermit): void {
    if (permit.probe || this.current.kind === 'closed') {
      this.transition({ kind: 'closed', consecutiveFailures: 0 });
    }
  }

  /** Records an unavailability failure: a timeout, a 5xx, a network error or a request limit. */
  failed(permit: BreakerPermit): void {
    const state = this.current;
    switch (state.kind) {
      case 'closed': {
        const consecutiveFailures = state.consecutiveFailures + 1;
        this.transition(
          consecutiveFailures >= this.options.failureThreshold
            ? { kind: 'open', openedAt: this.now() }
            : { kind: 'closed', consecutiveFailures },
        );
        return;
      }

      case 'half-open':
        if (permit.probe) {
          this.transition({ kind: 'open', openedAt: this.now() });
        }
        return;

      case 'open':
        // A call that started before the breaker opened; the cool-down already runs.
        return;

      default:
        assertNever(state);
    }
  }

  private transition(next: BreakerState): void {
    const from = this.current.kind;
    this.current = next;
    if (from !== next.kind) {
      this.options.onChange?.(from, next.kind);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected circuit breaker state ${JSON.stringify(value)}.`);
}
