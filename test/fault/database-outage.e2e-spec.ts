import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedDatabase } from '@ioc/db';
import {
  createSharedTestDatabase,
  TEST_ENGINE,
  type SharedTestDatabase,
} from '@ioc/server/dist/testing/test-database';
import type { IngestEvent } from '@ioc/shared';
import { EventFactory } from '../support/events';
import { call, type HttpAnswer } from '../support/http';
import { mulberry32 } from '../support/prng';
import { ServerProcess } from '../support/server-process';
import { TcpProxy, type CutOptions } from '../support/tcp-proxy';

// The e2e project's testTimeout does not reach a test run by path; the outage itself takes seconds.
jest.setTimeout(120_000);

const BATCH = 100;
const OUTAGE_MS = 3_000;
/** "503 the database is unreachable: nothing was stored, try again", and quickly. */
const ANSWER_503_WITHIN_MS = 1_000;
/** Ingest resumes by itself this soon after the database is back. */
const RESUME_WITHIN_MS = 5_000;
const PREFIX = `outage${process.pid}`;

interface Sent {
  events: IngestEvent[];
  startedAt: number;
  answeredAt: number;
  /** 0 when no answer came (a hang or a dropped connection). */
  status: number;
  json: unknown;
  ms: number;
  error?: string;
}

interface Counts {
  accepted: number;
  duplicate: number;
  rejected: unknown[];
}

const countsOf = (json: unknown): Counts => json as Counts;

/** `[503, 503, 200]` → `503×2, 200×1`: the statuses of a run, readable in a failure. */
function runLengths(statuses: number[]): string {
  const runs: [number, number][] = [];
  for (const status of statuses) {
    const last = runs[runs.length - 1];
    if (last && last[0] === status) last[1] += 1;
    else runs.push([status, 1]);
  }
  return runs.map(([status, n]) => `${status}×${n}`).join(', ');
}

/** A whole outage: the test's database, a proxy, a server process; `cut` says how the proxy drops connections. */
async function outage(target: CutOptions['target']): Promise<void> {
  let db: SharedTestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let t: ServerProcess | undefined;
  try {
    db = await createSharedTestDatabase();
    const url = new URL(db.url);
    proxy = await TcpProxy.start(Number(url.port));
    url.port = String(proxy.port);
    // Every connection goes through the proxy (on the embedded engine, a pool of one). The server
    // runs in a process of its own, as in production, so that a crash would show.
    t = await ServerProcess.start({ ...db.env, DATABASE_URL: url.toString() });
    await scenario(t, proxy, target);
  } finally {
    await t?.close();
    await proxy?.close();
    await db?.drop();
  }
}

async function scenario(t: ServerProcess, proxy: TcpProxy, target: CutOptions['target']): Promise<void> {
  const post = (events: readonly IngestEvent[]): Promise<HttpAnswer> =>
    call(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
      timeoutMs: 10_000,
    });
  const storedIds = async (): Promise<string[]> =>
    (
      await t.query<{ id: string }>(
        `SELECT id FROM dossier_events WHERE id LIKE $1 UNION ALL SELECT id FROM feedback WHERE id LIKE $1`,
        [`${PREFIX}-%`],
      )
    ).map((r) => r.id);

  const factory = new EventFactory(mulberry32(7), PREFIX);
  const sent: Sent[] = [];
  let stop = false;
  const sender = (async () => {
    while (!stop) {
      const events = Array.from({ length: BATCH }, () => factory.next());
      const startedAt = performance.now();
      const record: Sent = await post(events).then(
        (a) => ({
          events,
          startedAt,
          answeredAt: performance.now(),
          status: a.status,
          json: a.json,
          ms: a.ms,
        }),
        (error: Error) => ({
          events,
          startedAt,
          answeredAt: performance.now(),
          status: 0,
          json: undefined,
          ms: performance.now() - startedAt,
          error: error.message,
        }),
      );
      sent.push(record);
      // A polite client backs off a little after a 503; it still asks several times a second.
      if (record.status !== 200) await sleep(50);
    }
  })();
  const okAfter = (since: number) => sent.filter((s) => s.startedAt >= since && s.status === 200).length;
  const waitFor = async (condition: () => boolean, withinMs: number) => {
    const until = performance.now() + withinMs;
    while (!condition() && performance.now() < until) await sleep(10);
  };

  await waitFor(() => okAfter(0) >= 5, 30_000);
  const cutStarted = performance.now();
  await proxy.cut({ target });
  const cutDone = performance.now();
  await sleep(OUTAGE_MS / 2);
  const healthDown = await call(`${t.url}/api/health`, { timeoutMs: 5_000 });
  await sleep(OUTAGE_MS / 2);
  const restoreStarted = performance.now();
  await proxy.restore();
  const restored = performance.now();
  await waitFor(() => okAfter(restored) >= 10, RESUME_WITHIN_MS + 5_000);
  stop = true;
  await sender;

  // Every request got an answer, and only the contract's two.
  expect(
    sent.filter((s) => s.status !== 200 && s.status !== 503).map((s) => `${s.status} ${s.error ?? ''}`),
  ).toEqual([]);
  const during = sent.filter((s) => s.startedAt >= cutDone && s.answeredAt <= restoreStarted);
  expect(during.length).toBeGreaterThanOrEqual(10);
  expect(during.filter((s) => s.status !== 503).map((s) => s.status)).toEqual([]);
  const all503 = sent.filter((s) => s.status === 503);
  const worst503 = Math.max(...all503.map((s) => s.ms));
  expect(all503.filter((s) => s.ms > ANSWER_503_WITHIN_MS).map((s) => Math.round(s.ms))).toEqual([]);
  expect(
    all503.filter((s) => typeof (s.json as { message?: unknown } | undefined)?.message !== 'string'),
  ).toEqual([]);
  expect({ status: healthDown.status, fast: healthDown.ms < ANSWER_503_WITHIN_MS }).toEqual({
    status: 503,
    fast: true,
  });

  // Back by itself: the first request after the restore that succeeds does so within seconds,
  // and from then on every request succeeds.
  const after = sent.filter((s) => s.startedAt >= restored);
  expect(runLengths(after.map((s) => s.status))).toMatch(/^(503×\d+, )?200×\d+$/);
  const firstOk = after.find((s) => s.status === 200)!;
  const resumedAfterMs = firstOk.answeredAt - restored;
  expect(resumedAfterMs).toBeLessThan(RESUME_WITHIN_MS);

  // Each 200 counted its 100 fresh events; each 503 left its batch wholly absent, or (only for the
  // request cut while it was committing) wholly stored: never half a batch.
  const ok = sent.filter((s) => s.status === 200);
  expect(ok.filter((s) => countsOf(s.json).accepted !== BATCH).map((s) => s.json)).toEqual([]);
  const sumAccepted = ok.reduce((sum, s) => sum + countsOf(s.json).accepted, 0);
  const stored = new Set(await storedIds());
  const failed = sent.filter((s) => s.status === 503);
  const presentPerFailed = failed.map((s) => s.events.filter((e) => stored.has(e.id)).length);
  expect(presentPerFailed.filter((n) => n !== 0 && n !== BATCH)).toEqual([]);
  expect(
    failed.filter((s, i) => s.startedAt >= cutDone && presentPerFailed[i] !== 0).map((s) => s.startedAt),
  ).toEqual([]);
  const storedDespite503 = presentPerFailed.reduce((sum, n) => sum + n, 0);
  expect(stored.size).toBe(sumAccepted + storedDespite503);

  // Resending what got a 503 stores it once: accepted when absent, duplicate when already there.
  let resentAccepted = 0;
  const resendProblems: string[] = [];
  for (const [i, s] of failed.entries()) {
    const answer = await post(s.events);
    const counts = countsOf(answer.json);
    const present = presentPerFailed[i]!;
    if (answer.status !== 200 || counts.accepted !== BATCH - present || counts.duplicate !== present)
      resendProblems.push(`${answer.status} ${answer.text.slice(0, 200)} (had ${present} stored)`);
    else resentAccepted += counts.accepted;
  }
  expect(resendProblems).toEqual([]);

  const generated = sent.flatMap((s) => s.events.map((e) => e.id));
  const finalIds = await storedIds();
  const twice = await t.query<{ id: string }>(
    `SELECT id FROM (SELECT id FROM dossier_events WHERE id LIKE $1 UNION ALL SELECT id FROM feedback WHERE id LIKE $1) e
       GROUP BY id HAVING count(*) > 1`,
    [`${PREFIX}-%`],
  );
  expect(twice).toEqual([]);
  expect(new Set(finalIds)).toEqual(new Set(generated));
  expect(finalIds.length).toBe(generated.length);
  expect(finalIds.length).toBe(sumAccepted + storedDespite503 + resentAccepted);

  const healthUp = await call(`${t.url}/api/health`, { timeoutMs: 5_000 });
  expect(healthUp.status).toBe(200);
  expect(t.exit).toBeNull();
  console.info(
    `outage: ${sent.length} requests (${ok.length} × 200, ${failed.length} × 503, ${during.length} wholly inside the outage), ` +
      `worst 503 ${worst503.toFixed(0)} ms, ingest back ${resumedAfterMs.toFixed(0)} ms after the restore, ` +
      `${storedDespite503 / BATCH} batch(es) committed despite their 503, ${generated.length} events stored once each; ` +
      `proxy took ${proxy.connectionsAccepted} connections; cut took ${(cutDone - cutStarted).toFixed(0)} ms`,
  );
}

describe('ingest while the database goes away and comes back', () => {
  it('answers 503 fast, resumes by itself and loses or doubles nothing (connections to the database closed)', () =>
    outage('close'));

  it('answers 503 fast, resumes by itself and loses or doubles nothing (connections to the database reset)', () =>
    outage('reset'));

  (TEST_ENGINE === 'embedded' ? it : it.skip)(
    'the embedded database takes a new connection after a client connection was reset',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ioc-reset-'));
      const db = await startEmbeddedDatabase({ dataDir: join(dir, 'pglite'), fresh: true });
      try {
        expect(await startupAnswer(db.port)).toBe('R'); // AuthenticationOk / a request for credentials
        const victim = await connected(db.port);
        await sleep(200); // the engine has taken the connection
        victim.resetAndDestroy();
        await sleep(300);
        expect(await startupAnswer(db.port)).toBe('R');
      } finally {
        await db.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The first byte of the answer to a PostgreSQL startup message, or what came instead. */
async function startupAnswer(port: number): Promise<string> {
  const socket = await connected(port);
  const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + parameters.length, 0);
  header.writeInt32BE(196608, 4); // protocol 3.0
  socket.write(Buffer.concat([header, parameters]));
  return new Promise((resolve) => {
    let answer = '';
    const timer = setTimeout(() => socket.destroy(), 3_000);
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => {
      answer = data[0] === 0x52 ? 'R' : data.toString('latin1').trim();
      socket.end(); // an orderly close: this probe must not reset a connection itself
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(answer === '' ? 'closed without an answer' : answer);
    });
  });
}
