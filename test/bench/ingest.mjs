// Benchmark: ingest throughput and request latency. Starts the built server (no simulator) in its
// own process — on a fresh embedded database, or with DATABASE_URL on that real TimescaleDB
// server — then several concurrent senders post realistic batches of 1,000 events (whole
// dossier lifecycles across the 124 units, plus feedback) for a fixed time.
//
//   node test/bench/ingest.mjs [--seconds 30] [--senders 4] [--batch 1000]
//   node test/bench/ingest.mjs --url http://127.0.0.1:8080 --admin-token T   (a server already running)
//
// With DATABASE_URL (and no --url) it then anchors the figure to the database's own limit: the
// same dossier events, `COPY`'d in one stream into a twin of the `dossier_events` hypertable
// (same columns, chunk interval and indexes), and prints ingest ÷ COPY.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    senders: { type: 'string', default: '4' },
    batch: { type: 'string', default: '1000' },
    port: { type: 'string', default: '3918' },
    url: { type: 'string' },
    'admin-token': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const senders = Number(values.senders);
const batchSize = Number(values.batch);
const adminToken = values['admin-token'] ?? 'bench-admin-token-0123456789abcdef';
const units = JSON.parse(readFileSync('db/src/reference/units.json', 'utf8')).map((u) => u.code);
const procedures = JSON.parse(readFileSync('db/src/reference/procedures.json', 'utf8')).filter(
  (p) => p.processingTime,
);

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-ingest-'));
const server = values.url
  ? null
  : spawn(process.execPath, ['server/dist/main.js'], {
      env: { ...process.env, PORT: values.port, IOC_DATA_DIR: dataDir, IOC_ADMIN_TOKEN: adminToken },
      // Its log is not read here: a pipe nobody drains would block the server once it filled.
      stdio: ['ignore', 'ignore', 'inherit'],
    });
const url = values.url ?? `http://127.0.0.1:${values.port}`;

/** One dossier's life, 1–4 days ago: received, assigned, resolved, synced, returned, often feedback. */
function dossierEvents(n) {
  const unit = units[n % units.length];
  const procedure = procedures[n % procedures.length];
  const start = Date.now() - (1 + (n % 4)) * 86_400_000 + (n % 480) * 60_000;
  const at = (minutes) => new Date(start + minutes * 60_000).toISOString();
  const code = `B-${process.pid}-${n}`;
  const id = (step) => `bench-${process.pid}-${n}-${step}`;
  const dossier = { code };
  const events = [
    {
      id: id('recv'),
      unit,
      type: 'dossier.received',
      at: at(0),
      dossier: {
        code,
        procedure: procedure.code,
        field: procedure.field,
        channel: n % 3 === 0 ? 'online' : 'direct',
      },
    },
    { id: id('assign'), unit, type: 'dossier.assigned', at: at(20), dossier, department: 'Bộ phận Một cửa' },
    { id: id('resolved'), unit, type: 'dossier.resolved', at: at(300), dossier, eResult: true },
    { id: id('synced'), unit, type: 'dossier.synced', at: at(310), dossier },
    { id: id('returned'), unit, type: 'dossier.returned', at: at(400), dossier },
  ];
  if (n % 2 === 0) {
    events.push({
      id: id('fb'),
      unit,
      type: 'feedback.submitted',
      at: at(405),
      rating: 1 + (n % 5),
      source: 'kiosk',
      dossier,
    });
  }
  return events;
}

let nextDossier = 0;
function nextBatch() {
  const batch = [];
  while (batch.length < batchSize) batch.push(...dossierEvents(nextDossier++));
  return batch.slice(0, batchSize);
}

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** COPY text format: tab-separated, backslash escapes (the JSON's own backslashes doubled). */
const copyField = (value) => String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

async function copyAnchor(databaseUrl, bodies) {
  const lines = [];
  for (const body of bodies) {
    for (const e of JSON.parse(body)) {
      if (e.type.startsWith('feedback.')) continue;
      lines.push(
        [e.at, e.id, e.unit, e.dossier.code, e.type, JSON.stringify(e)].map(copyField).join('\t') + '\n',
      );
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_events');
    await client.query('CREATE TABLE bench_copy_events (LIKE dossier_events INCLUDING ALL)');
    await client.query(`SELECT create_hypertable('bench_copy_events', by_range('at', INTERVAL '7 days'))`);
    const chunks = [];
    for (let i = 0; i < lines.length; i += 1000) chunks.push(lines.slice(i, i + 1000).join(''));
    const started = performance.now();
    await pipeline(
      Readable.from(chunks),
      client.query(
        copyFrom('COPY bench_copy_events (at, id, unit_code, dossier_code, type, event) FROM STDIN'),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_copy_events');
    return { rows: lines.length, perSecond: lines.length / seconds };
  } finally {
    await client.end();
  }
}

try {
  await waitForServer();
  const created = await fetch(`${url}/api/v1/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', unit: null }),
  }).then((r) => r.json());
  const bodies = [];
  // Bodies are prepared ahead so that the senders measure the server, not JSON.stringify.
  const needed = Math.ceil((seconds * 60_000) / batchSize) + senders;
  for (let i = 0; i < needed; i++) bodies.push(JSON.stringify(nextBatch()));

  const latencies = [];
  const sent = [];
  let accepted = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (performance.now() < deadline && bodies.length > 0) {
        const body = bodies.pop();
        sent.push(body);
        const t0 = performance.now();
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
          body,
        }).catch(() => null);
        if (!response) {
          failures += 1; // the connection failed: nothing of it was stored, a sender resends
          continue;
        }
        const result = await response.json();
        latencies.push(performance.now() - t0);
        if (response.ok) accepted += result.accepted;
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`ingest: ${senders} senders × batches of ${batchSize} for ${elapsed.toFixed(1)} s`);
  console.log(
    `  accepted ${accepted.toLocaleString('en')} events = ${Math.round(accepted / elapsed).toLocaleString('en')} events/s sustained`,
  );
  console.log(
    `  request latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms (${latencies.length} requests, ${failures} failed)`,
  );
  if (process.env.DATABASE_URL && !values.url) {
    const copyRate = await copyAnchor(process.env.DATABASE_URL, sent);
    console.log(
      `  COPY of the same ${copyRate.rows.toLocaleString('en')} dossier events into a twin hypertable: ${Math.round(copyRate.perSecond).toLocaleString('en')} rows/s`,
    );
    console.log(`  ingest ÷ COPY = ${(accepted / elapsed / copyRate.perSecond).toFixed(2)}`);
  }
} finally {
  if (server) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
