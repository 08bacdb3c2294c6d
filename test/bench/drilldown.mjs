// Benchmark: the drill-down (issue 14) on a year of history. Starts the built server in this
// process on the ranking benchmark's database (`--data-dir DIR`, made by
// `npm run bench:ranking -- --data-dir DIR`; its migrations run first and their time is printed),
// or generates `--days` of history into a fresh one. Times, from a worker thread with a leader's
// session: the province's first page, a unit's overdue list, a department head's field, a
// dossier; then a 100,000-row XLSX export downloaded by another thread while a steady ingest
// (20 events/s) feeds the live layer: time to first byte, total time, the server's event-loop
// lag and the gaps between the live deltas of the `province` scope meanwhile.
//
//   node test/bench/drilldown.mjs --data-dir DIR [--requests 50] [--export-rows 100000]
//   node test/bench/drilldown.mjs --days 60          (a fresh, smaller history)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { io } from 'socket.io-client';
import { loadAppConfig } from '../../server/dist/config/app-config.js';
import { startServer } from '../../server/dist/main.js';
import { IngestService } from '../../server/dist/ingest/ingest.service.js';
import { KeysService } from '../../server/dist/keys/keys.service.js';
import { TimescaleJobsService } from '../../server/dist/database/timescale-jobs.service.js';
import { runSimulator } from '../../server/dist/simulator/simulator.js';
import { openTestSession } from '../../server/dist/testing/test-server.js';
import { startSteadyLoad } from '../../server/dist/testing/steady-load.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    days: { type: 'string', default: '380' },
    requests: { type: 'string', default: '50' },
    'export-rows': { type: 'string', default: '100000' },
  },
});
const DAY_MS = 86_400_000;
const log = (line) => process.stderr.write(`${line}\n`);
const reuse = values['data-dir'] !== undefined;
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'ioc-bench-drilldown-'));

const config = loadAppConfig({
  ...process.env,
  PORT: '0',
  IOC_DATA_DIR: dataDir,
  IOC_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
  IOC_UNIT_RATE_LIMIT: '1000000000',
  IOC_READ_CACHE_MS: '0',
  IOC_READ_RATE_LIMIT: '1000000000',
  IOC_EXPORT_MAX_ROWS: '1000000',
});
let started = performance.now();
const server = await startServer(config, { fresh: !reuse, logLevel: 'error' });
log(`server started (migrations included): ${((performance.now() - started) / 1000).toFixed(1)} s`);
const { DataSource } = await import('typeorm');
const dataSource = server.app.get(DataSource);

try {
  if (!reuse) await generateHistory();
  started = performance.now();
  await server.app.get(TimescaleJobsService).runPoliciesNow(30 * 60_000);
  log(`policy jobs and vacuum: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const [{ dossiers, events }] = await dataSource.query(
    `SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossier_events)::int AS events`,
  );
  log(`history: ${dossiers.toLocaleString('en-US')} dossiers, ${events.toLocaleString('en-US')} events`);

  const leader = await openTestSession(server, 'leader');
  const headers = { cookie: leader.cookie };
  const [busiest] = await dataSource.query(
    `SELECT unit_code, count(*)::int AS n FROM dossiers
     WHERE status IN ('received', 'in_process', 'paused') AND due_at <= now()
     GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const [median] = await dataSource.query(
    `SELECT unit_code, count(*)::int AS n FROM dossiers
     WHERE status IN ('received', 'in_process', 'paused') AND due_at <= now()
     GROUP BY 1 ORDER BY 2 LIMIT 1 OFFSET 60`,
  );
  const [old] = await dataSource.query(
    `SELECT unit_code, code FROM dossiers WHERE received_at < now() - INTERVAL '180 days' AND pause_count > 0
     ORDER BY received_at DESC LIMIT 1`,
  );
  const [recent] = await dataSource.query(
    `SELECT unit_code, code FROM dossiers WHERE received_at > now() - INTERVAL '7 days' AND resolved_at IS NOT NULL
     ORDER BY received_at LIMIT 1`,
  );
  const cases = [
    ['province, first page (newest receipts)', 'dossiers'],
    ['province, overdue, first page', 'dossiers?status=overdue'],
    [
      `unit ${busiest.unit_code}: overdue (${busiest.n}, the most)`,
      `dossiers?unit=${busiest.unit_code}&status=overdue`,
    ],
    [`unit ${median.unit_code}: overdue (${median.n})`, `dossiers?unit=${median.unit_code}&status=overdue`],
    [`unit ${busiest.unit_code}: all, newest first`, `dossiers?unit=${busiest.unit_code}`],
    ['field land: overdue (a department head)', 'dossiers?field=land&status=overdue'],
    [
      'former province dak-nong, resolved late last month',
      `dossiers?formerProvince=dak-nong&status=resolved-late&resolved=${lastMonth()}`,
    ],
    ...(old
      ? [
          [
            `a dossier received 6 months ago (compressed events)`,
            `dossiers/${old.unit_code}/${encodeURIComponent(old.code)}`,
          ],
        ]
      : []),
    ...(recent
      ? [[`a dossier of this week`, `dossiers/${recent.unit_code}/${encodeURIComponent(recent.code)}`]]
      : []),
  ];
  const results = [];
  for (const [name, path] of cases) {
    const { times, status, body } = await timeRequests(
      `${server.url}/api/v1/${path}`,
      Number(values.requests),
      3,
      headers,
    );
    if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
    results.push({ name, p50: pct(50), p95: pct(95), max: times[times.length - 1], total: body.total });
  }

  const exported = await timeExport(headers);

  console.log('\n| drill-down read | p50 | p95 | max | total of the filter |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.total?.toLocaleString('en-US') ?? ''} |`,
    );
  console.log('\n| XLSX export | value |');
  console.log('| --- | --- |');
  for (const [k, v] of Object.entries(exported)) console.log(`| ${k} | ${v} |`);
} finally {
  await server.close();
  if (!reuse) rmSync(dataDir, { recursive: true, force: true });
}

function lastMonth() {
  const now = new Date(Date.now() + 7 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * The most recent whole days of receipts that hold at least `--export-rows` dossiers, exported as
 * XLSX by a worker thread while a steady ingest runs and a live client follows `province`.
 */
async function timeExport(headers) {
  const wanted = Number(values['export-rows']);
  const days = await dataSource.query(
    `SELECT to_char((received_at AT TIME ZONE 'UTC') + INTERVAL '7 hours', 'YYYY-MM-DD') AS day, count(*)::int AS n
     FROM dossiers WHERE received_at < date_trunc('day', now()) GROUP BY 1 ORDER BY 1 DESC LIMIT 400`,
  );
  let rows = 0;
  let from = days[0].day;
  for (const d of days) {
    rows += d.n;
    from = d.day;
    if (rows >= wanted) break;
  }
  const filter = `received=${from}..${days[0].day}`;
  log(`export: ${filter} (${rows.toLocaleString('en-US')} dossiers)`);

  // The live layer while it runs: a steady ingest, and the deltas a wall would receive.
  const { key } = await server.app.get(KeysService).create('bench drill-down', null);
  const socket = io(`${server.url}/live`, { transports: ['websocket'], extraHeaders: headers });
  const deltas = [];
  socket.on('live:delta', () => deltas.push(performance.now()));
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(20_000).emitWithAck('live:subscribe', { scopes: ['province'] });
  if (!ack.ok) throw new Error(`live:subscribe refused: ${JSON.stringify(ack)}`);
  const load = startSteadyLoad({ url: server.url, key, eventsPerSecond: 20 });
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const before = deltas.length;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const began = performance.now();
  const download = await new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./export-download.worker.mjs', import.meta.url), {
      workerData: { url: `${server.url}/api/v1/dossiers/export.xlsx?${filter}`, headers },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ended = performance.now();
  lag.disable();
  const sent = await load.stop();
  socket.close();
  if (download.status !== 200) throw new Error(`export: ${download.status}`);
  const during = deltas.filter((t) => t >= began && t <= ended);
  const gaps = [began, ...during, ended].slice(1).map((t, i) => t - [began, ...during][i]);
  return {
    filter,
    rows: rows.toLocaleString('en-US'),
    'time to first byte': `${download.firstByteMs.toFixed(0)} ms`,
    'whole download': `${(download.totalMs / 1000).toFixed(1)} s (${(download.bytes / 1_048_576).toFixed(1)} MiB)`,
    'event-loop lag p50 / p99 / max': `${(lag.percentile(50) / 1e6).toFixed(1)} / ${(lag.percentile(99) / 1e6).toFixed(1)} / ${(lag.max / 1e6).toFixed(1)} ms`,
    'live deltas during the export': `${during.length} (${before} in the 5 s before)`,
    'longest gap between deltas': `${(Math.max(...gaps) / 1000).toFixed(2)} s`,
    'steady ingest meanwhile': `${sent.accepted} events accepted, ${sent.failedRequests} failed requests`,
  };
}

function timeRequests(url, requests, warmup, headers) {
  const worker = new Worker(new URL('./http-timer.worker.mjs', import.meta.url), {
    workerData: { url, requests, warmup, headers },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The simulator's backfill of `--days`, each batch handed to the ingest service in this process. */
async function generateHistory() {
  const ingest = server.app.get(IngestService);
  const principal = { keyId: null, unitCode: null };
  await runSimulator(
    {
      url: 'http://ingest.in-process',
      key: 'in-process',
      backfillMs: Number(values.days) * DAY_MS,
      durationMs: 0,
      volume: 0.5,
      batchSize: 1000,
      concurrency: 3,
    },
    undefined,
    {
      log,
      fetch: async (_url, init) => {
        const result = await ingest.ingest(principal, JSON.parse(String(init.body)), 'events');
        return new Response(JSON.stringify(result), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  );
}
