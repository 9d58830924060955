import { CircuitBreaker, CircuitOpenError } from './breaker';

function breakerWithClock(failureThreshold = 2, cooldownMs = 1_000) {
  let now = 0;
  const changes: string[] = [];
  const breaker = new CircuitBreaker({ failureThreshold, cooldownMs, now: () => now, onChange: (from, to) => changes.push(`${from}->${to}`) });
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  test('opens after consecutive failures', () => {
    const { breaker } = breakerWithClock();
    breaker.failed(breaker.acquire());
    expect(breaker.state).toBe('closed');
    breaker.failed(breaker.acquire());
    expect(breaker.state).toBe('open');
    expect(() => breaker.acquire()).toThrow(CircuitOpenError);
  });

  test('a success resets the failure count', () => {
    const { breaker } = breakerWithClock();
    breaker.failed(breaker.acquire());
    breaker.succeeded(breaker.acquire());
    breaker.failed(breaker.acquire());
    expect(breaker.state).toBe('closed');
  });

  test('lets one probe through after the cool-down and closes on success', () => {
    const { breaker, changes, advance } = breakerWithClock();
    breaker.failed(breaker.acquire());
    breaker.failed(breaker.acquire());

    advance(999);
    expect(() => breaker.acquire()).toThrow(/next attempt is in 1 ms/);

    advance(1);
    const probe = breaker.acquire();
    expect(probe.probe).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(() => breaker.acquire()).toThrow(/probe call is in progress/);

    breaker.succeeded(probe);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  test('a failed probe reopens for another cool-down', () => {
    const { breaker, advance } = breakerWithClock();
    breaker.failed(breaker.acquire());
    breaker.failed(breaker.acquire());
    advance(1_000);

    breaker.failed(breaker.acquire());
    expect(breaker.state).toBe('open');
    advance(500);
    expect(() => breaker.acquire()).toThrow(CircuitOpenError);
  });
});
