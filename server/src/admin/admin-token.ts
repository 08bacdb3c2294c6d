import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the server keeps the admin token it generated, for the CLIs on the same machine. */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin-token');
}

/**
 * The admin token: IOC_ADMIN_TOKEN when set; otherwise one generated once and kept in the data
 * directory (mode 600), so that `npm run keys` on the same machine can read it.
 */
export function resolveAdminToken(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const path = adminTokenPath(dataDir);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/** Whether an `Authorization` header carries this bearer token (compared in constant time). */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const given = Buffer.from(match?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
