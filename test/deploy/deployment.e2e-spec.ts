import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createSharedTestDatabase, type SharedTestDatabase } from '@ioc/server/dist/testing/test-database';
import { describeOnRealServer } from '../support/real-server';
import { launchChromium } from '../support/chromium';
import { newWallPage } from '../support/wall';
import { freePort, ProductionServer } from '../support/production-server';
import { startRedis } from '../support/redis';
import { startNginx, testNginxConfig, writeNginxConfig } from './nginx';

// The deployment of docker/, checked and run without Docker: the compose file validated by
// docker-compose, the nginx template by nginx -t, and the topology itself — two server replicas,
// Redis, nginx and the real TimescaleDB on loopback ports — driven through nginx in Chromium.
jest.setTimeout(300_000);

const COMPOSE = join(__dirname, '../../docker/docker-compose.yml');
const ADMIN_TOKEN = 'deployment-test-admin-token-0123456789';

/** `docker compose` when the Docker CLI has it, else Debian's docker-compose; null if neither. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  return null;
}

describeOnRealServer('the deployment (docker/)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-deploy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a compose file that validates, with two replicas behind nginx, and refuses to start without its secrets', () => {
    const compose = composeCommand();
    expect(compose).not.toBeNull(); // .ci/run installs docker-compose
    const [command, ...args] = compose!;
    const envFile = join(dir, 'ioc.env');
    writeFileSync(
      envFile,
      'IOC_DB_PASSWORD=a-database-password\nIOC_ADMIN_TOKEN=an-admin-token-of-32-characters-x\nIOC_METRICS_TOKEN=a-metrics-token-of-32-characters\n',
    );
    const config = spawnSync(command!, [...args, '-f', COMPOSE, '--env-file', envFile, 'config'], {
      encoding: 'utf8',
    });
    expect(config.stderr).not.toMatch(/error/i);
    expect(config.status).toBe(0);
    for (const service of ['timescaledb:', 'redis:', 'server-1:', 'server-2:', 'nginx:']) {
      expect(config.stdout).toContain(`  ${service}`);
    }
    expect(config.stdout).toContain('REDIS_URL: redis://redis:6379');
    expect(config.stdout).toContain('timescale/timescaledb:2.28.3-pg15');
    const unset = spawnSync(command!, [...args, '-f', COMPOSE, 'config', '-q'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toContain('set IOC_DB_PASSWORD in docker/ioc.env');
  });

  it('has an nginx config that nginx -t accepts', () => {
    // nginx -t resolves upstream names: loopback addresses stand in for the compose services.
    const config = writeNginxConfig(join(dir, 'nginx-t'), {
      IOC_SERVER_1: '127.0.0.1:3001',
      IOC_SERVER_2: '127.0.0.1:3002',
      IOC_LISTEN: '127.0.0.1:8080',
    });
    const tested = testNginxConfig(config);
    expect(tested.output).toContain('syntax is ok');
    expect(tested.status).toBe(0);
  });

  describe('two replicas, Redis and nginx on loopback', () => {
    let database: SharedTestDatabase;
    let redis: ChildProcess;
    let nginx: ChildProcess;
    let replicas: ProductionServer[];
    let browser: Browser;
    let url: string;

    beforeAll(async () => {
      database = await createSharedTestDatabase();
      const redisPort = await freePort();
      redis = await startRedis(redisPort);
      const env = {
        ...database.env,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        IOC_ADMIN_TOKEN: ADMIN_TOKEN,
        IOC_DATA_DIR: join(dir, 'data'),
        IOC_LOG_LEVEL: 'warn',
      };
      replicas = [new ProductionServer(await freePort(), env), new ProductionServer(await freePort(), env)];
      for (const replica of replicas) await replica.start();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      const config = writeNginxConfig(join(dir, 'nginx'), {
        IOC_SERVER_1: `127.0.0.1:${replicas[0]!.port}`,
        IOC_SERVER_2: `127.0.0.1:${replicas[1]!.port}`,
        IOC_LISTEN: `127.0.0.1:${port}`,
      });
      nginx = await startNginx(config, url);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      nginx?.kill('SIGTERM');
      for (const replica of replicas ?? []) await replica.stop('SIGTERM');
      redis?.kill('SIGKILL');
      await database?.drop();
    });

    const socketsOn = async (replica: ProductionServer): Promise<number> => {
      const metrics = await (
        await fetch(`${replica.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).text();
      return Number(/^ioc_live_sockets_connected (\d+)/m.exec(metrics)?.[1] ?? NaN);
    };
    const backlogOn = (page: Page, unit: string) =>
      page
        .locator(`[data-testid="unit-backlog-${unit}"]`)
        .textContent()
        .then((text) => Number((text ?? '').replace(/\D/g, '')));
    const untilBacklog = (page: Page, unit: string, expected: number) =>
      page.waitForFunction(
        ([selector, value]) =>
          Number((document.querySelector(selector)?.textContent ?? '').replace(/\D/g, '')) === value,
        [`[data-testid="unit-backlog-${unit}"]`, expected] as const,
        { timeout: 20_000 },
      );
    const post = async (key: string, code: string) => {
      const response = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            id: `deploy-${code}`,
            unit: '24781',
            type: 'dossier.received',
            at: new Date(Date.now() - 3_600_000).toISOString(),
            dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'online' },
          },
        ]),
      });
      return { status: response.status, requestId: response.headers.get('x-request-id') };
    };

    const throughNginx = {
      get url() {
        return url;
      },
      async admin(method: string, path: string, body?: unknown) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
    };

    it('serves the wall through nginx from either replica with the same figures, and keeps it live when a replica stops', async () => {
      const key = await replicas[0]!.createIngestKey(ADMIN_TOKEN);
      expect((await post(key, 'D-1')).status).toBe(200);
      // Walls are opened until each replica holds at least one of their WebSockets (least_conn
      // spreads them; the page's own requests can tip one choice either way).
      const walls: Page[] = [];
      while (walls.length < 6) {
        // Each wall a paired display, paired through nginx like a wall in the province.
        const wall = await newWallPage(browser, throughNginx, { viewport: { width: 1920, height: 1080 } });
        await wall.goto(url);
        await wall.locator('[data-testid="unit-backlog-24781"]').waitFor({ timeout: 20_000 });
        walls.push(wall);
        const sockets = await Promise.all(replicas.map(socketsOn));
        expect(sockets[0]! + sockets[1]!).toBe(walls.length);
        if (sockets.every((n) => n > 0)) break;
      }
      expect(Math.min(...(await Promise.all(replicas.map(socketsOn))))).toBeGreaterThan(0);
      const before = await backlogOn(walls[0]!, '24781');
      for (const wall of walls) expect(await backlogOn(wall, '24781')).toBe(before);

      const answer = await post(key, 'D-2');
      expect(answer.status).toBe(200);
      expect(answer.requestId).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, passed through
      for (const wall of walls) await untilBacklog(wall, '24781', before + 1);

      // A rolling restart: one replica drains; its wall reconnects through nginx to the other.
      await replicas[0]!.stop('SIGTERM');
      expect((await post(key, 'D-3')).status).toBe(200);
      for (const wall of walls) await untilBacklog(wall, '24781', before + 2);
      expect(await socketsOn(replicas[1]!)).toBe(walls.length);
      await replicas[0]!.start();
      expect((await post(key, 'D-4')).status).toBe(200);
      for (const wall of walls) await untilBacklog(wall, '24781', before + 3);
      for (const wall of walls) await wall.close();
    });
  });
});
