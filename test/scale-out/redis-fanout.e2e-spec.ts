import { io, type Socket } from 'socket.io-client';
import { createSharedTestDatabase, type SharedTestDatabase } from '@ioc/server/dist/testing/test-database';
import { TEST_ADMIN_TOKEN } from '@ioc/server/dist/testing/test-server';
import type {
  CreatedIngestKey,
  LiveAlertsUpdate,
  LiveClientToServerEvents,
  LiveDelta,
  LiveFeedUpdate,
  LiveServerToClientEvents,
  LiveSnapshot,
} from '@ioc/shared';
import { ServerProcess } from '../support/server-process';
import { until } from '../support/until';

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** `.ci/run` makes sure a Redis answers here. */
const REDIS_URL = process.env.IOC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A wall on one server process: follows the province scope like the dashboard does. */
class Wall {
  snapshot: LiveSnapshot | null = null;
  readonly deltas: LiveDelta[] = [];
  private constructor(readonly socket: LiveClient) {
    socket.on('live:snapshot', (s) => {
      this.snapshot = s;
      this.deltas.length = 0;
    });
    socket.on('live:delta', (d) => this.deltas.push(d));
    // A heartbeat of another numbering (a new leader) means: ask for a fresh snapshot.
    socket.on('live:heartbeat', (h) => {
      if (this.snapshot && h.stream !== this.snapshot.stream)
        socket.emit('live:resync', { scope: 'province' });
    });
  }
  static async open(url: string): Promise<Wall> {
    const wall = new Wall(
      io(`${url}/live`, {
        transports: ['websocket'],
        forceNew: true,
        extraHeaders: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      }),
    );
    await until(() => wall.socket.connected, 10_000, 'the connection');
    expect(await wall.socket.timeout(10_000).emitWithAck('live:subscribe', { scopes: ['province'] })).toEqual(
      {
        ok: true,
      },
    );
    return wall;
  }
  backlogOf(unit: string): number | undefined {
    let backlog = this.snapshot?.entries.find((e) => e.key === `unit:${unit}`)?.figures.backlog;
    for (const delta of this.deltas) {
      backlog = delta.entries.find((e) => e.key === `unit:${unit}`)?.figures.backlog ?? backlog;
    }
    return backlog;
  }
}

async function post(server: ServerProcess, unit: string, code: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      {
        id: `scale-out-${code}`,
        unit,
        type: 'dossier.received',
        at: new Date(Date.now() - 60_000).toISOString(),
        dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'online' },
      },
    ]),
  });
  expect(response.status).toBe(200);
}

async function liveRole(server: ServerProcess): Promise<string> {
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { live: string };
  return health.live;
}

/**
 * Two server processes behind one database and one Redis: the fan-out is shared through the
 * socket.io Redis adapter, and one process (the lease holder) numbers the figures for all.
 */
describe('scale-out over Redis', () => {
  let database: SharedTestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;
  const walls: Wall[] = [];

  beforeAll(async () => {
    // On the embedded engine each process keeps one connection to its one session.
    database = await createSharedTestDatabase();
    const env = { ...database.env, REDIS_URL };
    first = await ServerProcess.start(env);
    second = await ServerProcess.start(env);
  });
  afterAll(async () => {
    for (const wall of walls) wall.socket.disconnect();
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  it('a dossier posted to one process reaches the walls of both, in one numbering', async () => {
    const onFirst = await Wall.open(first.url);
    const onSecond = await Wall.open(second.url);
    walls.push(onFirst, onSecond);
    expect(onSecond.snapshot!.stream).toBe(onFirst.snapshot!.stream);

    await post(first, '24781', 'SO-1');
    await until(() => onSecond.backlogOf('24781') === 1, 5_000, 'the delta on the other process');
    await post(second, '22918', 'SO-2');
    await until(
      () => onFirst.backlogOf('22918') === 1 && onSecond.backlogOf('22918') === 1,
      5_000,
      'the change ingested by the follower, on both',
    );
    const seqs = (wall: Wall) => wall.deltas.map((d) => `${d.stream}/${d.seq}`);
    expect(seqs(onSecond)).toEqual(seqs(onFirst));
  });

  it('a key revoked on one process is refused by the other at once (the revocation goes over Redis)', async () => {
    const admin = (server: ServerProcess, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const created = (await (
      await admin(first, 'POST', '/api/v1/admin/keys', { name: 'to revoke', unit: '24781' })
    ).json()) as CreatedIngestKey;
    const sendWith = (server: ServerProcess) =>
      fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
        body: '[]',
      }).then((r) => r.status);
    // The second process has the key in its cache (trusted for 30 s without asking the database).
    expect(await sendWith(second)).toBe(200);
    expect((await admin(first, 'DELETE', `/api/v1/admin/keys/${created.id}`)).status).toBe(204);
    // Before, the other process kept accepting the key for up to 30 s.
    const deadline = Date.now() + 2_000;
    let status = await sendWith(second);
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await sendWith(second);
    }
    expect(status).toBe(401);
  });

  it('serves the whole scopes feed and alerts on every process, numbered by the leader', async () => {
    const [leader, follower] = (await liveRole(first)) === 'leading' ? [first, second] : [second, first];
    const openWall = async (server: ServerProcess) => {
      const socket: LiveClient = io(`${server.url}/live`, {
        transports: ['websocket'],
        forceNew: true,
        extraHeaders: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      const feeds: LiveFeedUpdate[] = [];
      const alerts: LiveAlertsUpdate[] = [];
      socket.on('live:feed', (update) => feeds.push(update));
      socket.on('live:alerts', (update) => alerts.push(update));
      await until(() => socket.connected, 10_000, 'the connection');
      expect(
        await socket.timeout(10_000).emitWithAck('live:subscribe', { scopes: ['feed', 'alerts'] }),
      ).toEqual({
        ok: true,
      });
      return { socket, feeds, alerts };
    };
    const onLeader = await openWall(leader);
    const onFollower = await openWall(follower);
    try {
      await until(() => onFollower.feeds.length === 1 && onFollower.alerts.length === 1, 10_000, 'snapshots');
      expect(onFollower.feeds[0]!.stream).toBe(onLeader.feeds[0]!.stream);

      // A low rating ingested by the follower reaches the feed of both walls.
      const send = (events: unknown[]) =>
        fetch(`${follower.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${follower.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(events),
        });
      const at = new Date().toISOString();
      await send([
        { id: 'so-rating', unit: '24781', type: 'feedback.submitted', at, rating: 2, source: 'portal' },
      ]);
      const rated = (wall: { feeds: LiveFeedUpdate[] }) =>
        wall.feeds.at(-1)?.feed.lowRatings.some((r) => r.id === 'so-rating') ?? false;
      await until(() => rated(onLeader) && rated(onFollower), 5_000, 'the rating in both feeds');

      // An anomaly, evaluated after its live change under the default threshold (20): no alert.
      await send([
        {
          id: 'so-ghost',
          unit: '22918',
          type: 'dossier.assigned',
          at,
          dossier: { code: 'SO-GHOST' },
          department: 'Tư pháp',
        },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const storm = (wall: { alerts: LiveAlertsUpdate[] }) =>
        wall.alerts.at(-1)?.alerts.some((a) => a.rule === 'anomaly-storm' && a.unitCodes[0] === '22918') ??
        false;
      expect(storm(onLeader)).toBe(false);
      // The rule edited on the follower: the leader evaluates again at once (not at its next minute).
      const edited = await fetch(`${follower.url}/api/v1/admin/alert-rules/anomaly-storm`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'anomaly-storm',
          severity: 'warning',
          params: { windowMinutes: 60, minAnomalies: 1 },
        }),
      });
      expect(edited.status).toBe(200);
      await until(() => storm(onLeader) && storm(onFollower), 3_000, 'the alert on both walls');
    } finally {
      onLeader.socket.disconnect();
      onFollower.socket.disconnect();
    }
  });

  it('when the leading process stops, the other takes over and its walls resync to a new numbering', async () => {
    const [leader, follower] = (await liveRole(first)) === 'leading' ? [first, second] : [second, first];
    expect(await liveRole(follower)).toBe('following');
    const wall = walls[leader === first ? 1 : 0]!;
    const oldStream = wall.snapshot!.stream;
    await leader.close(); // releases the lease at once, as in a rolling deploy
    await until(() => wall.snapshot!.stream !== oldStream, 15_000, 'a snapshot of the new leader');
    expect(await liveRole(follower)).toBe('leading');
    expect(wall.backlogOf('24781')).toBe(1);
    await post(follower, '24781', 'SO-3');
    await until(() => wall.backlogOf('24781') === 2, 5_000, 'a delta from the new leader');
  });
});
