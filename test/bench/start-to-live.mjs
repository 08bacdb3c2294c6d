// Benchmark: how long `npm start` takes to its URL and to the first live number on the wall,
// and how many events per second the simulator sustains through the ingest API into the
// embedded TimescaleDB. Runs the built launcher (npm run build first) on a fresh database.
//
//   node test/bench/start-to-live.mjs [--backfill 7d] [--port 3917]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

const { values } = parseArgs({
  options: { backfill: { type: 'string', default: '7d' }, port: { type: 'string', default: '3917' } },
});
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-'));
const started = performance.now();
const launcher = spawn(
  process.execPath,
  [
    'server/dist/launcher/start.js',
    '--fresh',
    '--port',
    values.port,
    '--backfill',
    values.backfill,
    '--speed',
    '1',
  ],
  { env: { ...process.env, IOC_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
);

const lines = [];
const waitForLine = (pattern, timeoutMs) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const check = () => {
      const line = lines.find((l) => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      } else setTimeout(check, 20);
    };
    check();
  });
for (const stream of [launcher.stdout, launcher.stderr]) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop();
    lines.push(...parts);
  });
}

try {
  const urlLine = await waitForLine(/is live at (http\S+)/, 60_000);
  const urlMs = performance.now() - started;
  const url = /is live at (http\S+)/.exec(urlLine)[1];

  // The wall the launcher paired (issue 13): its URL's token traded for a display session.
  const wallLine = await waitForLine(/\?display=(\S+)/, 60_000);
  const exchanged = await fetch(`${url}/api/v1/displays/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: /\?display=(\S+)/.exec(wallLine)[1] }),
  });
  const cookie = exchanged.headers.get('set-cookie').split(';')[0];
  const firstLiveMs = await new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, { transports: ['websocket'], extraHeaders: { cookie } });
    const timer = setTimeout(() => reject(new Error('no live number within 60 s')), 60_000);
    const done = () => {
      clearTimeout(timer);
      socket.close();
      resolve(performance.now() - started);
    };
    socket.on('live:snapshot', (s) => s.units.some((u) => u.backlog > 0) && done());
    socket.on('live:delta', (d) => d.units.some((u) => u.backlog > 0) && done());
  });

  const doneLine = await waitForLine(/backfill: done/, 30 * 60_000);
  const [, events, seconds, rate] =
    /([\d,]+) events in ([\d.]+) s \(([\d,]+) events\/s\)/.exec(doneLine) ?? [];
  console.log(`npm start → URL printed:        ${(urlMs / 1000).toFixed(1)} s (build excluded)`);
  console.log(`npm start → first live number:  ${(firstLiveMs / 1000).toFixed(1)} s`);
  console.log(
    `simulator backfill (${values.backfill}):       ${events} events in ${seconds} s = ${rate} events/s sustained`,
  );
} finally {
  launcher.kill('SIGINT');
  await new Promise((resolve) => launcher.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
