import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { IngestEvent, IngestResult } from '@ioc/shared';

type DossierReceived = Extract<IngestEvent, { type: 'dossier.received' }>;
import { loadAppConfig } from '../config/app-config';
import { KeysService } from '../keys/keys.service';
import { startServer, type RunningServer } from '../main';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** A provincial ingest key, valid for every unit. */
  key: string;
  /** Calls an endpoint with the admin token. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  dataSource: DataSource;
  post(
    events: unknown[] | string,
    contentType?: string,
    key?: string,
  ): Promise<{ status: number; body: IngestResult }>;
  close(): Promise<void>;
}

/**
 * A whole server on a random port with its own fresh embedded TimescaleDB in a temporary
 * directory: each test file owns its data.
 */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  options: { dataDir?: string; keepData?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ioc-test-'));
  const config = loadAppConfig({
    PORT: '0',
    IOC_DATA_DIR: dataDir,
    IOC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...env,
  });
  const server = await startServer(config, { fresh: !options.dataDir, logLevels: ['error'] });
  const { key } = await server.app.get(KeysService).create('test', null);
  const post: TestServer['post'] = async (events, contentType = 'application/json', withKey = key) => {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${withKey}`, 'content-type': contentType },
      body: typeof events === 'string' ? events : JSON.stringify(events),
    });
    return { status: response.status, body: (await response.json()) as IngestResult };
  };
  const admin: TestServer['admin'] = async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: response.status === 204 ? null : await response.json(),
    };
  };
  return {
    server,
    url: server.url,
    key,
    admin,
    dataSource: server.app.get<DataSource>(getDataSourceToken()),
    post,
    close: async () => {
      await server.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

let sequence = 0;
/** A valid `dossier.received`, one hour ago by default, for the given unit. */
export function aReceivedEvent(
  unit = '24781',
  overrides: { id?: string; at?: string; dossier?: Partial<DossierReceived['dossier']> } = {},
): DossierReceived {
  sequence += 1;
  return {
    id: overrides.id ?? `test-${process.pid}-${sequence}-recv`,
    unit,
    type: 'dossier.received',
    at: overrides.at ?? new Date(Date.now() - 3_600_000).toISOString(),
    dossier: {
      code: `T-${process.pid}-${sequence}`,
      procedure: '1.001193',
      field: 'civil-status',
      channel: 'online',
      ...overrides.dossier,
    },
  };
}
