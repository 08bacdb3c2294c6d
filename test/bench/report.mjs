// Benchmark: the meeting report (issue 15) over the ranking benchmark's year of history.
// Starts the built server in this process on that database (`--data-dir DIR --reuse`, as made by
// `npm run bench:ranking -- --data-dir DIR`: the report's migrations run first on it, their time
// printed), or generates `--days` of history on a fresh one like the ranking benchmark. Runs the
// policy jobs and the vacuum as a running server would, then times, from a worker thread with a
// leader's session, GET /api/v1/reports for a year to date, a month and a filtered year to date
// (each with both comparisons: the previous period and the same period last year), and a
// snapshot ("Chốt số liệu") with its PDF and XLSX. The timed reads compute every time
// (IOC_READ_CACHE_MS=0).
//
//   node test/bench/report.mjs [--data-dir DIR [--reuse]] [--days 380] [--volume 0.5] [--requests 30] [--save-pdf FILE]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadAppConfig } from '../../server/dist/config/app-config.js';
import { startServer } from '../../server/dist/main.js';
import { IngestService } from '../../server/dist/ingest/ingest.service.js';
import { TimescaleJobsService } from '../../server/dist/database/timescale-jobs.service.js';
import { runSimulator } from '../../server/dist/simulator/simulator.js';
import { openTestSession } from '../../server/dist/testing/test-server.js';
import { sendLateEvents } from './late-events.mjs';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '380' },
    volume: { type: 'string', default: '0.5' },
    requests: { type: 'string', default: '30' },
    'data-dir': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'save-pdf': { type: 'string' },
  },
});
const DAY_MS = 86_400_000;
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'ioc-bench-report-'));
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const config = loadAppConfig({
  ...process.env,
  PORT: '0',
  IOC_DATA_DIR: dataDir,
  IOC_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
  IOC_UNIT_RATE_LIMIT: '1000000000',
  IOC_READ_CACHE_MS: '0',
  IOC_READ_RATE_LIMIT: '1000000000',
});
let started = performance.now();
const server = await startServer(config, { fresh: !values.reuse, logLevel: 'error' });
log(`server started (migrations included) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const { DataSource } = await import('typeorm');
const dataSource = server.app.get(DataSource);

try {
  if (!values.reuse) await generateHistory();
  const [{ dossiers }] = await dataSource.query(`SELECT count(*)::int AS dossiers FROM dossiers`);
  log(`history: ${dossiers.toLocaleString('en-US')} dossiers`);
  const jobs = server.app.get(TimescaleJobsService);
  started = performance.now();
  await jobs.runPoliciesNow(60 * 60_000);
  log(`policy jobs and vacuum: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await jobs.runPoliciesNow();
  log(`the same with nothing changed: ${(performance.now() - started).toFixed(0)} ms`);

  const leader = await openTestSession(server, 'leader');
  const headers = { cookie: leader.cookie };
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1))
    .toISOString()
    .slice(0, 7);
  const cases = [
    [`year to date (${today.slice(0, 4)}-01-01 – ${today})`, `reports?period=ytd&date=${today}`],
    [`month (${lastMonth})`, `reports?period=month&date=${lastMonth}`],
    ['year to date, field land', `reports?period=ytd&date=${today}&field=land`],
    [
      'year to date, former province binh-thuan',
      `reports?period=ytd&date=${today}&formerProvince=binh-thuan`,
    ],
  ];
  const results = await timeCases(cases, '', headers);
  const changed = await changeBetweenRefreshes();
  log(`between refreshes: ${changed.resolved} dossiers resolved, ${changed.ratings} late ratings`);
  results.push(...(await timeCases(cases.slice(0, 1), ', before the refresh', headers)));

  // A snapshot with its PDF and XLSX, as a leader takes and downloads it.
  const snapshotTimes = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const taken = await leader.fetch('/api/v1/report-snapshots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: 'ytd', date: today }),
    });
    const snapshot = await taken.json();
    if (taken.status !== 201) throw new Error(`snapshot: ${taken.status} ${JSON.stringify(snapshot)}`);
    const t1 = performance.now();
    const pdf = await leader.fetch(`/api/v1/report-snapshots/${snapshot.id}/report.pdf`);
    const pdfBody = Buffer.from(await pdf.arrayBuffer());
    const pdfBytes = pdfBody.length;
    if (values['save-pdf']) writeFileSync(values['save-pdf'], pdfBody);
    const t2 = performance.now();
    const xlsx = await leader.fetch(`/api/v1/report-snapshots/${snapshot.id}/report.xlsx`);
    const xlsxBytes = (await xlsx.arrayBuffer()).byteLength;
    const t3 = performance.now();
    if (pdf.status !== 200 || xlsx.status !== 200) throw new Error(`exports: ${pdf.status} ${xlsx.status}`);
    snapshotTimes.push({
      take: t1 - t0,
      pdf: t2 - t1,
      xlsx: t3 - t2,
      total: t3 - t0,
      pdfBytes,
      xlsxBytes,
      json: JSON.stringify(snapshot).length,
    });
  }

  console.log('\n| report (both comparisons) | p50 | p95 | max | answer |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${(r.bytes / 1024).toFixed(0)} KB |`,
    );
  }
  console.log('\n| snapshot of the year to date | take (POST) | PDF | XLSX | total |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const s of snapshotTimes) {
    console.log(
      `| report ${(s.json / 1024).toFixed(0)} KB, PDF ${(s.pdfBytes / 1024).toFixed(0)} KB, XLSX ${(s.xlsxBytes / 1024).toFixed(0)} KB | ${s.take.toFixed(0)} ms | ${s.pdf.toFixed(0)} ms | ${s.xlsx.toFixed(0)} ms | ${(s.total / 1000).toFixed(2)} s |`,
    );
  }
} finally {
  await server.close();
  if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
}

async function timeCases(cases, suffix, headers) {
  const results = [];
  for (const [name, query] of cases) {
    const path = `/api/v1/${query}`;
    const { times, status, bytes, body } = await timeRequests(
      `${server.url}${path}`,
      Number(values.requests),
      3,
      headers,
    );
    if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
    results.push({ name: name + suffix, p50: pct(50), p95: pct(95), max: times[times.length - 1], bytes });
    log(
      `${name + suffix}: p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms; received ${body.report.province.current.figures.received}`,
    );
  }
  return results;
}

function timeRequests(url, requests, warmup, headers) {
  const worker = new Worker(new URL('./report-timer.worker.mjs', import.meta.url), {
    workerData: { url, requests, warmup, headers },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** 1,000 open dossiers resolved now and 1,000 late ratings, without a refresh (late-events.mjs). */
function changeBetweenRefreshes() {
  return sendLateEvents(dataSource, server.app.get(IngestService), 'bench-report');
}

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
  log(
    `generated ${stats.backfillEvents.toLocaleString('en-US')} events in ${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
}
