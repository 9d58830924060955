/**
 * A TCP proxy on 127.0.0.1 for fault tests, which forwards to a local server.
 * A paused proxy holds all bytes back, as a network that stopped delivering
 * would. A cut proxy resets every connection and closes new ones at once, as
 * when the server went away.
 */
import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Bytes held back while paused, in arrival order, with the socket they must go to. */
  held: { to: net.Socket; chunk: Buffer }[];
}

export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private paused = false;
  private refusing = false;
  /** Connections forwarded since the start, including closed ones. */
  forwardedConnections = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Starts listening on a free port of 127.0.0.1 and forwards every connection to `targetPort` there. */
  static async start(targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = net.createServer((client) => proxy?.accept(client, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  /** Holds back all bytes in both directions, on open and new connections, until `resume`. */
  pause(): void {
    this.paused = true;
  }

  /** Delivers the held-back bytes and forwards again. */
  resume(): void {
    this.paused = false;
    for (const pair of this.pairs) {
      for (const { to, chunk } of pair.held.splice(0)) {
        to.write(chunk);
      }
    }
  }

  /** Resets every open connection and closes new ones at once, until `restore`. */
  cut(): void {
    this.refusing = true;
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Accepts and forwards connections again after `cut`. */
  restore(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, targetPort: number): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }

    this.forwardedConnections += 1;
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);

    const forward = (to: net.Socket) => (chunk: Buffer) => {
      if (this.paused) {
        pair.held.push({ to, chunk });
      } else {
        to.write(chunk);
      }
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));

    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
