// Benchmark: the wall in Chromium (Debian's, headless) against the built server on a fresh
// embedded TimescaleDB, at 1920×1080:
//  1. what the first screen downloads: the JavaScript and CSS index.html loads (entry and its
//     modulepreloads), gzipped, and the chunks loaded later (map, ranking, unit screens);
//  2. the first live figure: from navigation start to the province backlog on screen, --runs times
//     (a new page each run, the server warm);
//  3. the tab's CPU at --rate events/s (default 100) for --seconds: main-thread task time of the
//     renderer (Chrome DevTools Performance domain, TaskDuration) over wall-clock time.
//
//   node test/bench/wall.mjs [--rate 100] [--seconds 60] [--runs 5] [--port 3921]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startSteadyLoad } from '@ioc/server/dist/testing/steady-load.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '3921' },
  },
});
const rate = Math.max(1, Number(values.rate));
const seconds = Math.max(5, Number(values.seconds));
const runs = Math.max(1, Number(values.runs));
const port = Number(values.port);
const url = `http://127.0.0.1:${port}`;
const adminToken = 'bench-admin-token-0123456789abcdef';
const dist = 'dashboard/dist';

// 1. The first screen's download.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstScreen = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const firstJs = firstScreen.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
const firstCss = firstScreen.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0);
const later = readdirSync(join(dist, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => f.endsWith('.js') && !firstScreen.includes(f));
console.log(
  `first screen: JS ${kib(firstJs)} gzipped (${firstScreen.filter((f) => f.endsWith('.js')).join(', ')}), CSS ${kib(firstCss)}`,
);
console.log(
  `loaded later: ${later.map((f) => `${f.replace(/^assets\/|-[\w-]{8}\.js$/g, '')} ${kib(gz(f))}`).join(', ')}`,
);

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-wall-'));
const server = spawn(process.execPath, ['server/dist/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    IOC_DATA_DIR: dataDir,
    IOC_ADMIN_TOKEN: adminToken,
    IOC_LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let browser = null;
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the server did not start');
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { key } = await (
    await fetch(`${url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench:wall' }),
    })
  ).json();
  // Some figures to show: a minute of the steady load before anything is measured.
  const warm = startSteadyLoad({ url, key, eventsPerSecond: rate, seed: 3 });
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await warm.stop();

  // A paired wall (issue 13): a display token traded for the display's session cookie.
  const { token } = await (
    await fetch(`${url}/api/v1/admin/displays`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench:wall' }),
    })
  ).json();
  const session = await fetch(`${url}/api/v1/displays/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const cookieValue = /ioc_session=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1];
  const wallPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([
      { name: 'ioc_session', value: cookieValue, url, httpOnly: true, secure: true, sameSite: 'Strict' },
    ]);
    return context.newPage();
  };

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  // 2. First live figure.
  const firstFigure = [];
  for (let run = 0; run < runs; run++) {
    const page = await wallPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => /\d/.test(document.querySelector('[data-testid="kpi-backlog"]')?.textContent ?? ''),
      null,
      {
        timeout: 30_000,
        polling: 'raf',
      },
    );
    firstFigure.push(await page.evaluate(() => performance.now()));
    await page.context().close();
  }
  firstFigure.sort((a, b) => a - b);
  console.log(
    `first live figure after navigation: median ${Math.round(firstFigure[Math.floor(firstFigure.length / 2)])} ms, ` +
      `min ${Math.round(firstFigure[0])}, max ${Math.round(firstFigure.at(-1))} ms over ${runs} loads`,
  );

  // 3. The tab's CPU under a steady stream.
  const page = await wallPage();
  await page.goto(url);
  await page.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const load = startSteadyLoad({ url, key, eventsPerSecond: rate, seed: 4 });
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const metric = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await metric();
  const stats = await load.stop();
  const elapsed = after.Timestamp - before.Timestamp;
  const share = (name) => ((after[name] - before[name]) / elapsed) * 100;
  console.log(
    `tab CPU at ${Math.round(stats.sent / stats.seconds)} events/s (${stats.accepted} accepted) over ${Math.round(elapsed)} s: ` +
      `${share('TaskDuration').toFixed(1)} % of a core (script ${share('ScriptDuration').toFixed(1)} %, layout ${share('LayoutDuration').toFixed(1)} %, ` +
      `style ${share('RecalcStyleDuration').toFixed(1)} %); JS heap ${(after.JSHeapUsedSize / 1024 / 1024).toFixed(1)} MiB, ${after.Nodes} DOM nodes`,
  );
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)}`,
  );
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
