import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedDatabaseMessage } from './embedded-database.messages';

export interface EmbeddedDatabase {
  /**
   * A `postgres://` URL on a free loopback port, with this start's password. The engine serves
   * one connection at a time.
   */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Delete the data directory first: start empty. */
  fresh?: boolean;
  startTimeoutMs?: number;
}

/** Starts the embedded TimescaleDB (PGlite + timescaledb) in a child process. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  // A new password every start, known to this process and the engine's only (given in the
  // child's environment, which only this user can read): no other local process gets in.
  const password = randomBytes(24).toString('base64url');
  const child = fork(join(__dirname, 'embedded-database.process.js'), [options.dataDir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, IOC_EMBEDDED_DATABASE_PASSWORD: password },
  });
  const port = await waitUntilReady(child, options.startTimeoutMs ?? 60_000);
  let stopping = false;
  child.once('exit', (code, signal) => {
    // The server keeps running and answers 503 until a database is back; say why, loudly.
    if (!stopping)
      console.error(`the embedded database exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: options.dataDir,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded database exited during start (code ${code ?? 'null'})`));
    });
    child.on('message', (message: EmbeddedDatabaseMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the embedded database failed to start: ${message.message}`));
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: 'stop' } satisfies EmbeddedDatabaseMessage);
  });
}
