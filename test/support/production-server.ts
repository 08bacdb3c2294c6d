import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MAIN = join(__dirname, '../../server/dist/main.js');

/** A free TCP port on the loopback interface (taken and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `node server/dist/main.js` exactly as Docker runs it, on a fixed port so that it can be killed
 * and started again at the same address: what a commune's software and the walls see of a crash.
 */
export class ProductionServer {
  private child: ChildProcess | null = null;
  /** Everything the process wrote to stdout and stderr, over all its lives. */
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until `/api/health` answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the server exited during start:\n${this.output.slice(-2000)}`);
      const healthy = await fetch(`${this.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await sleep(50);
    }
    throw new Error(`the server did not become healthy within ${timeoutMs} ms`);
  }

  /** A provincial ingest key, created through the admin API. */
  async createIngestKey(adminToken: string): Promise<string> {
    const response = await fetch(`${this.url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'test', unit: null }),
    });
    if (response.status !== 201) throw new Error(`no ingest key: ${response.status}`);
    return ((await response.json()) as { key: string }).key;
  }

  /** Sends a signal and resolves with how the process ended and how long that took. */
  async stop(
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null, ms: 0 };
    }
    const started = performance.now();
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, sig) => resolve({ code, signal: sig })),
    );
    child.kill(signal);
    const outcome = await ended;
    this.child = null;
    return { ...outcome, ms: performance.now() - started };
  }
}
