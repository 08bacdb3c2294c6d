import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@ioc/db';
import { TEST_ENGINE } from '../testing/test-database';

/**
 * The embedded engine's port takes only this start's password (issue 12, item 9): before, any
 * user name and password connected as superuser, so any local process could read the key
 * hashes or drop the audit trigger.
 */
(TEST_ENGINE === 'embedded' ? describe : describe.skip)('the embedded database port', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-access-'));
    db = await startEmbeddedDatabase({ dataDir: join(dir, 'pglite'), fresh: true });
  });
  afterAll(async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const connectWith = async (password: string | undefined) => {
    const url = new URL(db.url);
    const client = new Client({
      host: url.hostname,
      port: Number(url.port),
      user: 'postgres',
      database: 'postgres',
      ...(password === undefined ? {} : { password }),
    });
    try {
      await client.connect();
      return (await client.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n;
    } catch (error) {
      return (error as { code?: string; message: string }).code ?? (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  it('refuses a wrong or empty password with "password authentication failed" (28P01)', async () => {
    expect(await connectWith('postgres')).toBe('28P01');
    expect(await connectWith('')).toBe('28P01');
    expect(db.url).not.toContain(':postgres@');
  });

  it('lets in the server with the password of this start, one connection after another', async () => {
    const password = decodeURIComponent(new URL(db.url).password);
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(await connectWith(password)).toBe(1);
    expect(await connectWith(password)).toBe(1);
  });
});
