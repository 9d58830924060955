/**
 * Start-up and shutdown of what the browser test runs against: the built
 * gateway as a child process on a free loopback port with its own data
 * directory, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const GATEWAY_ENTRY = path.join(REPO_ROOT, 'dist', 'gateway', 'main.js');
const WEB_INDEX = path.join(REPO_ROOT, 'web', 'dist', 'index.html');

// Flags that keep Chromium from reaching the internet (component updates,
// sync, QUIC probes) and let it run as root in a container.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws with the command to run when the gateway or the web client has not been built. */
export function checkBuildOutputs(): void {
  const missing = [GATEWAY_ENTRY, WEB_INDEX].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The browser test needs the built gateway and web client. Missing: ${missing.map((file) => path.relative(REPO_ROOT, file)).join(', ')}. ` +
        'Run `npm run build` first (`npm test` does).',
    );
  }
}

/** Returns the Chromium executable, or throws with the install command when it is missing. */
export function findChromium(): string {
  const executable = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `Chromium was not found at ${executable}. Install Debian's package with \`apt-get install chromium\`, ` +
        'or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return executable;
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        if (port > 0) {
          resolve(port);
        } else {
          reject(new Error('The operating system returned no port for a listener on 127.0.0.1:0.'));
        }
      });
    });
  });
}

const OUTPUT_LINES_KEPT = 200;

/** A gateway child process and the tail of its output, for failure messages. */
export class GatewayProcess {
  readonly baseUrl: string;
  private readonly child: ChildProcess;
  private readonly outputLines: string[] = [];
  private exitDescription: string | null = null;
  private readonly exited: Promise<void>;

  private constructor(port: number, dataDir: string, extraEnv: Record<string, string>) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [GATEWAY_ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...withoutStripeSettings(process.env),
        HOST: '127.0.0.1',
        PORT: String(port),
        PORTAL_DATA_DIR: dataDir,
        LOG_LEVEL: process.env['E2E_GATEWAY_LOG_LEVEL'] ?? 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.keepOutput(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.keepOutput(chunk));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitDescription = signal ? `signal ${signal}` : `exit code ${String(code)}`;
        resolve();
      });
    });
  }

  /**
   * Starts `node dist/gateway/main.js` and waits until `/readyz` returns 200.
   * `extraEnv` adds variables, such as the Stripe settings; without them
   * payments are off, whatever the test runner's own environment contains.
   */
  static async start(port: number, dataDir: string, readyTimeoutMs: number, extraEnv: Record<string, string> = {}): Promise<GatewayProcess> {
    const gateway = new GatewayProcess(port, dataDir, extraEnv);
    await gateway.waitUntilReady(readyTimeoutMs);
    return gateway;
  }

  /** Returns the last lines the gateway printed, to attach to an assertion message. */
  output(): string {
    return this.outputLines.join('\n');
  }

  /** Sends SIGTERM, then SIGKILL when the process has not exited within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exitDescription !== null) {
      return;
    }
    this.child.kill('SIGTERM');
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private keepOutput(chunk: Buffer): void {
    this.outputLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    this.outputLines.splice(0, Math.max(0, this.outputLines.length - OUTPUT_LINES_KEPT));
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'no response yet';

    while (Date.now() < deadline) {
      if (this.exitDescription !== null) {
        throw new Error(`The gateway stopped before it was ready (${this.exitDescription}). Its output:\n${this.output()}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) {
          return;
        }
        lastProblem = `GET /readyz returned ${response.status}: ${(await response.text()).slice(0, 500)}`;
      } catch (error) {
        lastProblem = `GET /readyz failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    throw new Error(`The gateway was not ready within ${timeoutMs} ms (${lastProblem}). Its output:\n${this.output()}`);
  }
}

/**
 * Launches Chromium with a fresh profile directory. Page requests to any
 * host other than 127.0.0.1 are aborted, so following a link such as a
 * carrier's tracking page cannot reach another machine. The flags above stop
 * the browser's own background traffic.
 */
export async function launchBrowser(executablePath: string, profileDir: string): Promise<BrowserContext> {
  // Playwright rejects --user-data-dir in `args`, so the profile directory is
  // passed as the persistent context's directory instead.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}

/** Creates a temporary directory that `removeDirectory` deletes afterwards. */
export function makeTemporaryDirectory(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDirectory(directory: string | undefined): void {
  if (directory) {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Copies the runner's environment without STRIPE_* and PAYMENTS_* variables, so each test decides whether payments are on. */
function withoutStripeSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('STRIPE_') && !name.startsWith('PAYMENTS_')));
}

const FAKE_STRIPE_ENTRY = path.join(REPO_ROOT, 'dist', 'connectors', 'stripe', 'fake', 'cli.js');

/**
 * The fake Stripe API as `npm run stripe:fake` runs it: a child process on
 * `port`, sending signed events to `webhookUrl`.
 */
export class FakeStripeProcess {
  readonly url: string;
  private readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(port: number, webhookUrl: string, secrets: { secretKey: string; webhookSecret: string }) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [FAKE_STRIPE_ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...withoutStripeSettings(process.env),
        STRIPE_FAKE_PORT: String(port),
        STRIPE_FAKE_WEBHOOK_URL: webhookUrl,
        STRIPE_SECRET_KEY: secrets.secretKey,
        STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
  }

  /** Starts the fake and waits for its "listening" line. */
  static async start(port: number, webhookUrl: string, secrets: { secretKey: string; webhookSecret: string }, timeoutMs = 15_000): Promise<FakeStripeProcess> {
    if (!existsSync(FAKE_STRIPE_ENTRY)) {
      throw new Error(`The fake Stripe server is not built (${path.relative(REPO_ROOT, FAKE_STRIPE_ENTRY)} is missing). Run \`npm run build\` first.`);
    }
    const fake = new FakeStripeProcess(port, webhookUrl, secrets);
    const deadline = Date.now() + timeoutMs;
    while (!fake.output.includes('Fake Stripe API listening on')) {
      if (Date.now() > deadline || fake.child.exitCode !== null) {
        await fake.stop();
        throw new Error(`The fake Stripe server did not start within ${timeoutMs} ms. Its output:\n${fake.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return fake;
  }

  /** Lists the fake's tries to deliver events, through its test control `GET /_fake/deliveries`. */
  async deliveries(apiKey: string): Promise<{ eventType: string; status: number | null }[]> {
    const response = await fetch(`${this.url}/_fake/deliveries`, { headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await response.json()) as { data?: { eventType: string; status: number | null }[] };
    return body.data ?? [];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    this.child.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/**
 * Runs a GraphQL operation with the browser context's cookies, so it returns
 * what the signed-in page receives. Throws on an HTTP error or GraphQL errors.
 */
export async function graphqlWithBrowserSession<Data>(
  context: BrowserContext | undefined,
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  if (!context) {
    throw new Error('The browser did not start; see the error of beforeAll.');
  }

  const response = await context.request.post(`${baseUrl}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json' },
  });
  const bodyText = await response.text();
  if (!response.ok()) {
    throw new Error(`POST /graphql returned HTTP ${response.status()}: ${bodyText.slice(0, 1_000)}`);
  }

  const body = JSON.parse(bodyText) as { data?: Data; errors?: unknown[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`POST /graphql returned errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}
