// Benchmark: ingest while 40 clients read the service index in a loop (issue 12, item 8).
// A fresh embedded server in this process with `--days` of simulated history, then, for each
// case, 40 readers asking GET /api/v1/rankings for a custom period from July 2025 to today in a
// loop (from a worker thread each, as separate browsers would) while a 1-event POST /api/v1/events
// is timed every 100 ms. Cases: no readers; 40 readers of one query (results kept while nothing
// changed: the default); 40 readers with IOC_READ_CACHE_MS=0 (every read computed: the read
// gate alone keeps ingest first).
//
//   node test/bench/reads-vs-ingest.mjs [--days 60] [--seconds 15] [--readers 40]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadAppConfig } from '../../server/dist/config/app-config.js';
import { startServer } from '../../server/dist/main.js';
import { IngestService } from '../../server/dist/ingest/ingest.service.js';
import { KeysService } from '../../server/dist/keys/keys.service.js';
import { TimescaleJobsService } from '../../server/dist/database/timescale-jobs.service.js';
import { runSimulator } from '../../server/dist/simulator/simulator.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '60' },
    seconds: { type: 'string', default: '15' },
    readers: { type: 'string', default: '40' },
  },
});
/** One reader: GETs its URL in a loop until told to stop, then reports statuses and latencies. */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
const statuses = {};
const ms = [];
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const started = performance.now();
    const response = await fetch(workerData.url).catch(() => null);
    const status = response ? response.status : 'error';
    if (response) await response.arrayBuffer();
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) ms.push(performance.now() - started);
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  parentPort.postMessage({ statuses, ms });
})();
`;
const log = (line) => process.stderr.write(`${line}\n`);
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-reads-'));
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const query = `/api/v1/rankings?period=custom&from=2025-07-01&to=${today}`;

async function start(env) {
  const config = loadAppConfig({
    PORT: '0',
    IOC_DATA_DIR: dataDir,
    IOC_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
    IOC_UNIT_RATE_LIMIT: '1000000000',
    IOC_READ_RATE_LIMIT: '1000000000',
    ...env,
  });
  return startServer(config, { logLevel: 'fatal' });
}

let server = await start({});
try {
  const ingest = server.app.get(IngestService);
  const stats = await runSimulator(
    {
      url: 'http://in-process',
      key: 'x',
      backfillMs: Number(values.days) * 86_400_000,
      durationMs: 0,
      volume: 0.5,
      batchSize: 1000,
      concurrency: 3,
    },
    undefined,
    {
      log: () => undefined,
      fetch: async (_url, init) =>
        new Response(
          JSON.stringify(
            await ingest.ingest({ keyId: null, unitCode: null }, JSON.parse(String(init.body)), 'events'),
          ),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    },
  );
  await server.app.get(TimescaleJobsService).runPoliciesNow(30 * 60_000);
  log(`history: ${stats.backfillEvents.toLocaleString('en-US')} events over ${values.days} days`);
  await server.close();

  const results = [];
  for (const [name, env, readers] of [
    ['no readers', {}, 0],
    [`${values.readers} readers, results kept while unchanged`, {}, Number(values.readers)],
    [
      `${values.readers} readers, every read computed (IOC_READ_CACHE_MS=0)`,
      { IOC_READ_CACHE_MS: '0' },
      Number(values.readers),
    ],
  ]) {
    server = await start(env);
    const { key } = await server.app.get(KeysService).create('bench', null);
    const workers = Array.from(
      { length: readers },
      () => new Worker(READER, { eval: true, workerData: { url: `${server.url}${query}` } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ingestMs = [];
    let sequence = 0;
    const until = Date.now() + Number(values.seconds) * 1000;
    while (Date.now() < until) {
      sequence += 1;
      const event = {
        id: `bench-${Date.now()}-${sequence}`,
        unit: '24781',
        type: 'dossier.received',
        at: new Date(Date.now() - 60_000).toISOString(),
        dossier: {
          code: `BENCH-${Date.now()}-${sequence}`,
          procedure: '1.001193',
          field: 'civil-status',
          channel: 'online',
        },
      };
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify([event]),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
      ingestMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const reads = await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            w.once('message', resolve);
            w.postMessage('stop');
          }),
      ),
    );
    const statuses = {};
    let readMs = [];
    for (const r of reads) {
      for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
      readMs = readMs.concat(r.ms);
    }
    await Promise.all(workers.map((w) => w.terminate()));
    await server.close();
    const p = (values_, q) => {
      const sorted = [...values_].sort((a, b) => a - b);
      return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    };
    results.push(
      `${name}: ingest p50 ${p(ingestMs, 0.5).toFixed(0)} ms, p99 ${p(ingestMs, 0.99).toFixed(0)} ms (${ingestMs.length} requests); ` +
        `reads ${JSON.stringify(statuses)}, 200s p50 ${p(readMs, 0.5).toFixed(0)} ms`,
    );
    log(results.at(-1));
  }
  console.log(results.join('\n'));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
