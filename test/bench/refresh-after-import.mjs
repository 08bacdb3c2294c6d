// `npm run bench:refresh`: how long one refresh run of the continuous aggregates holds the embedded
// engine's one connection after a legacy import of 18 months of history (issue 12, item 2), and
// what ingest waits meanwhile.
//
// An embedded engine reached by URL (so the server schedules no job itself: this script starts
// every run, as the server's job check would) and a server with its one connection. A few live
// receipts, refreshed; then `--dossiers` dossiers (received, resolved, returned: three events
// each) imported by CSV for the 124 units, spread from 2 January 2024 to 30 June 2025. Then the
// refresh jobs run as the embedded server runs them, at two turns of the policies an hour apart:
// every job due, then again after `--pause` ms while one has windows left (the server waits 5 s),
// while a 1-event POST /api/v1/events is timed every 100 ms. Prints every refresh run's time (the
// longest is the longest one run held the connection) and the ingest latencies until the
// aggregates had caught up.
//
//   node test/bench/refresh-after-import.mjs [--dossiers 300000] [--pause 1000]
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { startTestServer, aReceivedEvent } = require('../../server/dist/testing/test-server.js');
const { createSharedTestDatabase } = require('../../server/dist/testing/test-database.js');
const { DatabaseRepository } = require('../../server/dist/database/database.repository.js');
const { TimescaleJobsService } = require('../../server/dist/database/timescale-jobs.service.js');

const { values } = parseArgs({
  options: { dossiers: { type: 'string', default: '300000' }, pause: { type: 'string', default: '1000' } },
});
const HOUR = 3_600_000;
const FIRST = Date.parse('2024-01-02T08:00:00+07:00');
const LAST = Date.parse('2025-06-30T08:00:00+07:00');
const HEADER = 'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái';
const sheetDate = (instant) => {
  const [date, time] = new Date(instant + 7 * HOUR).toISOString().slice(0, 16).split('T');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time}`;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const database = await createSharedTestDatabase();
const t = await startTestServer({ ...database.env, IOC_UNIT_RATE_LIMIT: '1000000000' }, { database });
console.log(
  `machine: ${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
try {
  const units = (await t.dataSource.query('SELECT code FROM units ORDER BY code')).map((r) => r.code);
  await t.post(
    units.map((unit) => aReceivedEvent(unit, { at: new Date(Date.now() - 48 * HOUR).toISOString() })),
  );
  await t.runPolicies();

  const perUnit = Math.ceil(Number(values.dossiers) / units.length);
  let started = performance.now();
  for (const unit of units) {
    for (let from = 0; from < perUnit; from += 3_000) {
      const rows = [HEADER];
      for (let i = from; i < Math.min(perUnit, from + 3_000); i++) {
        const received = FIRST + Math.floor(((LAST - FIRST) * i) / perUnit);
        rows.push(
          `H-${i},1.001193,${sheetDate(received)},${sheetDate(received + 2 * HOUR)},${sheetDate(received + 3 * HOUR)},Đã trả kết quả`,
        );
      }
      const response = await fetch(`${t.url}/api/v1/imports?unit=${unit}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'text/csv' },
        body: rows.join('\n'),
      });
      const answer = await response.json();
      if (response.status !== 200 || answer.rejectedRows > 0)
        throw new Error(JSON.stringify(answer).slice(0, 500));
    }
  }
  const [{ events }] = await t.dataSource.query('SELECT count(*)::int AS events FROM dossier_events');
  console.log(
    `imported ${perUnit * units.length} dossiers (${events} events in all) over 2 January 2024 - 30 June 2025 in ${seconds(performance.now() - started)}`,
  );

  // Every refresh run, timed where the server starts it (one statement on the one connection).
  const repository = t.server.app.get(DatabaseRepository);
  const refreshJobs = (await repository.policyJobs()).filter((j) => j.procName === 'ioc_refresh_aggregate');
  const viewOf = new Map(refreshJobs.map((j) => [j.jobId, j.config?.view ?? String(j.jobId)]));
  const runs = [];
  const timed = (name, jobIdOf) => {
    const run = repository[name]?.bind(repository);
    if (!run) return;
    repository[name] = async (...args) => {
      const begun = performance.now();
      try {
        return await run(...args);
      } finally {
        const jobId = jobIdOf(args[0]);
        if (viewOf.has(jobId)) runs.push({ view: viewOf.get(jobId), ms: performance.now() - begun });
      }
    };
  };
  timed('runJob', (jobId) => jobId); // before BoundAggregateRefreshRuns: the refresh went through run_job
  timed('runRefreshJob', (job) => job.jobId);

  const ingestMs = [];
  const probes = [];
  const probe = setInterval(() => {
    const begun = performance.now();
    probes.push(t.post([aReceivedEvent('24781')]).then(() => ingestMs.push(performance.now() - begun)));
  }, 100);
  const jobs = t.server.app.get(TimescaleJobsService);
  started = performance.now();
  let ticks = 0;
  // Two turns of the policies an hour apart (every job due at each): the monthly rollups take in
  // at their second turn what the daily aggregates rewrote after their first.
  for (const later of [Date.now() + HOUR, Date.now() + 2 * HOUR]) {
    for (;;) {
      ticks += 1;
      const { unfinished } = await jobs.runDueJobs(later);
      if (!unfinished?.length) break;
      await new Promise((resolve) => setTimeout(resolve, Number(values.pause)));
    }
  }
  const caughtUpMs = performance.now() - started;
  clearInterval(probe);
  await Promise.all(probes);

  console.log(`refresh runs until caught up: ${runs.length} in ${ticks} job checks, ${seconds(caughtUpMs)}`);
  for (const view of new Set(runs.map((r) => r.view))) {
    const mine = runs.filter((r) => r.view === view).map((r) => r.ms);
    const total = mine.reduce((a, b) => a + b, 0);
    console.log(
      `  ${view}: ${mine.length} runs, ${total.toFixed(0)} ms in all, longest ${Math.max(...mine).toFixed(0)} ms`,
    );
  }
  console.log(
    `longest single refresh run (the one connection held): ${Math.max(...runs.map((r) => r.ms)).toFixed(0)} ms`,
  );
  const sorted = [...ingestMs].sort((a, b) => a - b);
  console.log(
    `1-event ingest meanwhile: ${sorted.length} requests, p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`,
  );

  // The end state is a full refresh: the monthly rollup equals the raw rows.
  await t.runPolicies();
  const [check] = await t.dataSource.query(
    `SELECT (SELECT sum(received)::int FROM unit_monthly_dossier_facts WHERE month < '2025-07-01 00:00+07') AS rollup,
            (SELECT count(*)::int FROM dossier_facts WHERE received_at < '2025-07-01 00:00+07') AS raw`,
  );
  console.log(`check: monthly rollup ${check.rollup} receipts before July 2025, raw rows ${check.raw}`);
} finally {
  await t.close();
  await database.drop();
}
