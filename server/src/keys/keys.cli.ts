/**
 * `npm run keys -- <command>`: manage ingest keys through the running server's admin API.
 *
 *   npm run keys -- create --unit 24781 [--name "iGate Xuân Hương"]
 *   npm run keys -- create --provincial --name "Hệ thống một cửa tỉnh"
 *   npm run keys -- list
 *   npm run keys -- revoke <key id>
 *
 * The server is found at --url (default http://127.0.0.1:$PORT); the admin token is
 * IOC_ADMIN_TOKEN, or the one the server generated in its data directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CreatedIngestKey, IngestKeySummary } from '@ioc/shared';
import { adminTokenPath } from '../admin/admin-token';
import { loadAppConfig } from '../config/app-config';

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      unit: { type: 'string' },
      provincial: { type: 'boolean', default: false },
      name: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const config = loadAppConfig();
  const url = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');
  const token = config.adminToken ?? readGeneratedToken(config.dataDir);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T | null> => {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`the server at ${url} does not answer: start it (npm start) or pass --url`);
    }
    if (!response.ok) {
      const detail = (await response.json().catch(() => ({}))) as { message?: unknown };
      throw new Error(`${response.status}: ${JSON.stringify(detail.message ?? response.statusText)}`);
    }
    return response.status === 204 ? null : ((await response.json()) as T);
  };

  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      if (values.provincial === (values.unit !== undefined)) {
        throw new UsageError('create needs exactly one of --unit <code> or --provincial');
      }
      const name = values.name ?? (values.unit ? `unit ${values.unit}` : 'provincial');
      const created = await call<CreatedIngestKey>('POST', '/api/v1/admin/keys', {
        name,
        unit: values.unit ?? null,
      });
      console.log(
        `created key ${created!.id} for ${created!.unitCode ? `unit ${created!.unitCode}` : 'every unit'}`,
      );
      console.log(`\n  ${created!.key}\n`);
      console.log('This is the only time the key is shown: give it to the commune now.');
      return;
    }
    case 'list': {
      const keys = (await call<IngestKeySummary[]>('GET', '/api/v1/admin/keys')) ?? [];
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
        console.log(
          `${key.id}  ioc_${key.keyPrefix}_…  ${key.unitCode ?? 'provincial'}  ${state}  ${key.name}`,
        );
      }
      if (keys.length === 0) console.log('no keys');
      return;
    }
    case 'revoke': {
      if (rest.length !== 1) throw new UsageError('revoke needs the key id (see list)');
      await call('DELETE', `/api/v1/admin/keys/${encodeURIComponent(rest[0]!)}`);
      console.log(`revoked ${rest[0]}`);
      return;
    }
    default:
      throw new UsageError(`unknown command '${command ?? ''}': use create, list or revoke`);
  }
}

function readGeneratedToken(dataDir: string): string {
  const path = adminTokenPath(dataDir);
  if (!existsSync(path))
    throw new Error(`no admin token: set IOC_ADMIN_TOKEN or start the server once (it writes ${path})`);
  return readFileSync(path, 'utf8').trim();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1,
  );
});
