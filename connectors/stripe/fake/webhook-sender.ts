/**
 * Webhook delivery of the fake Stripe server: signs each event the way
 * Stripe does and POSTs it to one loopback endpoint, with test controls to
 * hold, reorder, repeat, delay or fail deliveries.
 *
 * Signature scheme (Stripe "Check the webhook signatures"): the header
 * `Stripe-Signature: t=<unix seconds>,v1=<hex>` where the hex string is the
 * HMAC-SHA256, keyed with the endpoint secret, of `<t>.<raw body>`. This is
 * what `stripe.webhooks.generateTestHeaderString` produces, so
 * `stripe.webhooks.constructEvent` accepts it.
 */
import { createHmac } from 'node:crypto';

/** One event as the fake sends it; `data.object` is a snapshot taken when the event was created. */
export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: Record<string, unknown> };
}

/** One try to deliver an event, as recorded in `FakeStripe.deliveries`. */
export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  /** 1 for the first try of this send, 2 and up for automatic retries. */
  attempt: number;
  /** The `t` value signed into the header. */
  signedAt: number;
  /** HTTP status from the receiver, or null when the try did not reach it. */
  status: number | null;
  error: string | null;
  /** True when the test control `failNextDeliveries` dropped this try on purpose. */
  simulatedFailure: boolean;
}

export interface SendOptions {
  /** Signs with this `t` instead of the current time, to test the receiver's tolerance. */
  signedAt?: number;
}

export interface WebhookSenderOptions {
  url: string | null;
  secret: string;
  /** Automatic retries after a failed try; Stripe itself retries for up to three days. */
  maxRetries: number;
  /** Delay before the first retry; each further retry waits twice as long. */
  retryDelayMs: number;
  /** Time limit for one POST to the receiver. */
  timeoutMs: number;
  /** Clock in milliseconds, for the signature time. */
  now: () => number;
  onError: (message: string) => void;
}

export type ReleaseOrder = 'created' | 'reverse';

/** Signs `payload` for the `Stripe-Signature` header with timestamp `t` (seconds). */
export function signPayload(payload: string, secret: string, t: number): string {
  const signature = createHmac('sha256', secret).update(`${t}.${payload}`, 'utf8').digest('hex');
  return `t=${t},v1=${signature}`;
}

export class WebhookSender {
  readonly deliveries: DeliveryRecord[] = [];

  private holding = false;
  private duplicate = false;
  private failuresToSimulate = 0;
  private readonly held: FakeEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {
    if (options.url !== null) {
      assertLoopbackUrl(options.url);
    }
  }

  /** Queues a freshly created event: sent now, or kept while deliveries are held. */
  enqueue(event: FakeEvent): void {
    if (this.holding) {
      this.held.push(event);
      return;
    }
    this.send(event);
    if (this.duplicate) {
      this.send(event);
    }
  }

  /** Sends an event (again), as Stripe does when it retries or a user resends from the Dashboard. */
  send(event: FakeEvent, options: SendOptions = {}): void {
    if (this.options.url === null || this.closed) {
      return;
    }
    this.track(this.deliver(event, 1, options));
  }

  /** Keeps new events back until `release`, to deliver them late or in another order. */
  hold(): void {
    this.holding = true;
  }

  /** Sends the held events one after another, in creation order or reversed, and stops holding. */
  async release(order: ReleaseOrder = 'created'): Promise<void> {
    this.holding = false;
    const events = this.held.splice(0, this.held.length);
    if (order === 'reverse') {
      events.reverse();
    }
    for (const event of events) {
      await this.deliver(event, 1, {});
      if (this.duplicate) {
        await this.deliver(event, 1, {});
      }
    }
  }

  /** When on, every new event is sent twice. */
  setDuplicate(on: boolean): void {
    this.duplicate = on;
  }

  /** Makes the next `count` tries fail before they reach the receiver; automatic retries follow. */
  failNext(count: number): void {
    this.failuresToSimulate += count;
  }

  /** Resolves once no delivery is running or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, delay(10)]);
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(event: FakeEvent, attempt: number, options: SendOptions): Promise<void> {
    const url = this.options.url;
    if (url === null || this.closed) {
      return;
    }

    const payload = JSON.stringify(event, null, 2);
    const signedAt = options.signedAt ?? Math.floor(this.options.now() / 1000);
    const record: DeliveryRecord = {
      eventId: event.id,
      eventType: event.type,
      attempt,
      signedAt,
      status: null,
      error: null,
      simulatedFailure: false,
    };
    this.deliveries.push(record);

    if (this.failuresToSimulate > 0) {
      this.failuresToSimulate -= 1;
      record.simulatedFailure = true;
      record.error = 'delivery failed on purpose (failNextDeliveries)';
    } else {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signPayload(payload, this.options.secret, signedAt),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        record.status = response.status;
        await response.arrayBuffer();
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
    }

    const delivered = record.status !== null && record.status >= 200 && record.status < 300;
    if (delivered) {
      return;
    }
    if (attempt > this.options.maxRetries) {
      this.options.onError(
        `Webhook ${event.type} ${event.id} was not delivered to ${url} after ${attempt} tries: ${record.error ?? `HTTP ${record.status}`}.`,
      );
      return;
    }

    // Stripe retries a failed delivery with exponential backoff and a fresh signature.
    const wait = this.options.retryDelayMs * 2 ** (attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.deliver(event, attempt + 1, {}));
    }, wait);
    this.timers.add(timer);
  }
}

/** Rejects a webhook address that does not point at this machine; the fake only talks to loopback. */
export function assertLoopbackUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`Invalid webhook URL "${url}": expected an address such as http://127.0.0.1:4000/webhooks/stripe.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (!loopback || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new RangeError(`Invalid webhook URL "${url}": the fake Stripe server delivers only to http(s) on 127.0.0.1, localhost or [::1].`);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
