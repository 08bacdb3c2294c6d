// Benchmark: the live layer (socket.io namespace `/live`) on a fresh embedded TimescaleDB (or,
// with DATABASE_URL, on that real TimescaleDB server: give it an empty database).
// Starts the built server (no simulator) in its own process, then measures
//  1. event-to-client latency: a steady 1,000 events/s (100 `dossier.received` every 100 ms,
//     each batch for ONE unit, round-robin) from the moment the POST answered 200 to the first
//     `live:delta` showing that unit's backlog including the batch, measured two ways:
//     (a) in the unit's own scope `unit:<code>` (a monitor subscribed to all 124 of them), what a
//         screen watching that unit sees;
//     (b) in scope `province` (the wall), entry `unit:<code>`: includes the coalescing window
//         (≤ 250 ms, 4 deltas a second) of that busy scope;
//  2. fan-out: N clients on `/live` subscribed to `province` (spread over worker processes,
//     connected in waves) while one small batch a second is sent; delivery time from the delta's
//     `at` to each client, and deltas missed in the monitor's seq range of `province`.
//
//   node test/bench/live.mjs [--seconds 20] [--clients 5000] [--port 3919] [--workers 4] [--wave 200] [--warmup 2]
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '5000' },
    port: { type: 'string', default: '3919' },
    workers: { type: 'string', default: '4' },
    wave: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '2' },
  },
});
const seconds = Math.max(1, Math.min(600, Number(values.seconds)));
const requestedClients = Math.max(0, Math.min(50_000, Number(values.clients)));
const workerCount = Math.max(1, Math.min(8, Number(values.workers)));
const waveSize = Math.max(1, Number(values.wave));
const port = Number(values.port);
const BATCH = 100; // events per POST in the latency phase
const BATCH_EVERY_MS = 100; // → 1,000 events/s
// Latency samples of the first seconds are discarded (JIT, first queries). With `--warmup 25` the
// measure starts after the server's first maintenance check (20 s after boot), where the embedded
// database refreshes its continuous aggregates: a stall that recurs every 15 minutes, not per event.
const WARMUP_S = Math.max(0, Math.min(120, Number(values.warmup)));
const FANOUT_BATCH = 10; // events per POST in the fan-out phase, one POST a second
const MAX_SCOPES_PER_REQUEST = 50; // liveSubscribeRequestSchema
const adminToken = 'bench-admin-token-0123456789abcdef';
const units = JSON.parse(readFileSync('db/src/reference/units.json', 'utf8')).map((u) => u.code);
const procedures = JSON.parse(readFileSync('db/src/reference/procedures.json', 'utf8')).filter(
  (p) => p.processingTime,
);

const url = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-live-'));
const server = spawn(process.execPath, ['server/dist/main.js'], {
  env: { ...process.env, PORT: String(port), IOC_DATA_DIR: dataDir, IOC_ADMIN_TOKEN: adminToken },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const workers = [];
const monitors = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms) => (ms === undefined ? 'n/a' : ms.toFixed(0));
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return `p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms, max ${fmt(sorted.at(-1))} ms`;
};

/** VmRSS of a process in MiB, or null when it is gone. */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
/** user + system CPU ticks of a process (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
function childPids(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {}
  }
  return children;
}
const TICKS_PER_S = 100; // USER_HZ on Linux
function openFilesLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Infinity : Number(soft);
}
function cgroupCpuMax() {
  try {
    return readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}
function memory() {
  const db = childPids(server.pid)
    .map(rssMb)
    .filter((v) => v !== null);
  return `server process VmRSS ${rssMb(server.pid)?.toFixed(0)} MiB (embedded database child process${db.length === 1 ? '' : 'es'}: ${db.map((v) => v.toFixed(0)).join(' + ') || 'n/a'} MiB)`;
}

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('the server exited during start');
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('the server did not start');
}

/**
 * A monitoring client on `/live`: subscribes to `scopes` (requests of at most 50), keeps each
 * scope's stream and seq, asks for a fresh snapshot (`live:resync`) on a gap, and remembers the
 * last backlog of every unit entry it saw: `lastSeen` unit → {backlog, t (performance.now), wall
 * (Date.now)}. `listeners` get (message, t, wall, isSnapshot) for every delta and snapshot after
 * the first snapshot of its scope. Resolves once every scope has its snapshot.
 */
async function openMonitor(name, scopes) {
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { authorization: `Bearer ${adminToken}` },
  });
  const monitor = { socket, lastSeen: new Map(), listeners: new Set(), gaps: 0, requests: 0 };
  const state = new Map(); // scope → {stream, seq}
  const resync = (scope) => {
    monitor.gaps += 1;
    socket.emit('live:resync', { scope });
  };
  const see = (message, isSnapshot) => {
    const t = performance.now();
    const wall = Date.now();
    for (const entry of message.entries) {
      // Deltas carry only the figures that changed.
      if (entry.kind === 'unit' && entry.figures.backlog !== undefined)
        monitor.lastSeen.set(entry.code, { backlog: entry.figures.backlog, t, wall });
    }
    for (const listener of monitor.listeners) listener(message, t, wall, isSnapshot);
  };
  socket.on('live:snapshot', (snapshot) => {
    const known = state.get(snapshot.scope);
    if (known && known.stream === snapshot.stream && snapshot.seq < known.seq) return; // stale
    state.set(snapshot.scope, { stream: snapshot.stream, seq: snapshot.seq });
    see(snapshot, true);
  });
  socket.on('live:delta', (delta) => {
    const known = state.get(delta.scope);
    if (!known) return; // before its snapshot: numbered at or below it
    if (delta.stream === known.stream && delta.seq <= known.seq) return; // already in a snapshot
    if (delta.stream !== known.stream || delta.seq !== known.seq + 1) resync(delta.scope);
    known.stream = delta.stream;
    known.seq = delta.seq;
    see(delta, false); // the figures are absolute: a delta after a gap still shows the backlog
  });
  socket.on('live:heartbeat', (heartbeat) => {
    const known = state.get(heartbeat.scope);
    if (known && (heartbeat.stream !== known.stream || heartbeat.seq > known.seq)) {
      known.stream = heartbeat.stream;
      known.seq = heartbeat.seq;
      resync(heartbeat.scope);
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const answers = [];
  for (let i = 0; i < scopes.length; i += MAX_SCOPES_PER_REQUEST) {
    monitor.requests += 1;
    answers.push(
      socket
        .timeout(30_000)
        .emitWithAck('live:subscribe', { scopes: scopes.slice(i, i + MAX_SCOPES_PER_REQUEST) }),
    );
  }
  for (const ack of await Promise.all(answers)) {
    if (!ack?.ok) throw new Error(`${name}: live:subscribe refused: ${ack?.errors?.join('; ')}`);
  }
  for (let i = 0; i < 300 && state.size < new Set(scopes).size; i++) await sleep(100);
  if (state.size < new Set(scopes).size) {
    throw new Error(`${name}: ${state.size} of ${scopes.length} snapshots within 30 s`);
  }
  return monitor;
}

let nextEvent = 0;
function receivedEvents(unit, count) {
  const at = new Date().toISOString();
  return Array.from({ length: count }, () => {
    const n = nextEvent++;
    const procedure = procedures[n % procedures.length];
    return {
      id: `bench-live-${process.pid}-${n}`,
      unit,
      type: 'dossier.received',
      at,
      dossier: {
        code: `BL-${process.pid}-${n}`,
        procedure: procedure.code,
        field: procedure.field,
        channel: n % 3 === 0 ? 'online' : 'direct',
      },
    };
  });
}

try {
  await waitForServer();
  const { key } = await fetch(`${url}/api/v1/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench-live', unit: null }),
  }).then((r) => r.json());
  const post = (events) =>
    fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });

  // ---------------------------------------------------------------- the monitor clients
  // (a) follows the 124 `unit:<code>` scopes, what a screen watching one unit sees;
  // (b) follows `province`, the wall (also the reference seq range of the fan-out phase).
  const unitScopes = units.map((code) => `unit:${code}`);
  const unitMonitor = await openMonitor('unit scopes', unitScopes);
  monitors.push(unitMonitor);
  const wall = await openMonitor('province', ['province']);
  monitors.push(wall);

  // ---------------------------------------------------------------- 1. event-to-client latency
  {
    const views = [
      {
        monitor: unitMonitor,
        title: `(a) on the unit's own scope: one monitor on the ${unitScopes.length} \`unit:<code>\` scopes (${unitMonitor.requests} subscribe requests of ≤ ${MAX_SCOPES_PER_REQUEST}) — what a screen watching that unit sees`,
      },
      {
        monitor: wall,
        title: `(b) on the province scope (the wall): entry \`unit:<code>\` of the \`province\` deltas — includes the busy scope's coalescing window (≤ 250 ms)`,
      },
    ].map((view) => ({
      ...view,
      pending: new Map(), // unit → {expected, acceptedAt, acceptedWall, warm}
      latencies: [],
      serverPart: [], // HTTP answer → delta stamped by the server (ms clock)
      wirePart: [], // delta stamped → received by the client
      beforeAnswer: 0,
      overwritten: 0,
      bySnapshot: 0,
      deltas: 0,
      deltaEntries: 0,
      gapsBefore: view.monitor.gaps,
    }));
    // Every unit's backlog as both monitors saw it in their snapshots (the same on a fresh database).
    const expected = new Map([...unitMonitor.lastSeen].map(([unit, seen]) => [unit, seen.backlog]));
    const postLatencies = [];
    let failures = 0;
    let accepted = 0;
    let skipped = 0;
    const record = (view, p, t, wall, deltaAt) => {
      if (p.warm) return;
      view.latencies.push(t - p.acceptedAt);
      if (deltaAt !== undefined) {
        view.serverPart.push(Date.parse(deltaAt) - p.acceptedWall);
        view.wirePart.push(wall - Date.parse(deltaAt));
      }
    };
    for (const view of views) {
      view.listener = (message, t, wallClock, isSnapshot) => {
        if (!isSnapshot) {
          view.deltas += 1;
          view.deltaEntries += message.entries.length;
        }
        for (const entry of message.entries) {
          if (entry.kind !== 'unit') continue;
          const p = view.pending.get(entry.code);
          if (p && entry.figures.backlog >= p.expected) {
            view.pending.delete(entry.code);
            if (isSnapshot) {
              // Seen first in the fresh snapshot of a resync: not a delta latency.
              if (!p.warm) view.bySnapshot += 1;
            } else record(view, p, t, wallClock, message.at);
          }
        }
      };
      view.monitor.listeners.add(view.listener);
    }

    const warmupBatches = (WARMUP_S * 1000) / BATCH_EVERY_MS;
    const totalBatches = warmupBatches + (seconds * 1000) / BATCH_EVERY_MS;
    const inFlight = new Set();
    const started = performance.now();
    for (let i = 0; i < totalBatches; i++) {
      const wait = started + i * BATCH_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight.size >= 50) {
        skipped += 1; // the server is far behind: do not pile up requests without bound
        continue;
      }
      const unit = units[i % units.length];
      const warm = i < warmupBatches;
      const t0 = performance.now();
      const request = post(receivedEvents(unit, BATCH))
        .then(async (response) => {
          const acceptedAt = performance.now();
          const acceptedWall = Date.now();
          const result = await response.json();
          if (!warm) postLatencies.push(acceptedAt - t0);
          if (!response.ok) {
            failures += 1;
            return;
          }
          accepted += result.accepted;
          if (result.accepted === 0) return;
          const target = expected.get(unit) + result.accepted;
          expected.set(unit, target);
          for (const view of views) {
            const seen = view.monitor.lastSeen.get(unit);
            const p = { expected: target, acceptedAt, acceptedWall, warm };
            if (seen.backlog >= target) {
              // The delta overtook the HTTP answer (the units are marked before the response is sent).
              if (!warm) view.beforeAnswer += 1;
              record(view, p, seen.t, seen.wall);
            } else {
              if (view.pending.has(unit)) view.overwritten += 1;
              view.pending.set(unit, p);
            }
          }
        })
        .catch(() => {
          failures += 1;
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - started) / 1000 - WARMUP_S;
    for (let i = 0; i < 40 && views.some((view) => view.pending.size > 0); i++) await sleep(50);
    for (const view of views) view.monitor.listeners.delete(view.listener);

    console.log(
      `live latency: ${BATCH} dossier.received every ${BATCH_EVERY_MS} ms (one unit per batch, round-robin over ${units.length}) for ${sendSeconds.toFixed(1)} s after a ${WARMUP_S} s warm-up`,
    );
    console.log(
      `  accepted ${accepted.toLocaleString('en')} events (incl. warm-up), ${failures} failed requests, ${skipped} batches skipped (50 in flight); POST latency ${stats(postLatencies)}`,
    );
    for (const view of views) {
      const missing = [...view.pending.values()].filter((p) => !p.warm).length + view.overwritten;
      const gaps = view.monitor.gaps - view.gapsBefore;
      console.log(`  ${view.title}`);
      console.log(
        `    POST answered 200 → first live:delta with the batch in the unit's backlog: ${stats(view.latencies)} (${view.latencies.length} samples, ${missing} never seen, ${view.beforeAnswer} deltas arrived before the HTTP answer, counted as ≤ 0 ms${view.bySnapshot ? `, ${view.bySnapshot} seen first in a resync snapshot` : ''})`,
      );
      console.log(
        `      of which answer → delta stamped by the server: ${stats(view.serverPart)}, min ${fmt(view.serverPart.length ? Math.min(...view.serverPart) : undefined)} ms; stamped → received by the client: ${stats(view.wirePart)}`,
      );
      console.log(
        `    ${view.deltas} deltas in the phase, ${(view.deltaEntries / Math.max(1, view.deltas)).toFixed(1)} entries per delta, ${gaps} seq gaps (resynced); goal p50 ≤ 50 ms, p99 ≤ 150 ms`,
      );
    }
  }

  // ---------------------------------------------------------------- 2. fan-out
  if (requestedClients > 0) {
    const fdLimit = openFilesLimit();
    // The server holds one descriptor per client plus its own (database, HTTP, files); keep a margin.
    const clients = Math.max(0, Math.min(requestedClients, fdLimit - 512));
    const nWorkers = Math.min(workerCount, Math.max(1, Math.ceil(clients / 100)));
    console.log(
      `live fan-out: ${requestedClients} clients requested; open-files limit ${fdLimit} per process (ulimit -n)` +
        (clients < requestedClients ? ` → only ${clients} clients fit, using those` : '') +
        `; ${nWorkers} client worker processes, connected in waves of ${waveSize}`,
    );
    const rssBefore = memory();

    const replies = new Map(); // worker → queue of resolvers
    for (let w = 0; w < nWorkers; w++) {
      const worker = fork('test/bench/live-fanout-worker.mjs', [url, adminToken], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      replies.set(worker, []);
      worker.on('message', (message) => replies.get(worker).shift()?.(message));
      worker.on('exit', () => {
        for (const resolve of replies.get(worker).splice(0)) resolve(null);
      });
      workers.push(worker);
    }
    const ask = (worker, message, timeoutMs) =>
      new Promise((resolve) => {
        if (worker.exitCode !== null || !worker.connected) return resolve(null);
        const timer = setTimeout(() => resolve(null), timeoutMs);
        replies.get(worker).push((reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        worker.send(message);
      });

    let connected = 0;
    let failedToConnect = 0;
    const connectStarted = performance.now();
    const waves = Math.ceil(clients / waveSize);
    for (let wave = 0; wave < waves; wave++) {
      const n = Math.min(waveSize, clients - wave * waveSize);
      const shares = workers.map((_, w) => Math.floor(n / nWorkers) + (w < n % nWorkers ? 1 : 0));
      const answers = await Promise.all(
        workers.map((worker, w) =>
          shares[w] > 0 ? ask(worker, { cmd: 'connect', n: shares[w] }, 60_000) : { ok: 0, failed: 0 },
        ),
      );
      let waveFailed = 0;
      answers.forEach((a, w) => {
        connected += a?.ok ?? 0;
        waveFailed += a ? a.failed : shares[w];
      });
      failedToConnect += waveFailed;
      if (waveFailed > n / 2) {
        console.log(
          `  wave ${wave + 1}: ${waveFailed} of ${n} clients failed to connect — stopping the waves here`,
        );
        break;
      }
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await sleep(1_000);
    const rssWith = memory();

    // The window: workers record, the sender sends one small batch a second, the wall monitor notes
    // the seqs of scope `province` (the one the clients follow).
    const windowSeqs = [];
    const wallGapsBefore = wall.gaps;
    const onDelta = (delta, _t, _wall, isSnapshot) => {
      if (!isSnapshot && delta.scope === 'province') windowSeqs.push(delta.seq);
    };
    for (const worker of workers) worker.send({ cmd: 'measure' });
    await sleep(500);
    wall.listeners.add(onDelta);
    const serverTicks0 = cpuTicks(server.pid);
    const dbPids = childPids(server.pid);
    const dbTicks0 = dbPids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
    const load0 = loadavg()[0];
    const started = performance.now();
    const postLatencies = [];
    let failures = 0;
    for (let i = 0; i < seconds; i++) {
      const wait = started + i * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      try {
        const response = await post(receivedEvents(units[i % units.length], FANOUT_BATCH));
        await response.json();
        if (!response.ok) failures += 1;
      } catch {
        failures += 1;
      }
      postLatencies.push(performance.now() - t0);
    }
    await sleep(Math.max(0, started + seconds * 1000 - performance.now()) + 1_000); // let the last delta arrive
    const windowMs = performance.now() - started;
    const serverCpu = ((cpuTicks(server.pid) - serverTicks0) / TICKS_PER_S / (windowMs / 1000)) * 100;
    const dbCpu =
      ((dbPids.reduce((sum, pid) => sum + cpuTicks(pid), 0) - dbTicks0) / TICKS_PER_S / (windowMs / 1000)) *
      100;
    wall.listeners.delete(onDelta);
    const wallGaps = wall.gaps - wallGapsBefore;

    const from = windowSeqs[0];
    const to = windowSeqs.at(-1);
    const results =
      from === undefined
        ? []
        : await Promise.all(workers.map((worker) => ask(worker, { cmd: 'stop', from, to }, 60_000)));
    const samples = [];
    let missing = 0;
    let disconnects = 0;
    let measuredClients = 0;
    const workerCpu = [];
    const workerRss = [];
    for (const r of results) {
      if (!r) continue;
      for (const s of r.samples) samples.push(s);
      missing += r.missing;
      disconnects += r.disconnects;
      measuredClients += r.clients;
      workerCpu.push(r.cpuPercent.toFixed(0));
      workerRss.push(r.rssMb.toFixed(0));
    }

    console.log(
      `  connected ${connected} of ${clients} clients (${failedToConnect} failed, ${clients - connected - failedToConnect} not attempted) in ${connectSeconds.toFixed(1)} s`,
    );
    console.log(`  memory before the clients: ${rssBefore}`);
    console.log(`  memory with ${connected} clients:  ${rssWith}`);
    console.log(
      `  ${seconds} batches of ${FANOUT_BATCH} events, one a second (${failures} failed; POST latency ${stats(postLatencies)}); ${windowSeqs.length} deltas of scope province (seq ${from ?? '-'}…${to ?? '-'}${wallGaps ? `, ${wallGaps} gaps seen by the monitor` : ''})`,
    );
    console.log(
      `  delta.at → receipt on each client: ${samples.length ? stats(samples) : 'no samples'} (${samples.length.toLocaleString('en')} samples over ${measuredClients} clients; ${missing} deliveries missing, ${disconnects} disconnects during the window)`,
    );
    console.log(
      `  CPU during the window: server ${serverCpu.toFixed(0)} %, embedded database ${dbCpu.toFixed(0)} %, client workers ${workerCpu.join(' / ')} % (of one core each; worker RSS ${workerRss.join(' / ')} MiB)`,
    );
    console.log(
      `  caveat: clients, server and database share this machine — ${availableParallelism()} CPUs, cgroup cpu.max ${cgroupCpuMax()}, load average ${load0.toFixed(2)} at the start of the window; client-side queueing is part of the figures`,
    );
  }
} finally {
  for (const monitor of monitors) monitor.socket.close();
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
          const timer = setTimeout(() => worker.kill('SIGKILL'), 5_000);
          worker.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          if (worker.connected) worker.send({ cmd: 'exit' });
          else worker.kill('SIGTERM');
        }),
    ),
  );
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
