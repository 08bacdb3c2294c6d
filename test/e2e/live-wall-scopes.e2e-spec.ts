import { io, type Socket } from 'socket.io-client';
import type {
  LiveAck,
  LiveAlertsUpdate,
  LiveClientToServerEvents,
  LiveFeedUpdate,
  LiveHeartbeat,
  LiveServerToClientEvents,
  WallAlert,
  WallFeed,
} from '@ioc/shared';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { sampleSlot } from '@ioc/server/dist/live/backlog-sampler.service';
import { until } from '../support/until';

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A wall's client of the whole scopes: every update replaces its copy. */
class WallClient {
  readonly feeds: LiveFeedUpdate[] = [];
  readonly alertUpdates: LiveAlertsUpdate[] = [];
  readonly heartbeats: LiveHeartbeat[] = [];
  constructor(readonly socket: LiveClient) {
    socket.on('live:feed', (update) => this.feeds.push(update));
    socket.on('live:alerts', (update) => this.alertUpdates.push(update));
    socket.on('live:heartbeat', (heartbeat) => this.heartbeats.push(heartbeat));
  }
  subscribe(scopes: string[]): Promise<LiveAck> {
    return this.socket.timeout(10_000).emitWithAck('live:subscribe', { scopes });
  }
  get feed(): WallFeed | undefined {
    return this.feeds.at(-1)?.feed;
  }
  get alerts(): WallAlert[] | undefined {
    return this.alertUpdates.at(-1)?.alerts;
  }
}

const MINUTE = 60_000;

/**
 * The wall's whole scopes over socket.io: `feed` (lists of names, not counts) and `alerts`
 * (rules kept as data), each a snapshot on subscribing, then whole updates numbered one by one.
 */
describe('the realtime scopes feed and alerts', () => {
  let t: TestServer;
  const sockets: LiveClient[] = [];
  /** A leader's session: the province's lists, comments included. */
  let cookie: string;
  const connect = async (): Promise<WallClient> => {
    const socket: LiveClient = io(`${t.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie },
    });
    sockets.push(socket);
    const client = new WallClient(socket);
    await until(() => socket.connected, 10_000, 'the connection');
    return client;
  };

  beforeAll(async () => {
    t = await startTestServer();
    cookie = (await t.session('leader')).cookie;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  /** Every update of a whole scope carries the next number of one stream. */
  const expectNumbered = (updates: { stream: string; seq: number }[]) => {
    updates.forEach((update, i) => {
      if (i === 0) return;
      expect(update.stream).toBe(updates[0]!.stream);
      expect(update.seq).toBe(updates[i - 1]!.seq + 1);
    });
  };

  it('puts a posted low rating at the top of the feed at once, with its comment', async () => {
    const wall = await connect();
    expect(await wall.subscribe(['feed'])).toEqual({ ok: true });
    await until(() => wall.feeds.length === 1, 10_000, 'the feed snapshot');
    expect(wall.feed).toEqual({
      lowRatings: [],
      turnedOverdue: [],
      resolvedLate: [],
      commentsWithheld: false,
    });
    await t.post([
      {
        id: 'wall-rating-1',
        unit: '24781',
        type: 'feedback.submitted',
        at: new Date().toISOString(),
        rating: 1,
        source: 'kiosk',
        comment: 'Cán bộ hẹn lại ba lần',
      },
    ]);
    await until(() => (wall.feed?.lowRatings.length ?? 0) > 0, 5_000, 'the rating in the feed');
    expect(wall.feed!.lowRatings[0]).toMatchObject({
      id: 'wall-rating-1',
      unitCode: '24781',
      rating: 1,
      comment: 'Cán bộ hẹn lại ba lần',
    });
    expectNumbered(wall.feeds);
    // A rating of 4 changes no list: nothing is sent.
    const sent = wall.feeds.length;
    await t.post([
      {
        id: 'wall-rating-2',
        unit: '24781',
        type: 'feedback.submitted',
        at: new Date().toISOString(),
        rating: 4,
        source: 'sms',
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(wall.feeds).toHaveLength(sent);
  });

  it('lists a dossier as turned overdue within seconds of its deadline, with no event arriving', async () => {
    const wall = await connect();
    await wall.subscribe(['feed']);
    await until(() => wall.feeds.length === 1, 10_000, 'the feed snapshot');
    const dueAt = Date.now() + 2_000;
    const receipt = aReceivedEvent('24787', {
      at: new Date(Date.now() - MINUTE).toISOString(),
      dossier: { dueAt: new Date(dueAt).toISOString() },
    });
    await t.post([receipt]);
    const listed = () =>
      wall.feed?.turnedOverdue.some((d) => d.dossierCode === receipt.dossier.code) ?? false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listed()).toBe(false);
    const seenAt = await until(listed, 10_000, 'the dossier turned overdue');
    expect(seenAt - dueAt).toBeLessThan(3_000);
    expect(wall.feed!.turnedOverdue[0]).toMatchObject({
      unitCode: '24787',
      dossierCode: receipt.dossier.code,
      procedureName: expect.any(String),
      dueAt: new Date(dueAt).toISOString(),
      resolvedAt: null,
    });
    expectNumbered(wall.feeds);
  });

  it('raises an alert for a unit gone silent and clears it when the unit sends again', async () => {
    const wall = await connect();
    await wall.subscribe(['alerts']);
    await until(() => wall.alertUpdates.length === 1, 10_000, 'the alerts snapshot');
    const silentIn = (alerts: WallAlert[] | undefined) =>
      alerts?.find((a) => a.rule === 'silent-units')?.unitCodes.includes('22954') ?? false;
    expect(silentIn(wall.alerts)).toBe(false);
    // Its last event was ten days ago: many office hours of silence.
    await t.post([
      aReceivedEvent('22954', { at: new Date(Date.now() - 10 * 24 * 60 * MINUTE).toISOString() }),
    ]);
    await until(() => silentIn(wall.alerts), 15_000, 'the silent-unit alert');
    const raised = wall.alerts!.find((a) => a.rule === 'silent-units')!;
    expect(raised).toMatchObject({
      kind: 'unit-silent',
      severity: 'warning',
      threshold: 1,
      windowMinutes: null,
    });
    expect(raised.value).toBe(raised.unitCodes.length);
    await t.post([aReceivedEvent('22954', { at: new Date().toISOString() })]);
    await until(() => !silentIn(wall.alerts), 15_000, 'the unit no longer silent');
    expectNumbered(wall.alertUpdates);
  });

  it('raises an overdue surge for a unit against its sample of an hour ago, and clears it', async () => {
    const wall = await connect();
    await wall.subscribe(['alerts']);
    await until(() => wall.alertUpdates.length === 1, 10_000, 'the alerts snapshot');
    const unit = '24778';
    // The 5-minute sample of an hour ago: nothing overdue then.
    await t.dataSource.query(
      `INSERT INTO unit_backlog_samples (at, unit_code, backlog, overdue, paused) VALUES ($1, $2, 0, 0, 0)`,
      [new Date(sampleSlot(Date.now() - 60 * MINUTE)), unit],
    );
    const surging = () =>
      wall.alerts?.find((a) => a.rule === 'overdue-surge-unit' && a.unitCodes[0] === unit);
    const overdue = Array.from({ length: 10 }, () =>
      aReceivedEvent(unit, {
        at: new Date(Date.now() - 3 * 24 * 60 * MINUTE).toISOString(),
        dossier: { dueAt: new Date(Date.now() - 24 * 60 * MINUTE).toISOString() },
      }),
    );
    expect((await t.post(overdue)).body.rejected).toEqual([]);
    await until(() => surging() !== undefined, 15_000, 'the surge alert');
    expect(surging()).toMatchObject({
      kind: 'overdue-surge',
      value: 10,
      baseline: 0,
      threshold: 10,
      windowMinutes: 60,
    });
    await t.post(
      overdue.map((receipt, i) => ({
        id: `surge-resolved-${i}`,
        unit,
        type: 'dossier.resolved',
        at: new Date().toISOString(),
        dossier: { code: receipt.dossier.code },
      })),
    );
    await until(() => surging() === undefined, 15_000, 'the surge cleared');
    expectNumbered(wall.alertUpdates);
  });

  it('sends heartbeats of the whole scopes a client follows', async () => {
    const wall = await connect();
    await wall.subscribe(['feed', 'alerts']);
    await until(
      () => ['feed', 'alerts'].every((scope) => wall.heartbeats.some((h) => h.scope === scope)),
      7_000,
      'heartbeats of both scopes',
    );
    const heartbeat = wall.heartbeats.find((h) => h.scope === 'alerts')!;
    expect(heartbeat.stream).toBe(wall.alertUpdates[0]!.stream);
    expect(heartbeat.seq).toBeLessThanOrEqual(wall.alertUpdates.at(-1)!.seq);
  });
});
