// Benchmark: the service index ranking over a year of realistic history.
// Starts the built server in this process on a fresh embedded database (or, with DATABASE_URL,
// on that real TimescaleDB server: give it an empty database), generates the history
// with the simulator (the same dossier lives as `npm start`), and hands each batch to the ingest
// service itself (IngestService.ingest: the validation, idempotency claim and set-based writes of
// POST /api/v1/events, minus HTTP). Then runs the policy jobs and the vacuum as a running server
// would have, and times GET /api/v1/rankings for a month and a year over HTTP, asked from a
// worker thread (as from a browser: the answers are not parsed on the server's event loop).
//
//   node test/bench/ranking.mjs [--days 380] [--volume 0.5] [--requests 50] [--data-dir DIR [--reuse]]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadAppConfig } from '../../server/dist/config/app-config.js';
import { startServer } from '../../server/dist/main.js';
import { IngestService } from '../../server/dist/ingest/ingest.service.js';
import { TimescaleJobsService } from '../../server/dist/database/timescale-jobs.service.js';
import { runSimulator } from '../../server/dist/simulator/simulator.js';
import { sendLateEvents } from './late-events.mjs';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '380' },
    volume: { type: 'string', default: '0.5' },
    requests: { type: 'string', default: '50' },
    'data-dir': { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const DAY_MS = 86_400_000;
const addDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'ioc-bench-ranking-'));
const log = (line) => process.stderr.write(`${line}\n`);

const config = loadAppConfig({
  ...process.env,
  PORT: '0',
  IOC_DATA_DIR: dataDir,
  IOC_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
  // The history is loaded as fast as the database takes it, not at a commune's pace.
  IOC_UNIT_RATE_LIMIT: '1000000000',
  // Every timed read computes its ranking (no cached result) and no client limit applies.
  IOC_READ_CACHE_MS: '0',
  IOC_READ_RATE_LIMIT: '1000000000',
});
const server = await startServer(config, { fresh: !values.reuse, logLevel: 'error' });
const { DataSource } = await import('typeorm');
const dataSource = server.app.get(DataSource);

try {
  if (!values.reuse) await generateHistory();
  const [{ events, dossiers }] = await dataSource.query(
    `SELECT (SELECT count(*) FROM dossier_events)::int AS events, (SELECT count(*) FROM dossiers)::int AS dossiers`,
  );
  log(`history: ${events.toLocaleString('en-US')} events, ${dossiers.toLocaleString('en-US')} dossiers`);

  // What the policies (continuous aggregate refresh, compression, retention) and the embedded
  // engine's vacuum do every few minutes on a running server; the ranking then reads
  // materialised days plus today's, as it would there. On a real server TimescaleDB's own
  // scheduler runs them (asked to now, and waited for); its autovacuum does the rest.
  const jobs = server.app.get(TimescaleJobsService);
  let started = performance.now();
  await jobs.runPoliciesNow(30 * 60_000);
  log(`policy jobs and vacuum after the load: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await jobs.runPoliciesNow();
  log(`the same with nothing changed: ${(performance.now() - started).toFixed(0)} ms`);

  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1))
    .toISOString()
    .slice(0, 7);
  const cases = [
    ['month (current)', 'rankings?period=month'],
    [`month (${lastMonth})`, `rankings?period=month&date=${lastMonth}`],
    [`year (${today.slice(0, 4)})`, `rankings?period=year&date=${today.slice(0, 4)}`],
    // 365 days ending yesterday, whatever today's date: whole months and the days at either end.
    ['365 days to yesterday', `rankings?period=custom&from=${addDays(today, -365)}&to=${addDays(today, -1)}`],
    ['unit index, month', `units/24781/index?period=month&date=${lastMonth}`],
  ];
  const results = await timeCases(cases, '');
  // Between two refreshes: the live stream resolves open dossiers received on many days and a
  // commune catches up on ratings of past months. The aggregates cannot vouch for those days
  // until the next refresh, so a ranking reads them from the raw rows (issue 16).
  const changed = await changeBetweenRefreshes();
  log(`between refreshes: ${changed.resolved} dossiers resolved, ${changed.ratings} late ratings`);
  results.push(...(await timeCases(cases, ', before the refresh')));
  console.log('\n| ranking | p50 | p95 | max | dossiers scored | units ranked |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.scored.toLocaleString('en-US')} | ${r.ranked ?? ''} |`,
    );
  }
} finally {
  await server.close();
  if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
}

/** Times each case's request, returns one row per case. */
async function timeCases(cases, suffix) {
  const results = [];
  for (const [name, query] of cases) {
    const path = `/api/v1/${query}`;
    // The first three requests warm the caches.
    const { times, status, body } = await timeRequests(`${server.url}${path}`, Number(values.requests), 3);
    if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
    const ranked = body.units?.filter((u) => u.rank !== null).length;
    const scored = body.units ? body.units.reduce((sum, u) => sum + u.dossiers, 0) : body.score.dossiers;
    results.push({
      name: name + suffix,
      p50: pct(50),
      p95: pct(95),
      max: times[times.length - 1],
      ranked,
      scored,
    });
  }
  return results;
}

/** 1,000 open dossiers resolved now and 1,000 late ratings, without a refresh (late-events.mjs). */
function changeBetweenRefreshes() {
  return sendLateEvents(dataSource, server.app.get(IngestService), 'bench-late');
}

/** Times `requests` GETs of `url` from a worker thread (http-timer.worker.mjs), after `warmup` untimed ones. */
function timeRequests(url, requests, warmup) {
  const worker = new Worker(new URL('./http-timer.worker.mjs', import.meta.url), {
    // Reads need a credential since issue 13: the admin token, as an operator's script has it.
    workerData: { url, requests, warmup, headers: { authorization: `Bearer ${config.adminToken}` } },
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
  const began = performance.now();
  const stats = await runSimulator(
    {
      url: 'http://ingest.in-process',
      key: 'in-process',
      backfillMs: Number(values.days) * DAY_MS,
      durationMs: 0,
      volume: Number(values.volume),
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
  const seconds = (performance.now() - began) / 1000;
  log(
    `generated ${stats.backfillEvents.toLocaleString('en-US')} events (${stats.rejected} rejected) in ${seconds.toFixed(0)} s ` +
      `= ${Math.round(stats.backfillEvents / seconds).toLocaleString('en-US')} events/s`,
  );
}
