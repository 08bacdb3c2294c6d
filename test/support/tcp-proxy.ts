import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CutOptions {
  /**
   * How the target (the database) sees its connections go: a TCP reset, as when a network path
   * dies (the default), or an orderly close, as when the client process went away cleanly.
   * The client side (the server under test) is always reset.
   */
  target?: 'reset' | 'close';
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the database), to take it away and give it
 * back: `cut()` drops every open connection and stops listening (new connections are refused),
 * `restore()` listens again on the same port.
 */
export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private server: Server | null = null;
  /** Connections accepted since the start. */
  connectionsAccepted = 0;

  private constructor(
    private readonly targetPort: number,
    private readonly targetHost: string,
    /** The proxy's own port, the same across cut() and restore(). */
    public port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort, targetHost, 0);
    await proxy.listen();
    return proxy;
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  /** Drops every open connection and closes the listening socket: connects get ECONNREFUSED. */
  async cut(options: CutOptions = {}): Promise<void> {
    const server = this.server;
    this.server = null;
    const closing = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined;
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      if (options.target === 'close') {
        // Read and drop whatever the target still sends, so that its side closes without a reset.
        upstream.unpipe();
        upstream.resume();
        upstream.end();
      } else {
        upstream.resetAndDestroy();
      }
    }
    this.pairs.clear();
    await closing;
  }

  /** Listens again, on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  close(): Promise<void> {
    return this.cut({ target: 'close' });
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.forward(client));
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (typeof address === 'object' && address) this.port = address.port;
        this.server = server;
        resolve();
      });
    });
  }

  private forward(client: Socket): void {
    this.connectionsAccepted += 1;
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
    }
    // Either side ending takes the other down with it: no half-open pairs.
    client.once('close', () => {
      this.pairs.delete(pair);
      upstream.end();
    });
    upstream.once('close', () => {
      this.pairs.delete(pair);
      client.destroy();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
