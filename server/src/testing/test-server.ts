import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { IngestEvent, IngestResult } from '@ioc/shared';
import { loadAppConfig } from '../config/app-config';
import { KeysService } from '../keys/keys.service';
import { startServer, type RunningServer } from '../main';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** A provincial ingest key, valid for every unit. */
  key: string;
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
  const config = loadAppConfig({ PORT: '0', IOC_DATA_DIR: dataDir, ...env });
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
  return {
    server,
    url: server.url,
    key,
    dataSource: server.app.get<DataSource>(getDataSourceToken()),
    post,
    close: async () => {
      await server.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A valid `dossier.received`, one hour ago, for the given unit. */
export function aReceivedEvent(unit = '24781', overrides: Partial<IngestEvent> = {}): IngestEvent {
  sequence += 1;
  return {
    id: `test-${process.pid}-${sequence}-recv`,
    unit,
    type: 'dossier.received',
    at: new Date(Date.now() - 3_600_000).toISOString(),
    dossier: {
      code: `T-${process.pid}-${sequence}`,
      procedure: '1.001193',
      field: 'civil-status',
      channel: 'online',
    },
    ...overrides,
  } as IngestEvent;
}
