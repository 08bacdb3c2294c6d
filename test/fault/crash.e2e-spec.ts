import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  addCalendarDays,
  RATED_TODAY_KEYS,
  vietnamDate,
  vietnamMidnight,
  type LiveClientToServerEvents,
  type LiveDelta,
  type LiveFigures,
  type LiveServerToClientEvents,
  type LiveSnapshot,
} from '@ioc/shared';
import {
  createSharedTestDatabase,
  TEST_SERVER_URL,
  type SharedTestDatabase,
} from '@ioc/server/dist/testing/test-database';
import { describeOnRealServer } from '../support/real-server';
import { freePort, ProductionServer } from '../support/production-server';
import { mulberry32, type Prng } from '../support/prng';
import { startRedis } from '../support/redis';
import { until } from '../support/until';

// The real-server tier: `kill -9` of the server process, a restart of the database server and
// of Redis, each while several senders ingest.
jest.setTimeout(600_000);

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789';
const HOUR = 3_600_000;
const UNITS = ['24781', '22918', '23041', '23173', '24617', '24718', '24841', '25063'];

interface Batch {
  events: Record<string, unknown>[];
  acknowledged: boolean;
  /** Whether a request of this batch is on the wire right now. */
  inFlight: boolean;
}

/** Whole lives of dossiers received today (some overdue, some resolved, some rated), in batches. */
class DossierLives {
  private next = 0;
  constructor(
    private readonly prefix: string,
    private readonly prng: Prng,
    private readonly now: number,
  ) {}

  private leftover: Record<string, unknown>[] = [];

  /** Exactly `size` events; a life cut at the end goes on in the next batch. */
  batch(size: number): Record<string, unknown>[] {
    const events = this.leftover;
    while (events.length < size) events.push(...this.life());
    this.leftover = events.splice(size);
    return events;
  }

  private life(): Record<string, unknown>[] {
    const n = (this.next += 1);
    const unit = UNITS[n % UNITS.length]!;
    const code = `${this.prefix}-${n}`;
    const id = (step: string) => `${code}-${step}`;
    const receivedAt = this.now - 3 * HOUR + Math.floor(this.prng.next() * HOUR);
    const overdue = this.prng.next() < 0.3;
    const at = (ms: number) => new Date(ms).toISOString();
    const events: Record<string, unknown>[] = [
      {
        id: id('recv'),
        unit,
        type: 'dossier.received',
        at: at(receivedAt),
        dossier: {
          code,
          procedure: '1.001193',
          field: 'civil-status',
          channel: this.prng.next() < 0.5 ? 'online' : 'direct',
          dueAt: at(overdue ? this.now - HOUR / 2 : this.now + 48 * HOUR),
        },
      },
      {
        id: id('assign'),
        unit,
        type: 'dossier.assigned',
        at: at(receivedAt + 60_000),
        dossier: { code },
        department: 'Tư pháp',
      },
    ];
    if (this.prng.next() < 0.5) {
      events.push({
        id: id('resolved'),
        unit,
        type: 'dossier.resolved',
        at: at(receivedAt + 20 * 60_000),
        dossier: { code },
      });
      if (this.prng.next() < 0.5) {
        events.push({
          id: id('fb'),
          unit,
          type: 'feedback.submitted',
          at: at(receivedAt + 30 * 60_000),
          rating: 1 + Math.floor(this.prng.next() * 5),
          source: 'kiosk',
          dossier: { code },
        });
      }
    }
    return events;
  }
}

/**
 * A commune's software: sends its batches one after the other and resends a batch until it is
 * acknowledged (200), whatever happened to the previous attempt (reset, refused, 503).
 */
class Sender {
  readonly batches: Batch[] = [];
  readonly statuses: number[] = [];
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly url: () => string,
    private readonly key: string,
    private readonly lives: DossierLives,
    private readonly batchSize: number,
  ) {
    this.done = this.run();
  }

  /** Stops after the batch in hand is acknowledged. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const batch: Batch = { events: this.lives.batch(this.batchSize), acknowledged: false, inFlight: false };
      this.batches.push(batch);
      const body = JSON.stringify(batch.events);
      while (!batch.acknowledged) {
        batch.inFlight = true;
        const status = await fetch(`${this.url()}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(30_000),
        }).then(
          async (response) => {
            await response.arrayBuffer();
            return response.status;
          },
          () => 0,
        );
        batch.inFlight = false;
        this.statuses.push(status);
        // A refusal of the content would be refused again: a bug of the test or the server.
        if (status >= 400 && status < 500 && status !== 429)
          throw new Error(`a batch was refused with ${status}`);
        if (status === 200) batch.acknowledged = true;
        else await sleep(status === 0 ? 100 : 250);
      }
    }
  }
}

/** What the database holds of the test's events, read straight from its tables. */
class Ledger {
  constructor(private readonly client: Client) {}

  /** Ids stored in the event log (dossier events and ratings), with how many times each. */
  async storedIds(): Promise<Map<string, number>> {
    const { rows } = await this.client.query<{ id: string; n: number }>(
      `SELECT id, count(*)::int AS n FROM (SELECT id FROM dossier_events UNION ALL SELECT id FROM feedback) e GROUP BY id`,
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  async claimedIds(): Promise<Set<string>> {
    const { rows } = await this.client.query<{ id: string }>('SELECT id FROM ingested_event_ids');
    return new Set(rows.map((r) => r.id));
  }

  /** The wall's province figures, counted again from the raw event log alone. */
  async recount(now: number): Promise<ProvinceFigures> {
    const today = vietnamDate(now);
    const { rows } = await this.client.query<RecountRow>(
      `WITH receipts AS (
         SELECT DISTINCT ON (unit_code, dossier_code) unit_code, dossier_code, at AS received_at,
                (event->'dossier'->>'dueAt')::timestamptz AS due_at
         FROM dossier_events WHERE type = 'dossier.received' ORDER BY unit_code, dossier_code, at
       ),
       history AS (
         SELECT unit_code, dossier_code, min(at) FILTER (WHERE type = 'dossier.resolved') AS resolved_at
         FROM dossier_events GROUP BY 1, 2
       )
       SELECT count(*) FILTER (WHERE h.resolved_at IS NULL)::int AS backlog,
              count(*) FILTER (WHERE h.resolved_at IS NULL AND r.due_at <= $1)::int AS overdue,
              count(*) FILTER (WHERE r.received_at >= $2)::int AS received_today,
              count(*) FILTER (WHERE h.resolved_at >= $2)::int AS resolved_today,
              (SELECT count(*) FROM feedback WHERE at >= $2)::int AS ratings_today,
              (SELECT coalesce(sum(rating), 0) FROM feedback WHERE at >= $2)::int AS rating_sum_today,
              (SELECT ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                            count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                            count(*) FILTER (WHERE rating = 5)]::int[]
               FROM feedback WHERE at >= $2) AS rated_today,
              count(*) FILTER (WHERE r.received_at >= $3)::int AS received_30d
       FROM receipts r JOIN history h USING (unit_code, dossier_code)`,
      [
        new Date(now),
        new Date(vietnamMidnight(today)),
        new Date(vietnamMidnight(addCalendarDays(today, -29))),
      ],
    );
    const row = rows[0]!;
    return {
      backlog: row.backlog,
      overdue: row.overdue,
      receivedToday: row.received_today,
      resolvedToday: row.resolved_today,
      ratingsToday: row.ratings_today,
      ratingSumToday: row.rating_sum_today,
      ratedToday: row.rated_today,
      received30d: row.received_30d,
    };
  }
}

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A wall on one server: the province scope, snapshot plus deltas, resynced on a new numbering. */
class Wall {
  private snapshot: LiveSnapshot | null = null;
  private deltas: LiveDelta[] = [];
  readonly socket: LiveClient;

  constructor(url: string) {
    this.socket = io(`${url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      extraHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    this.socket.on('connect', () => void this.socket.emit('live:subscribe', { scopes: ['province'] }));
    this.socket.on('live:snapshot', (snapshot) => {
      this.snapshot = snapshot;
      this.deltas = [];
    });
    this.socket.on('live:delta', (delta) => {
      if (this.snapshot && delta.stream === this.snapshot.stream) this.deltas.push(delta);
    });
    this.socket.on('live:heartbeat', (heartbeat) => {
      if (this.snapshot && heartbeat.stream !== this.snapshot.stream)
        this.socket.emit('live:resync', { scope: 'province' });
    });
  }

  get stream(): string | undefined {
    return this.snapshot?.stream;
  }

  /** An entry's figures as the wall shows them now (its snapshot with every delta applied). */
  figures(key: string): Partial<LiveFigures> | undefined {
    let figures: Partial<LiveFigures> | undefined = this.snapshot?.entries.find(
      (e) => e.key === key,
    )?.figures;
    for (const delta of this.deltas) {
      const patch = delta.entries.find((e) => e.key === key);
      if (patch) figures = { ...figures, ...patch.figures };
    }
    return figures;
  }

  close(): void {
    this.socket.disconnect();
  }
}

interface RecountRow {
  backlog: number;
  overdue: number;
  received_today: number;
  resolved_today: number;
  ratings_today: number;
  rating_sum_today: number;
  /** Ratings of today per level, 1 to 5. */
  rated_today: number[];
  received_30d: number;
}

/** The province figures the crash tests compare, in the order the recount gives them. */
interface ProvinceFigures {
  backlog: number;
  overdue: number;
  receivedToday: number;
  resolvedToday: number;
  ratingsToday: number;
  ratingSumToday: number;
  ratedToday: number[];
  received30d: number;
}

/** The province figures the wall shows, in the recount's terms. */
function shownByWall(wall: Wall): ProvinceFigures | null {
  const f = wall.figures('province:province');
  if (!f) return null;
  const n = (value: number | undefined) => value ?? 0;
  return {
    backlog: n(f.backlog),
    overdue: n(f.overdue),
    receivedToday: n(f.receivedToday),
    resolvedToday: n(f.resolvedEarlyToday) + n(f.resolvedOnTimeToday) + n(f.resolvedLateToday),
    ratingsToday: n(f.ratingsToday),
    ratingSumToday: n(f.ratingSumToday),
    ratedToday: RATED_TODAY_KEYS.map((key) => n(f[key])),
    received30d: n(f.received30d),
  };
}

async function expectWallEqualsRecount(wall: Wall, ledger: Ledger): Promise<void> {
  let last = '';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const recounted = await ledger.recount(Date.now());
    const shown = shownByWall(wall);
    last = `wall ${JSON.stringify(shown)} vs recount ${JSON.stringify(recounted)}`;
    if (shown && JSON.stringify(shown) === JSON.stringify(recounted)) return;
    await sleep(250);
  }
  throw new Error(`the wall never showed the recount: ${last}`);
}

/** After everything: each acknowledged event stored exactly once, and no claim without its event. */
async function expectExactlyOnce(ledger: Ledger, senders: Sender[]): Promise<number> {
  const stored = await ledger.storedIds();
  const claimed = await ledger.claimedIds();
  const acknowledged = senders.flatMap((s) =>
    s.batches.filter((b) => b.acknowledged).flatMap((b) => b.events),
  );
  const twice = [...stored].filter(([, n]) => n > 1).map(([id]) => id);
  expect(twice).toEqual([]);
  const missing = acknowledged.map((e) => e.id as string).filter((id) => !stored.has(id));
  expect(missing).toEqual([]);
  // An id is claimed in the same transaction that stores its event: never one without the other.
  expect([...claimed].filter((id) => !stored.has(id))).toEqual([]);
  expect([...stored.keys()].filter((id) => !claimed.has(id))).toEqual([]);
  return acknowledged.length;
}

/** A batch is stored whole or not at all: checked while the server is down, for those it was handling. */
function expectWholeOrNothing(stored: Map<string, number>, batches: Batch[]): void {
  for (const batch of batches) {
    const n = batch.events.filter((e) => stored.has(e.id as string)).length;
    // Events of a batch may have been stored by an earlier, acknowledged batch only if ids
    // repeated; they never do here, so a partial count is a half-written request.
    expect([0, batch.events.length]).toContain(n);
  }
}

describeOnRealServer('crashes on the real server', () => {
  let database: SharedTestDatabase;
  let ledgerClient: Client;
  let ledger: Ledger;
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-crash-'));

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    ledgerClient = new Client({ connectionString: database.url });
    await ledgerClient.connect();
    ledgerClient.on('error', () => undefined);
    ledger = new Ledger(ledgerClient);
  });
  afterAll(async () => {
    await ledgerClient?.end().catch(() => undefined);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const serverEnv = (extra: Record<string, string> = {}) => ({
    ...database.env,
    IOC_ADMIN_TOKEN: ADMIN_TOKEN,
    IOC_DATA_DIR: dataDir,
    IOC_LOG_LEVEL: 'warn',
    ...extra,
  });

  it('kill -9 at random moments, 20 times, while four senders ingest: every acknowledged event stored once, no request half-stored, the wall equals the recount', async () => {
    const prng = mulberry32(20261203);
    const server = new ProductionServer(await freePort(), serverEnv());
    await server.start();
    const key = await server.createIngestKey(ADMIN_TOKEN);
    const now = Date.now();
    const senders = [
      new Sender(() => server.url, key, new DossierLives('k9a', prng, now), 300),
      new Sender(() => server.url, key, new DossierLives('k9b', prng, now), 300),
      new Sender(() => server.url, key, new DossierLives('k9c', prng, now), 1_000),
      // A full request: 10,000 events, killed in the middle now and then.
      new Sender(() => server.url, key, new DossierLives('k9d', prng, now), 10_000),
    ];
    const big = senders[3]!;
    let killedDuringBigRequest = 0;
    for (let kill = 0; kill < 20; kill++) {
      if (kill % 2 === 0) {
        await until(() => big.batches.at(-1)?.inFlight === true, 30_000, 'a 10,000-event request in flight');
        await sleep(20 + Math.floor(prng.next() * 150));
        if (big.batches.at(-1)?.inFlight) killedDuringBigRequest += 1;
      } else {
        await sleep(300 + Math.floor(prng.next() * 1200));
      }
      await server.stop('SIGKILL');
      const inFlight = senders.flatMap((s) => s.batches.filter((b) => !b.acknowledged));
      expectWholeOrNothing(await ledger.storedIds(), inFlight);
      await server.start();
    }
    await Promise.all(senders.map((s) => s.stop()));
    const acknowledged = await expectExactlyOnce(ledger, senders);
    expect(acknowledged).toBeGreaterThan(20_000);
    expect(killedDuringBigRequest).toBeGreaterThan(0);

    const wall = new Wall(server.url);
    try {
      await expectWallEqualsRecount(wall, ledger);
    } finally {
      wall.close();
      await server.stop('SIGTERM');
    }
  });

  it('SIGTERM while senders ingest: exits within 10 s, in-flight batches answered or refused, nothing lost or doubled', async () => {
    const prng = mulberry32(7);
    const server = new ProductionServer(await freePort(), serverEnv());
    await server.start();
    const key = await server.createIngestKey(ADMIN_TOKEN);
    const now = Date.now();
    const senders = [
      new Sender(() => server.url, key, new DossierLives('term-a', prng, now), 1_000),
      new Sender(() => server.url, key, new DossierLives('term-b', prng, now), 1_000),
      new Sender(() => server.url, key, new DossierLives('term-c', prng, now), 10_000),
    ];
    const wall = new Wall(server.url);
    try {
      await until(() => senders[2]!.batches.at(-1)?.inFlight === true, 30_000, 'a large request in flight');
      await sleep(100);
      const stopped = await server.stop('SIGTERM');
      expect(stopped).toMatchObject({ code: 0 });
      expect(stopped.ms).toBeLessThan(10_000);
      // Nothing half-stored while the server is gone.
      expectWholeOrNothing(
        await ledger.storedIds(),
        senders.flatMap((s) => s.batches.filter((b) => !b.acknowledged)),
      );
      // The wall was told to go elsewhere: it lost its connection instead of waiting on a dead one.
      await until(() => !wall.socket.connected, 5_000, 'the wall dropped');
      await server.start();
      await Promise.all(senders.map((s) => s.stop()));
      await expectExactlyOnce(ledger, senders);
      // It reconnected by itself and shows the recount.
      await expectWallEqualsRecount(wall, ledger);
    } finally {
      wall.close();
      await server.stop('SIGTERM');
    }
  });

  it('the database server restarted under load: 503 while it is down, ingest resumes by itself, nothing lost or doubled', async () => {
    const restart = timescaleServerRestart();
    if (!restart) return;
    const prng = mulberry32(99);
    const server = new ProductionServer(await freePort(), serverEnv());
    await server.start();
    const key = await server.createIngestKey(ADMIN_TOKEN);
    const now = Date.now();
    const senders = [
      new Sender(() => server.url, key, new DossierLives('db-a', prng, now), 500),
      new Sender(() => server.url, key, new DossierLives('db-b', prng, now), 500),
    ];
    try {
      await sleep(1_500);
      const before = senders.map((s) => s.statuses.length);
      restart();
      await sleep(3_000);
      await ledgerClient.end().catch(() => undefined);
      ledgerClient = new Client({ connectionString: database.url });
      await ledgerClient.connect();
      ledgerClient.on('error', () => undefined);
      ledger = new Ledger(ledgerClient);
      const resumed = senders.map((s) => s.batches.filter((b) => b.acknowledged).length);
      await until(
        () => senders.every((s, i) => s.batches.filter((b) => b.acknowledged).length > resumed[i]! + 2),
        30_000,
        'ingest resumed by itself',
      );
      await Promise.all(senders.map((s) => s.stop()));
      const during = senders.flatMap((s, i) => s.statuses.slice(before[i]));
      // While the database was away: 503 (or a reset), never a 500 and never a hang.
      expect(during.filter((s) => s !== 200 && s !== 503 && s !== 0)).toEqual([]);
      expect(during).toContain(503);
      await expectExactlyOnce(ledger, senders);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop('SIGTERM');
    }
  });

  it('Redis killed: each replica keeps serving its own walls; when Redis returns one leads again and both walls follow it', async () => {
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const env = serverEnv({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    const first = new ProductionServer(await freePort(), env);
    const second = new ProductionServer(await freePort(), env);
    await first.start();
    await second.start();
    const key = await first.createIngestKey(ADMIN_TOKEN);
    const walls = [new Wall(first.url), new Wall(second.url)];
    const health = async (server: ProductionServer) =>
      (await (await fetch(`${server.url}/api/health`)).json()) as { live: string; redis: string };
    const backlogOf = (wall: Wall, unit: string) => wall.figures(`unit:${unit}`)?.backlog ?? -1;
    const post = (server: ProductionServer, unit: string, code: string) =>
      fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            id: `redis-${code}`,
            unit,
            type: 'dossier.received',
            at: new Date(Date.now() - HOUR).toISOString(),
            dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'online' },
          },
        ]),
      }).then((r) => r.status);
    try {
      await until(() => walls.every((w) => w.stream !== undefined), 15_000, 'both walls subscribed');
      expect(walls[1]!.stream).toBe(walls[0]!.stream);
      const before = walls.map((w) => backlogOf(w, '24781'));

      redis.kill('SIGKILL');
      await sleep(500);
      expect(await post(first, '24781', 'R-1')).toBe(200);
      expect(await post(second, '24781', 'R-2')).toBe(200);
      // Each process serves its own wall: the follower leads alone once the lease would have run out.
      for (const [i, wall] of walls.entries()) {
        await until(
          () => backlogOf(wall, '24781') === before[i]! + 2,
          30_000,
          `wall ${i + 1} follows ingest without Redis`,
        );
      }
      expect((await Promise.all([health(first), health(second)])).map((h) => [h.live, h.redis])).toEqual([
        ['leading', 'down'],
        ['leading', 'down'],
      ]);

      redis = await startRedis(redisPort);
      const roles = async () =>
        (await Promise.all([health(first), health(second)])).map((h) => h.live).sort();
      const deadline = Date.now() + 30_000;
      while (JSON.stringify(await roles()) !== JSON.stringify(['following', 'leading'])) {
        if (Date.now() > deadline)
          throw new Error(`no single leader after Redis returned: ${JSON.stringify(await roles())}`);
        await sleep(200);
      }
      await until(
        () => walls[0]!.stream !== undefined && walls[0]!.stream === walls[1]!.stream,
        30_000,
        'one numbering on both walls',
      );
      expect(await post(second, '24781', 'R-3')).toBe(200);
      for (const [i, wall] of walls.entries()) {
        await until(
          () => backlogOf(wall, '24781') === before[i]! + 3,
          15_000,
          `wall ${i + 1} after Redis returned`,
        );
      }
    } finally {
      for (const wall of walls) wall.close();
      await first.stop('SIGTERM');
      await second.stop('SIGTERM');
      redis.kill('SIGKILL');
    }
  });
});

/**
 * Restarts the tier's throwaway TimescaleDB server (`test/timescaledb/server.sh`) the hard way
 * (`pg_ctl restart -m immediate`: every connection dropped, crash recovery on start), or says why not.
 */
function timescaleServerRestart(): (() => void) | null {
  const script = join(__dirname, '../timescaledb/server.sh');
  const url = spawnSync(script, ['url'], { encoding: 'utf8' }).stdout.trim();
  if (!TEST_SERVER_URL || new URL(TEST_SERVER_URL).port !== new URL(url).port) {
    console.warn(`not restarting ${TEST_SERVER_URL}: it is not the tier's own server (${url})`);
    return null;
  }
  return () => {
    const child = spawn(script, ['restart'], { stdio: 'ignore' });
    child.unref();
  };
}
