import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

type FromChild =
  | { type: 'ready'; url: string; key: string; databaseUrl: string | null }
  | { type: 'failed'; message: string }
  | { type: 'rows'; id: number; rows: unknown[] }
  | { type: 'error'; id: number; message: string };

/**
 * A test server in a Node process of its own, as in production. In Jest's sandbox the errors Node
 * itself raises (ECONNREFUSED) are not `instanceof Error` of the server's realm, which changes how
 * the server classifies them; a fault test must see the server as it really runs.
 */
export class ServerProcess {
  private nextQuery = 0;
  private readonly pending = new Map<
    number,
    { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }
  >();
  /** Set when the process ended, for whatever reason. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** A provincial ingest key. */
    readonly key: string,
    /** The URL the server reaches its database with (the embedded engine's carries its password). */
    readonly databaseUrl: string | null,
  ) {
    child.on('message', (message: FromChild) => {
      if (message.type !== 'rows' && message.type !== 'error') return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'rows') waiting?.resolve(message.rows);
      else waiting?.reject(new Error(message.message));
    });
  }

  static start(env: Record<string, string>, startTimeoutMs = 60_000): Promise<ServerProcess> {
    const child = fork(join(__dirname, 'server-child.js'), [JSON.stringify(env)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server process did not start within ${startTimeoutMs} ms`));
      }, startTimeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server process exited during start (code ${code ?? 'null'})`));
      });
      child.on('message', (message: FromChild) => {
        if (message.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`the server failed to start: ${message.message}`));
        } else if (message.type === 'ready') {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          const server = new ServerProcess(child, message.url, message.key, message.databaseUrl);
          child.once('exit', (code, signal) => {
            server.exit = { code, signal };
            for (const waiting of server.pending.values())
              waiting.reject(new Error('the server process exited'));
            server.pending.clear();
          });
          resolve(server);
        }
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SQL through the server's own data source (the embedded engine takes one connection only). */
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.exit) return Promise.reject(new Error('the server process has exited'));
    const id = ++this.nextQuery;
    return new Promise<unknown[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'query', id, sql, params });
    }).then((rows) => rows as T[]);
  }

  /** Closes the server and waits for the process to end (killed after `timeoutMs`). */
  close(timeoutMs = 15_000): Promise<void> {
    if (this.exit) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ type: 'close' });
    });
  }
}
