import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '@ioc/db';

/**
 * The engine the integration and end-to-end tiers run on. `IOC_TEST_DATABASE_URL` names a real
 * TimescaleDB server (a superuser on its maintenance database, e.g. the one
 * `test/timescaledb/server.sh start` prints); without it every test runs on the embedded engine.
 */
export const TEST_SERVER_URL = process.env.IOC_TEST_DATABASE_URL || null;
export const TEST_ENGINE: 'embedded' | 'timescaledb' = TEST_SERVER_URL ? 'timescaledb' : 'embedded';

export interface TestDatabase {
  readonly engine: typeof TEST_ENGINE;
  /** What a server is started with to use this database. */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the database (on the embedded engine, deletes its files). */
  drop(): Promise<void>;
}

export interface SharedTestDatabase extends TestDatabase {
  /** A `postgres://` URL every process of the test reaches the database at. */
  readonly url: string;
}

/**
 * A database of its own for one test file: on a real server a new database (the migrations
 * create the extension), on the embedded engine a new data directory that the server opens
 * itself, as `npm start` does.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_SERVER_URL) return createServerDatabase(TEST_SERVER_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-test-'));
  return {
    engine: 'embedded',
    env: { IOC_DATA_DIR: dataDir },
    drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

/**
 * A database several server processes reach by URL (scale-out, outages): on a real server a new
 * database, on the embedded engine an engine started here, which takes one connection per process.
 */
export async function createSharedTestDatabase(): Promise<SharedTestDatabase> {
  if (TEST_SERVER_URL) return createServerDatabase(TEST_SERVER_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-shared-'));
  const embedded = await startEmbeddedDatabase({ dataDir, fresh: true });
  return {
    engine: 'embedded',
    url: embedded.url,
    env: { DATABASE_URL: embedded.url, IOC_DATABASE_POOL_SIZE: '1' },
    drop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createServerDatabase(serverUrl: string): Promise<SharedTestDatabase> {
  const name = `ioc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onMaintenanceDatabase(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'timescaledb',
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    // FORCE: TimescaleDB's background workers of that database are still connected.
    drop: () => onMaintenanceDatabase(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onMaintenanceDatabase(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
