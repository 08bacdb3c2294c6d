import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const TEMPLATE = join(__dirname, '../../docker/nginx/ioc.conf.template');

/**
 * The deployment's nginx config (docker/nginx/ioc.conf.template) run by Debian's nginx: the
 * template filled as the official image fills it (only its `${IOC_…}` variables), inside a
 * minimal main config whose files all live in `dir`.
 */
export function writeNginxConfig(dir: string, variables: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  const server = readFileSync(TEMPLATE, 'utf8').replace(/\$\{(IOC_\w+)\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`the nginx template needs ${name}`);
    return value;
  });
  writeFileSync(join(dir, 'ioc.conf'), server);
  const main = join(dir, 'nginx.conf');
  writeFileSync(
    main,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${join(dir, `${kind}_temp`)};`,
      ),
      `  include ${join(dir, 'ioc.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  return main;
}

/** `nginx -t` of a config: its exit code and what it printed. */
export function testNginxConfig(config: string): { status: number | null; output: string } {
  const result = spawnSync('nginx', ['-t', '-c', config], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export async function startNginx(config: string, url: string): Promise<ChildProcess> {
  const nginx = spawn('nginx', ['-c', config], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    );
    if (up) return nginx;
    await sleep(50);
  }
  nginx.kill('SIGKILL');
  throw new Error('nginx did not start');
}
