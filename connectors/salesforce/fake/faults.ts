/**
 * Switches that make the fake's data API misbehave, for fault tests. Each
 * switch affects the next `times` data API requests (all of them by
 * default) until `clear()`. The token endpoint is never affected.
 */

export interface ActiveFaults {
  invalidSession: number;
  requestLimit: number;
  serverError: { remaining: number; status: number; method: string | null };
  slow: { remaining: number; delayMs: number };
}

export class FaultSwitches {
  private state: ActiveFaults = FaultSwitches.none();

  /** Responds with 401 INVALID_SESSION_ID, as for an expired or revoked token. */
  invalidSession(options: { times?: number } = {}): void {
    this.state.invalidSession = options.times ?? Number.POSITIVE_INFINITY;
  }

  /** Responds with 403 REQUEST_LIMIT_EXCEEDED, as when the org's daily API limit is used up. */
  requestLimitExceeded(options: { times?: number } = {}): void {
    this.state.requestLimit = options.times ?? Number.POSITIVE_INFINITY;
  }

  /** Responds with a 5xx status (503 by default), only to requests of one HTTP method when `method` is given. */
  serverError(options: { status?: number; times?: number; method?: 'GET' | 'POST' } = {}): void {
    this.state.serverError = { remaining: options.times ?? Number.POSITIVE_INFINITY, status: options.status ?? 503, method: options.method ?? null };
  }

  /** Waits `delayMs` before responding normally. */
  slow(options: { delayMs: number; times?: number }): void {
    this.state.slow = { remaining: options.times ?? Number.POSITIVE_INFINITY, delayMs: options.delayMs };
  }

  clear(): void {
    this.state = FaultSwitches.none();
  }

  /** Consumes the faults that apply to one data API request. */
  take(method: string): { delayMs: number; invalidSession: boolean; requestLimit: boolean; serverErrorStatus: number | null } {
    const { state } = this;
    const delayMs = state.slow.remaining > 0 ? state.slow.delayMs : 0;
    state.slow.remaining -= delayMs > 0 ? 1 : 0;

    if (state.invalidSession > 0) {
      state.invalidSession -= 1;
      return { delayMs, invalidSession: true, requestLimit: false, serverErrorStatus: null };
    }
    if (state.requestLimit > 0) {
      state.requestLimit -= 1;
      return { delayMs, invalidSession: false, requestLimit: true, serverErrorStatus: null };
    }
    if (state.serverError.remaining > 0 && (state.serverError.method === null || state.serverError.method === method)) {
      state.serverError.remaining -= 1;
      return { delayMs, invalidSession: false, requestLimit: false, serverErrorStatus: state.serverError.status };
    }
    return { delayMs, invalidSession: false, requestLimit: false, serverErrorStatus: null };
  }

  private static none(): ActiveFaults {
    return { invalidSession: 0, requestLimit: 0, serverError: { remaining: 0, status: 503, method: null }, slow: { remaining: 0, delayMs: 0 } };
  }
}
