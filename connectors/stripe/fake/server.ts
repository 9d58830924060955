/**
 * A fake of the parts of the Stripe API that Click to Pay uses, for tests and
 * local demos: Checkout Sessions (create, retrieve, expire), PaymentIntents
 * (retrieve), a hosted payment page, idempotent requests and signed webhook
 * events. It listens on loopback only and keeps everything in memory.
 *
 * Behaviour copied from Stripe's documentation:
 * - Requests authenticate with `Authorization: Bearer <secret key>`.
 * - A POST with an `Idempotency-Key` stores its status and body once the
 *   endpoint has started. A later request with the same key and the same
 *   parameters gets that response again, with `Idempotent-Replayed: true`.
 *   The same key with other parameters (or another path) is a 400
 *   `idempotency_error`. Validation errors are not stored, so the key can
 *   be used again with corrected parameters. A request that arrives while
 *   the first one with its key is still running gets a 409, which stripe-node
 *   retries.
 * - `expires_at` must lie 30 minutes to 24 hours after creation.
 *
 * NOTE: amounts are limited to eight digits of minor units for every
 * currency, which matches Stripe for most currencies but not all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { STRIPE_MAX_AMOUNT_MINOR, minorUnitStep } from '../amounts';
import { STRIPE_API_VERSION } from '../client';
import { renderCheckoutPage, renderMessagePage } from './checkout-page';
import { FormDecodeError, canonicalJson, decodeForm } from './form';
import type { FormObject, FormValue } from './form';
import type { FakeCharge, FakeCheckoutSession, FakeLineItem, FakePaymentIntent } from './objects';
import { newId, snapshot } from './objects';
import { WebhookSender, assertLoopbackUrl } from './webhook-sender';
import type { DeliveryRecord, FakeEvent, ReleaseOrder, SendOptions } from './webhook-sender';

export type { DeliveryRecord, FakeEvent, ReleaseOrder, SendOptions } from './webhook-sender';
export type { FakeCharge, FakeCheckoutSession, FakeLineItem, FakePaymentIntent } from './objects';

export interface FakeStripeOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Loopback address to listen on; default 127.0.0.1. */
  host?: string;
  /** Secret key that requests must present; default `sk_test_fake`. */
  apiKey?: string;
  /** Endpoint address that events are POSTed to, on loopback; null sends none. */
  webhookUrl?: string | null;
  /** Endpoint secret used to sign events; default `whsec_fake`. */
  webhookSecret?: string;
  /** Automatic retries of a failed delivery; default 3. */
  webhookMaxRetries?: number;
  /** Delay before the first retry, doubled for each further one; default 500 ms. */
  webhookRetryDelayMs?: number;
  /** Delay before each API response, to let concurrent requests overlap; default 0. */
  apiLatencyMs?: number;
  /** Clock in milliseconds since the epoch; tests may move it. Default `Date.now`. */
  now?: () => number;
  /** Receives a line for each delivery that failed for good; default `console.error`. */
  onError?: (message: string) => void;
}

/** One API request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

export type AsyncPaymentOutcome = 'succeeded' | 'failed';
export type PayOutcome = 'succeeded' | 'processing';

export interface FakeStripe {
  /** Base address, for example http://127.0.0.1:4200; pass it as the Stripe API address. */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly webhookSecret: string;
  readonly requests: readonly RecordedRequest[];
  readonly events: readonly FakeEvent[];
  readonly deliveries: readonly DeliveryRecord[];

  sessions(): FakeCheckoutSession[];
  session(id: string): FakeCheckoutSession | undefined;
  lineItems(sessionId: string): FakeLineItem[];
  paymentIntent(id: string): FakePaymentIntent | undefined;
  charge(id: string): FakeCharge | undefined;

  /** Pays an open session as the hosted page does; `processing` models a payment method that settles later. */
  pay(sessionId: string, outcome?: PayOutcome): FakeCheckoutSession;
  /** Settles a `processing` payment and sends `checkout.session.async_payment_succeeded` or `_failed`. */
  settleAsyncPayment(sessionId: string, outcome: AsyncPaymentOutcome): FakeCheckoutSession;
  /** Expires an open session as if its `expires_at` had passed, and sends `checkout.session.expired`. */
  expireSession(sessionId: string): FakeCheckoutSession;
  /** Refunds all of a payment, or `amount` minor units of it, and sends `charge.refunded`. */
  refund(paymentIntentId: string, amount?: number): FakeCharge;

  /** Sends an event again (a duplicate delivery); `signedAt` sets the signature time, to model a late or replayed request. */
  resendEvent(eventId: string, options?: SendOptions): void;
  /** Keeps new events back until `releaseDeliveries`. */
  holdDeliveries(): void;
  /** Sends the held events in creation order or reversed. */
  releaseDeliveries(order?: ReleaseOrder): Promise<void>;
  /** When on, every new event is sent twice. */
  setDuplicateDeliveries(on: boolean): void;
  /** The next `count` delivery tries fail without reaching the receiver; the usual retries follow. */
  failNextDeliveries(count: number): void;
  /** Resolves once every delivery, including scheduled retries, has finished. */
  waitForDeliveries(): Promise<void>;
  setApiLatency(ms: number): void;

  close(): Promise<void>;
}

interface StoredSession {
  session: FakeCheckoutSession;
  lineItems: FakeLineItem[];
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
}

interface IdempotencyEntry {
  method: string;
  path: string;
  params: string;
  state: 'running' | 'done';
  status: number;
  body: string;
  requestId: string;
}

interface ApiResult {
  status: number;
  body: unknown;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1024 * 1024;
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Starts the fake on loopback and resolves once it listens. */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new RangeError(`Invalid host "${host}": the fake Stripe server listens only on 127.0.0.1, localhost or ::1.`);
  }
  if (options.webhookUrl !== undefined && options.webhookUrl !== null) {
    assertLoopbackUrl(options.webhookUrl);
  }

  const fake = new FakeStripeServer(options);
  await fake.listen(options.port ?? 0, host);
  return fake;
}

class FakeStripeServer implements FakeStripe {
  readonly apiKey: string;
  readonly webhookSecret: string;
  readonly requests: RecordedRequest[] = [];
  readonly events: FakeEvent[] = [];

  private readonly server: http.Server;
  private readonly sender: WebhookSender;
  private readonly now: () => number;
  private readonly storedSessions = new Map<string, StoredSession>();
  private readonly paymentIntents = new Map<string, FakePaymentIntent>();
  private readonly charges = new Map<string, FakeCharge>();
  private readonly idempotency = new Map<string, IdempotencyEntry>();
  private apiLatencyMs: number;
  private sweepTimer: NodeJS.Timeout | null = null;
  private baseUrl = '';
  private listeningPort = 0;

  constructor(options: FakeStripeOptions) {
    this.apiKey = options.apiKey ?? 'sk_test_fake';
    this.webhookSecret = options.webhookSecret ?? 'whsec_fake';
    this.now = options.now ?? Date.now;
    this.apiLatencyMs = options.apiLatencyMs ?? 0;
    this.sender = new WebhookSender({
      url: options.webhookUrl ?? null,
      secret: this.webhookSecret,
      maxRetries: options.webhookMaxRetries ?? 3,
      retryDelayMs: options.webhookRetryDelayMs ?? 500,
      timeoutMs: 10_000,
      now: this.now,
      onError: options.onError ?? ((message) => console.error(message)),
    });
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!response.headersSent) {
          sendJson(response, 500, { error: { type: 'api_error', message: `Fake Stripe server error: ${message}` } }, {});
        } else {
          response.destroy();
        }
      });
    });
  }

  get url(): string {
    return this.baseUrl;
  }

  get port(): number {
    return this.listeningPort;
  }

  get deliveries(): readonly DeliveryRecord[] {
    return this.sender.deliveries;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.listeningPort = address.port;
    const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.baseUrl = `http://${hostForUrl}:${address.port}`;

    // Stripe expires open sessions at `expires_at`; check once a second.
    this.sweepTimer = setInterval(() => this.expireDueSessions(), 1000);
    this.sweepTimer.unref();
  }

  async close(): Promise<void> {
    if (this.sweepTimer !== null) {
      clearInterval(this.sweepTimer);
    }
    this.sender.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // Inspection

  sessions(): FakeCheckoutSession[] {
    return [...this.storedSessions.values()].map((stored) => stored.session);
  }

  session(id: string): FakeCheckoutSession | undefined {
    return this.storedSessions.get(id)?.session;
  }

  lineItems(sessionId: string): FakeLineItem[] {
    return this.storedSessions.get(sessionId)?.lineItems ?? [];
  }

  paymentIntent(id: string): FakePaymentIntent | undefined {
    return this.paymentIntents.get(id);
  }

  charge(id: string): FakeCharge | undefined {
    return this.charges.get(id);
  }

  // Payment flow controls

  pay(sessionId: string, outcome: PayOutcome = 'succeeded'): FakeCheckoutSession {
    this.expireDueSessions();
    const stored = this.requireSession(sessionId);
    const session = stored.session;
    if (session.status !== 'open') {
      throw new FakeStateError(`Checkout session ${sessionId} is ${session.status}; only an open session can be paid.`);
    }

    const created = this.nowSeconds();
    const paid = outcome === 'succeeded';
    const paymentIntent: FakePaymentIntent = {
      id: newId('pi'),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: paid ? session.amount_total : 0,
      created,
      currency: session.currency,
      description: stored.paymentIntentDescription,
      latest_charge: null,
      livemode: false,
      metadata: { ...stored.paymentIntentMetadata },
      status: paid ? 'succeeded' : 'processing',
    };
    const charge: FakeCharge = {
      id: newId('ch'),
      object: 'charge',
      amount: session.amount_total,
      amount_captured: paid ? session.amount_total : 0,
      amount_refunded: 0,
      created,
      currency: session.currency,
      livemode: false,
      // The portal does not rely on Stripe copying PaymentIntent metadata to the charge.
      metadata: {},
      paid,
      payment_intent: paymentIntent.id,
      refunded: false,
      status: paid ? 'succeeded' : 'pending',
    };
    paymentIntent.latest_charge = charge.id;
    this.paymentIntents.set(paymentIntent.id, paymentIntent);
    this.charges.set(charge.id, charge);

    session.status = 'complete';
    session.payment_status = paid ? 'paid' : 'unpaid';
    session.payment_intent = paymentIntent.id;
    session.url = null;
    this.emit('checkout.session.completed', session);
    return session;
  }

  settleAsyncPayment(sessionId: string, outcome: AsyncPaymentOutcome): FakeCheckoutSession {
    const session = this.requireSession(sessionId).session;
    const paymentIntent = session.payment_intent === null ? undefined : this.paymentIntents.get(session.payment_intent);
    if (session.status !== 'complete' || paymentIntent === undefined || paymentIntent.status !== 'processing') {
      throw new FakeStateError(`Checkout session ${sessionId} has no payment that is still processing.`);
    }
    const charge = this.charges.get(paymentIntent.latest_charge ?? '');
    if (charge === undefined) {
      throw new FakeStateError(`Payment ${paymentIntent.id} has no charge.`);
    }

    if (outcome === 'succeeded') {
      paymentIntent.status = 'succeeded';
      paymentIntent.amount_received = paymentIntent.amount;
      charge.status = 'succeeded';
      charge.paid = true;
      charge.amount_captured = charge.amount;
      session.payment_status = 'paid';
      this.emit('checkout.session.async_payment_succeeded', session);
    } else {
      paymentIntent.status = 'requires_payment_method';
      charge.status = 'failed';
      this.emit('checkout.session.async_payment_failed', session);
    }
    return session;
  }

  expireSession(sessionId: string): FakeCheckoutSession {
    const session = this.requireSession(sessionId).session;
    if (session.status !== 'open') {
      throw new FakeStateError(`Checkout session ${sessionId} is ${session.status}; only an open session can expire.`);
    }
    this.markExpired(session);
    return session;
  }

  refund(paymentIntentId: string, amount?: number): FakeCharge {
    const paymentIntent = this.paymentIntents.get(paymentIntentId);
    const charge = paymentIntent?.latest_charge === null ? undefined : this.charges.get(paymentIntent?.latest_charge ?? '');
    if (paymentIntent === undefined || charge === undefined || charge.status !== 'succeeded') {
      throw new FakeStateError(`Payment ${paymentIntentId} has no succeeded charge to refund.`);
    }

    const remaining = charge.amount - charge.amount_refunded;
    const refundAmount = amount ?? remaining;
    if (!Number.isSafeInteger(refundAmount) || refundAmount <= 0 || refundAmount > remaining) {
      throw new FakeStateError(`Invalid refund amount ${refundAmount}: expected 1 to ${remaining} minor units.`);
    }
    charge.amount_refunded += refundAmount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('charge.refunded', charge);
    return charge;
  }

  // Delivery controls

  resendEvent(eventId: string, options: SendOptions = {}): void {
    const event = this.events.find((candidate) => candidate.id === eventId);
    if (event === undefined) {
      throw new FakeStateError(`No event ${eventId}.`);
    }
    this.sender.send(event, options);
  }

  holdDeliveries(): void {
    this.sender.hold();
  }

  releaseDeliveries(order: ReleaseOrder = 'created'): Promise<void> {
    return this.sender.release(order);
  }

  setDuplicateDeliveries(on: boolean): void {
    this.sender.setDuplicate(on);
  }

  failNextDeliveries(count: number): void {
    this.sender.failNext(count);
  }

  waitForDeliveries(): Promise<void> {
    return this.sender.idle();
  }

  setApiLatency(ms: number): void {
    this.apiLatencyMs = ms;
  }

  // HTTP handling

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const path = url.pathname;
    const body = await readBody(request);
    this.expireDueSessions();

    // The hosted payment page needs no API key, as on Stripe.
    const page = /^\/c\/pay\/([A-Za-z0-9_]+)(\/pay)?$/.exec(path);
    if (page !== null) {
      this.handleCheckoutPage(method, page[1] as string, page[2] !== undefined, body, response);
      return;
    }

    if (!path.startsWith('/v1/') && !path.startsWith('/_fake/')) {
      sendHtml(response, 404, renderMessagePage('Not found', `No page at ${path}.`));
      return;
    }

    const requestId = newId('req', 14);
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': headerValue(request, 'stripe-version') ?? STRIPE_API_VERSION };
    if (!this.authorized(request)) {
      this.record(method, path, null, 401, false);
      sendJson(response, 401, errorBody(new ApiError(401, 'invalid_request_error', 'Invalid API Key provided.')), headers);
      return;
    }

    let params: FormObject;
    try {
      params = method === 'POST' ? decodeForm(body) : decodeForm(url.search.slice(1));
    } catch (error) {
      const message = error instanceof FormDecodeError ? error.message : 'Invalid request body.';
      this.record(method, path, null, 400, false);
      sendJson(response, 400, errorBody(new ApiError(400, 'invalid_request_error', message)), headers);
      return;
    }

    if (path.startsWith('/_fake/')) {
      const result = await this.runControl(method, path, params);
      this.record(method, path, null, result.status, false);
      sendJson(response, result.status, result.body, headers);
      return;
    }

    const idempotencyKey = method === 'POST' ? headerValue(request, 'idempotency-key') : null;
    await this.handleApi(method, path, params, idempotencyKey, requestId, headers, response);
  }

  private async handleApi(
    method: string,
    path: string,
    params: FormObject,
    idempotencyKey: string | null,
    requestId: string,
    headers: Record<string, string>,
    response: http.ServerResponse,
  ): Promise<void> {
    if (idempotencyKey === null) {
      await this.pause();
      const result = this.runApi(method, path, params);
      this.record(method, path, null, result.status, false);
      sendJson(response, result.status, result.body, headers);
      return;
    }

    headers['idempotency-key'] = idempotencyKey;
    if (idempotencyKey.length > 255) {
      const error = new ApiError(400, 'invalid_request_error', 'Idempotency keys can be at most 255 characters long.');
      this.record(method, path, idempotencyKey, 400, false);
      sendJson(response, 400, errorBody(error), headers);
      return;
    }

    // Keys belong to one API key, as on Stripe.
    const scopedKey = `${this.apiKey}\u0000${idempotencyKey}`;
    const canonical = canonicalJson(params);
    const existing = this.idempotency.get(scopedKey);
    if (existing !== undefined) {
      if (existing.method !== method || existing.path !== path || existing.params !== canonical) {
        const error = new ApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
        this.record(method, path, idempotencyKey, 400, false);
        sendJson(response, 400, errorBody(error), headers);
        return;
      }
      if (existing.state === 'running') {
        const error = new ApiError(
          409,
          'invalid_request_error',
          'There is currently another in-progress request using this idempotent key. Please try again later.',
          'idempotency_key_in_use',
        );
        this.record(method, path, idempotencyKey, 409, false);
        sendJson(response, 409, errorBody(error), headers);
        return;
      }

      this.record(method, path, idempotencyKey, existing.status, true);
      sendRaw(response, existing.status, existing.body, {
        ...headers,
        'idempotent-replayed': 'true',
        'original-request': existing.requestId,
      });
      return;
    }

    const entry: IdempotencyEntry = { method, path, params: canonical, state: 'running', status: 0, body: '', requestId };
    this.idempotency.set(scopedKey, entry);
    await this.pause();
    const result = this.runApi(method, path, params);
    const text = JSON.stringify(result.body, null, 2);

    // Stripe stores the outcome once the endpoint has run; a request that
    // failed validation stores nothing, so the key stays free.
    if (result.status >= 400 && result.status < 500) {
      this.idempotency.delete(scopedKey);
    } else {
      entry.state = 'done';
      entry.status = result.status;
      entry.body = text;
    }
    this.record(method, path, idempotencyKey, result.status, false);
    sendRaw(response, result.status, text, headers);
  }

  private runApi(method: string, path: string, params: FormObject): ApiResult {
    try {
      if (method === 'POST' && path === '/v1/checkout/sessions') {
        return { status: 200, body: this.createSession(params) };
      }

      const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
      if (sessionMatch !== null) {
        const stored = this.storedSessions.get(decodeURIComponent(sessionMatch[1] as string));
        if (stored === undefined) {
          throw new ApiError(404, 'invalid_request_error', `No such checkout.session: '${sessionMatch[1]}'`, 'resource_missing', 'id');
        }
        if (method === 'GET' && sessionMatch[2] === undefined) {
          return { status: 200, body: stored.session };
        }
        if (method === 'POST' && sessionMatch[2] !== undefined) {
          if (stored.session.status !== 'open') {
            throw new ApiError(400, 'invalid_request_error', 'Only Checkout Sessions with a status in ["open"] can be expired.', 'checkout_session_not_open');
          }
          this.markExpired(stored.session);
          return { status: 200, body: stored.session };
        }
      }

      const intentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
      if (intentMatch !== null && method === 'GET') {
        const paymentIntent = this.paymentIntents.get(decodeURIComponent(intentMatch[1] as string));
        if (paymentIntent === undefined) {
          throw new ApiError(404, 'invalid_request_error', `No such payment_intent: '${intentMatch[1]}'`, 'resource_missing', 'id');
        }
        return { status: 200, body: paymentIntent };
      }

      throw new ApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}). The fake implements only what the portal uses.`);
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, body: errorBody(error) };
      }
      throw error;
    }
  }

  private createSession(params: FormObject): FakeCheckoutSession {
    const mode = optionalString(params, 'mode');
    if (mode !== 'payment') {
      throw invalidParam('mode', 'The fake supports only mode=payment.');
    }
    const successUrl = requiredString(params, 'success_url');
    const cancelUrl = optionalString(params, 'cancel_url');

    const rawLines = params['line_items'];
    if (!Array.isArray(rawLines) || rawLines.length === 0) {
      throw invalidParam('line_items', 'Missing required param: line_items.', 'parameter_missing');
    }
    if (rawLines.length > 100) {
      throw invalidParam('line_items', 'A payment-mode Checkout Session accepts at most 100 line items.');
    }

    let currency: string | null = null;
    const lineItems: FakeLineItem[] = [];
    rawLines.forEach((raw, index) => {
      const prefix = `line_items[${index}]`;
      const line = asObject(raw, prefix);
      const priceData = asObject(line['price_data'], `${prefix}[price_data]`);
      const lineCurrency = requiredString(priceData, 'currency', `${prefix}[price_data]`).toLowerCase();
      if (currency !== null && currency !== lineCurrency) {
        throw invalidParam(`${prefix}[price_data][currency]`, 'All line items of a Checkout Session must use the same currency.');
      }
      currency = lineCurrency;
      const productData = asObject(priceData['product_data'], `${prefix}[price_data][product_data]`);
      lineItems.push({
        name: requiredString(productData, 'name', `${prefix}[price_data][product_data]`),
        description: optionalString(productData, 'description'),
        unitAmount: integerParam(priceData, 'unit_amount', `${prefix}[price_data]`, 0),
        quantity: integerParam(line, 'quantity', prefix, 1),
      });
    });

    const sessionCurrency = currency as string | null;
    if (sessionCurrency === null) {
      throw invalidParam('line_items', 'Missing required param: line_items.', 'parameter_missing');
    }
    const total = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
    if (total <= 0) {
      throw invalidParam('line_items', 'The total of a payment-mode Checkout Session must be greater than zero.');
    }
    if (total > STRIPE_MAX_AMOUNT_MINOR) {
      throw new ApiError(400, 'invalid_request_error', `Amount must be no more than ${STRIPE_MAX_AMOUNT_MINOR}.`, 'amount_too_large', 'line_items');
    }
    if (total % minorUnitStep(sessionCurrency) !== 0) {
      throw invalidParam('line_items', `Amounts in ${sessionCurrency} must be a multiple of ${minorUnitStep(sessionCurrency)} minor units.`);
    }

    const created = this.nowSeconds();
    let expiresAt = created + MAX_EXPIRY_SECONDS;
    if (params['expires_at'] !== undefined) {
      expiresAt = integerParam(params, 'expires_at', '', 0);
      if (expiresAt < created + MIN_EXPIRY_SECONDS || expiresAt > created + MAX_EXPIRY_SECONDS) {
        throw invalidParam('expires_at', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.');
      }
    }

    const clientReferenceId = optionalString(params, 'client_reference_id');
    if (clientReferenceId !== null && clientReferenceId.length > 200) {
      throw invalidParam('client_reference_id', 'client_reference_id can be at most 200 characters long.');
    }

    const paymentIntentData = params['payment_intent_data'] === undefined ? {} : asObject(params['payment_intent_data'], 'payment_intent_data');
    const id = newId('cs_test', 58);
    const session: FakeCheckoutSession = {
      id,
      object: 'checkout.session',
      amount_subtotal: total,
      amount_total: total,
      cancel_url: cancelUrl,
      client_reference_id: clientReferenceId,
      created,
      currency: sessionCurrency,
      customer_email: optionalString(params, 'customer_email'),
      expires_at: expiresAt,
      livemode: false,
      metadata: metadataParam(params, 'metadata'),
      mode: 'payment',
      payment_intent: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: successUrl,
      url: `${this.baseUrl}/c/pay/${id}`,
    };
    this.storedSessions.set(id, {
      session,
      lineItems,
      paymentIntentMetadata: metadataParam(paymentIntentData, 'metadata', 'payment_intent_data'),
      paymentIntentDescription: optionalString(paymentIntentData, 'description'),
    });
    return session;
  }

  private async runControl(method: string, path: string, params: FormObject): Promise<ApiResult> {
    if (method === 'GET' && path === '/_fake/events') {
      return { status: 200, body: { object: 'list', data: this.events } };
    }
    if (method === 'GET' && path === '/_fake/deliveries') {
      return { status: 200, body: { object: 'list', data: this.deliveries } };
    }
    if (method !== 'POST') {
      return { status: 404, body: errorBody(new ApiError(404, 'invalid_request_error', `Unknown test control ${method} ${path}.`)) };
    }

    try {
      const sessionControl = /^\/_fake\/checkout\/sessions\/([^/]+)\/(expire|async_payment)$/.exec(path);
      if (sessionControl !== null) {
        const id = decodeURIComponent(sessionControl[1] as string);
        if (sessionControl[2] === 'expire') {
          return { status: 200, body: this.expireSession(id) };
        }
        const outcome = optionalString(params, 'outcome');
        if (outcome !== 'succeeded' && outcome !== 'failed') {
          throw invalidParam('outcome', 'Expected outcome=succeeded or outcome=failed.');
        }
        return { status: 200, body: this.settleAsyncPayment(id, outcome) };
      }

      const refundControl = /^\/_fake\/payment_intents\/([^/]+)\/refund$/.exec(path);
      if (refundControl !== null) {
        const amount = params['amount'] === undefined ? undefined : integerParam(params, 'amount', '', 1);
        return { status: 200, body: this.refund(decodeURIComponent(refundControl[1] as string), amount) };
      }

      const resendControl = /^\/_fake\/events\/([^/]+)\/resend$/.exec(path);
      if (resendControl !== null) {
        const signedAt = params['signed_at'] === undefined ? undefined : integerParam(params, 'signed_at', '', 0);
        this.resendEvent(decodeURIComponent(resendControl[1] as string), signedAt === undefined ? {} : { signedAt });
        return { status: 200, body: { resent: true } };
      }

      switch (path) {
        case '/_fake/webhooks/hold':
          this.holdDeliveries();
          return { status: 200, body: { holding: true } };
        case '/_fake/webhooks/release': {
          const order = optionalString(params, 'order') === 'reverse' ? 'reverse' : 'created';
          await this.releaseDeliveries(order);
          return { status: 200, body: { holding: false } };
        }
        case '/_fake/webhooks/duplicate':
          this.setDuplicateDeliveries(optionalString(params, 'on') !== 'false');
          return { status: 200, body: { ok: true } };
        case '/_fake/webhooks/fail':
          this.failNextDeliveries(integerParam(params, 'count', '', 1));
          return { status: 200, body: { ok: true } };
        default:
          return { status: 404, body: errorBody(new ApiError(404, 'invalid_request_error', `Unknown test control POST ${path}.`)) };
      }
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, body: errorBody(error) };
      }
      if (error instanceof FakeStateError) {
        return { status: 400, body: errorBody(new ApiError(400, 'invalid_request_error', error.message)) };
      }
      throw error;
    }
  }

  private handleCheckoutPage(method: string, sessionId: string, isPay: boolean, body: string, response: http.ServerResponse): void {
    const stored = this.storedSessions.get(sessionId);
    if (stored === undefined) {
      sendHtml(response, 404, renderMessagePage('Not found', 'This checkout session does not exist.'));
      return;
    }

    if (!isPay && method === 'GET') {
      sendHtml(response, 200, renderCheckoutPage(stored.session, stored.lineItems));
      return;
    }
    if (!isPay || method !== 'POST') {
      sendHtml(response, 405, renderMessagePage('Method not allowed', 'Use the Pay button on the checkout page.'));
      return;
    }

    if (stored.session.status !== 'open') {
      sendHtml(response, 409, renderMessagePage('Checkout closed', `This checkout session is ${stored.session.status} and can no longer be paid.`));
      return;
    }
    const outcome = new URLSearchParams(body).get('outcome') === 'processing' ? 'processing' : 'succeeded';
    const session = this.pay(sessionId, outcome);

    // Stripe replaces the {CHECKOUT_SESSION_ID} template in the success URL.
    const target = (session.success_url ?? '/').replace('{CHECKOUT_SESSION_ID}', session.id);
    response.writeHead(303, { location: target, 'content-type': 'text/html; charset=utf-8' });
    response.end(renderMessagePage('Payment received', 'Redirecting you back to the portal.'));
  }

  // Helpers

  private emit(type: string, object: object): void {
    const event: FakeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: this.nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: snapshot(object) },
    };
    this.events.push(event);
    this.sender.enqueue(event);
  }

  private markExpired(session: FakeCheckoutSession): void {
    session.status = 'expired';
    session.url = null;
    this.emit('checkout.session.expired', session);
  }

  private expireDueSessions(): void {
    const now = this.nowSeconds();
    for (const { session } of this.storedSessions.values()) {
      if (session.status === 'open' && session.expires_at <= now) {
        this.markExpired(session);
      }
    }
  }

  private requireSession(id: string): StoredSession {
    const stored = this.storedSessions.get(id);
    if (stored === undefined) {
      throw new FakeStateError(`No checkout session ${id}.`);
    }
    return stored;
  }

  private authorized(request: http.IncomingMessage): boolean {
    const header = headerValue(request, 'authorization') ?? '';
    if (header.startsWith('Bearer ')) {
      return header.slice('Bearer '.length) === this.apiKey;
    }
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
      return decoded.split(':')[0] === this.apiKey;
    }
    return false;
  }

  private record(method: string, path: string, idempotencyKey: string | null, status: number, replayed: boolean): void {
    this.requests.push({ method, path, idempotencyKey, status, replayed });
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private pause(): Promise<void> {
    return this.apiLatencyMs <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, this.apiLatencyMs));
  }
}

/** A test control was used on an object in the wrong state. */
export class FakeStateError extends Error {
  override readonly name = 'FakeStateError';
}

function invalidParam(param: string, message: string, code = 'parameter_invalid'): ApiError {
  return new ApiError(400, 'invalid_request_error', message, code, param);
}

function errorBody(error: ApiError): { error: Record<string, string> } {
  const body: Record<string, string> = { type: error.type, message: error.message };
  if (error.code !== null) {
    body['code'] = error.code;
  }
  if (error.param !== null) {
    body['param'] = error.param;
  }
  return { error: body };
}

function asObject(value: FormValue | undefined, param: string): FormObject {
  if (value === undefined) {
    throw invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    throw invalidParam(param, `Invalid ${param}: expected an object.`);
  }
  return value;
}

function optionalString(params: FormObject, name: string): string | null {
  const value = params[name];
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string') {
    throw invalidParam(name, `Invalid ${name}: expected a string.`);
  }
  return value;
}

function requiredString(params: FormObject, name: string, prefix = ''): string {
  const param = prefix === '' ? name : `${prefix}[${name}]`;
  const value = params[name];
  if (value === undefined || value === '') {
    throw invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
  }
  if (typeof value !== 'string') {
    throw invalidParam(param, `Invalid ${param}: expected a string.`);
  }
  return value;
}

function integerParam(params: FormObject, name: string, prefix: string, min: number): number {
  const param = prefix === '' ? name : `${prefix}[${name}]`;
  const value = params[name];
  if (value === undefined) {
    throw invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
  }
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    throw invalidParam(param, `Invalid integer: ${typeof value === 'string' ? value : '(object)'} for ${param}.`, 'parameter_invalid_integer');
  }
  return parsed;
}

/** Reads Stripe metadata: at most 50 keys of up to 40 characters, values of up to 500. */
function metadataParam(params: FormObject, name: string, prefix = ''): Record<string, string> {
  const param = prefix === '' ? name : `${prefix}[${name}]`;
  const value = params[name];
  if (value === undefined) {
    return {};
  }
  const object = asObject(value, param);
  const entries = Object.entries(object);
  if (entries.length > 50) {
    throw invalidParam(param, `Invalid ${param}: at most 50 keys are allowed.`);
  }
  const metadata: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (typeof entry !== 'string' || key.length > 40 || entry.length > 500) {
      throw invalidParam(`${param}[${key}]`, `Invalid ${param}[${key}]: keys hold at most 40 characters and values are strings of at most 500.`);
    }
    metadata[key] = entry;
  }
  return metadata;
}

function headerValue(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (Array.isArray(value)) {
    return value[0] ?? null;
  }
  return value ?? null;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  sendRaw(response, status, JSON.stringify(body, null, 2), headers);
}

function sendRaw(response: http.ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json' });
  response.end(text);
}

function sendHtml(response: http.ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
}
