import { io, type Socket } from 'socket.io-client';
import type {
  LiveAck,
  LiveClientToServerEvents,
  LiveDelta,
  LiveHeartbeat,
  LiveRankingUpdate,
  LiveServerToClientEvents,
  LiveSnapshot,
} from '@ioc/shared';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { LIVE_REQUEST_BURST, LiveGateway } from '@ioc/server/dist/live/live.gateway';
import { until } from '../support/until';

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A client that records everything the server sends it. */
class Recorder {
  readonly snapshots: LiveSnapshot[] = [];
  readonly deltas: LiveDelta[] = [];
  readonly heartbeats: LiveHeartbeat[] = [];
  readonly rankings: LiveRankingUpdate[] = [];
  constructor(readonly socket: LiveClient) {
    socket.on('live:ranking', (r) => this.rankings.push(r));
    socket.on('live:snapshot', (s) => this.snapshots.push(s));
    socket.on('live:delta', (d) => this.deltas.push(d));
    socket.on('live:heartbeat', (h) => this.heartbeats.push(h));
  }
  request(event: 'live:subscribe' | 'live:unsubscribe', scopes: string[]): Promise<LiveAck> {
    return this.socket.timeout(10_000).emitWithAck(event, { scopes });
  }
  deltasOf(scope: string): LiveDelta[] {
    return this.deltas.filter((d) => d.scope === scope);
  }
  /** The value of a figure of one entry in a scope after everything received so far. */
  latest(scope: string, key: string): LiveSnapshot['entries'][number]['figures'] | undefined {
    let figures = this.snapshots
      .filter((s) => s.scope === scope)
      .at(-1)
      ?.entries.find((e) => e.key === key)?.figures;
    // Deltas carry only the figures that changed.
    for (const delta of this.deltasOf(scope)) {
      const patch = delta.entries.find((e) => e.key === key)?.figures;
      if (patch) figures = { ...figures!, ...patch };
    }
    return figures;
  }
}

describe('the realtime protocol', () => {
  let t: TestServer;
  const clients: LiveClient[] = [];
  const connect = async (): Promise<Recorder> => {
    const { cookie } = await t.session('leader');
    const socket: LiveClient = io(`${t.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie },
    });
    clients.push(socket);
    const recorder = new Recorder(socket);
    await until(() => socket.connected, 10_000, 'the connection');
    return recorder;
  };

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    for (const socket of clients) socket.disconnect();
    await t?.close();
  });

  it('answers each scope with a snapshot, and refuses bad scopes one by one with a reason', async () => {
    const client = await connect();
    const ack = await client.request('live:subscribe', [
      'province',
      'unit:24781',
      'field:land',
      'unit:99999',
      'x',
    ]);
    expect(ack).toEqual({
      ok: false,
      errors: [
        "unit:99999: no unit has the code '99999'",
        "'x': a scope is 'province', 'ranking', 'feed', 'alerts', 'unit:<5-digit unit code>' or 'field:<field code>'",
      ],
    });
    expect(client.snapshots.map((s) => s.scope)).toEqual(['province', 'unit:24781', 'field:land']);
    const province = client.snapshots[0]!;
    expect(province.entries.filter((e) => e.kind === 'unit')).toHaveLength(124);
    expect(
      province.entries
        .filter((e) => e.kind === 'former-province')
        .map((e) => e.code)
        .sort(),
    ).toEqual(['Bình Thuận', 'Lâm Đồng', 'Đắk Nông']);
    expect(
      await client.socket.timeout(5_000).emitWithAck('live:subscribe', { scopes: 'province' }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('sends a change only to the scopes it touches, numbered after the snapshot', async () => {
    const client = await connect();
    await client.request('live:subscribe', ['province', 'unit:24781', 'unit:22918']);
    const before = client.latest('unit:24781', 'unit:24781')!.backlog;
    await t.post([aReceivedEvent('24781', { dossier: { field: 'land' } })]);
    await until(
      () => client.deltasOf('unit:24781').length > 0 && client.deltasOf('province').length > 0,
      5_000,
      'deltas',
    );
    await new Promise((r) => setTimeout(r, 400));

    const snapshotSeq = (scope: string) => client.snapshots.find((s) => s.scope === scope)!.seq;
    expect(client.deltasOf('unit:24781')[0]!.seq).toBe(snapshotSeq('unit:24781') + 1);
    expect(client.deltasOf('province')[0]!.seq).toBe(snapshotSeq('province') + 1);
    expect(client.deltasOf('unit:22918')).toEqual([]);
    expect(client.latest('unit:24781', 'unit:24781')!.backlog).toBe(before + 1);
    expect(client.latest('unit:24781', 'field:land')).toBeDefined();
    // The province delta carries the unit, its former province and the province: not all 124 units.
    const keys = client.deltasOf('province')[0]!.entries.map((e) => e.key);
    expect(keys).toEqual(
      expect.arrayContaining(['province:province', 'former-province:Lâm Đồng', 'unit:24781']),
    );
    expect(keys.filter((k) => k.startsWith('unit:'))).toEqual(['unit:24781']);
  });

  it('coalesces a burst of 2,000 events into a few deltas per scope, at most 4 a second, and ends exact', async () => {
    const client = await connect();
    await client.request('live:subscribe', ['province']);
    const before = client.latest('province', 'province:province')!.backlog;
    const started = Date.now();
    for (let batch = 0; batch < 20; batch++) {
      await t.post(Array.from({ length: 100 }, (_, i) => aReceivedEvent(i % 2 ? '24781' : '22918')));
    }
    await until(
      () => client.latest('province', 'province:province')!.backlog === before + 2_000,
      10_000,
      'the burst',
    );
    const elapsed = Date.now() - started;
    const deltas = client.deltasOf('province');
    expect(deltas.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(deltas.length).toBeLessThan(20);
    deltas.forEach((delta, i) => i > 0 && expect(delta.seq).toBe(deltas[i - 1]!.seq + 1));
    for (let i = 1; i < deltas.length; i++) {
      expect(Date.parse(deltas[i]!.at) - Date.parse(deltas[i - 1]!.at)).toBeGreaterThanOrEqual(249);
    }
    // A fresh snapshot says the same as snapshot + deltas.
    const fresh = await connect();
    await fresh.request('live:subscribe', ['province']);
    expect(fresh.snapshots[0]!.seq).toBe(deltas.at(-1)!.seq);
    expect(fresh.latest('province', 'province:province')).toEqual(
      client.latest('province', 'province:province'),
    );
  });

  it('turns a dossier overdue within a second of its deadline, with no event arriving', async () => {
    const client = await connect();
    await client.request('live:subscribe', ['unit:24787']);
    const dueAt = Date.now() + 2_000;
    await t.post([
      aReceivedEvent('24787', {
        at: new Date(Date.now() - 60_000).toISOString(),
        dossier: { dueAt: new Date(dueAt).toISOString() },
      }),
    ]);
    await until(() => client.latest('unit:24787', 'unit:24787')?.backlog === 1, 5_000, 'the receipt');
    expect(client.latest('unit:24787', 'unit:24787')!.overdue).toBe(0);
    const seenAt = await until(
      () => client.latest('unit:24787', 'unit:24787')!.overdue === 1,
      5_000,
      'overdue',
    );
    expect(seenAt).toBeGreaterThanOrEqual(dueAt);
    expect(seenAt - dueAt).toBeLessThan(1_000);
  });

  it('sends a heartbeat per scope with its current number, and a resync answers with a snapshot', async () => {
    const client = await connect();
    await client.request('live:subscribe', ['unit:24778']);
    await until(() => client.heartbeats.some((h) => h.scope === 'unit:24778'), 7_000, 'a heartbeat');
    const heartbeat = client.heartbeats.find((h) => h.scope === 'unit:24778')!;
    expect(heartbeat).toMatchObject({ seq: client.snapshots[0]!.seq, stream: client.snapshots[0]!.stream });
    expect(await client.socket.timeout(5_000).emitWithAck('live:resync', { scope: 'unit:24778' })).toEqual({
      ok: true,
    });
    expect(client.snapshots).toHaveLength(2);
  });

  it('stops sending a scope after unsubscribing', async () => {
    const client = await connect();
    await client.request('live:subscribe', ['unit:24781']);
    expect(await client.request('live:unsubscribe', ['unit:24781'])).toEqual({ ok: true });
    await t.post([aReceivedEvent('24781')]);
    await new Promise((r) => setTimeout(r, 600));
    expect(client.deltasOf('unit:24781')).toEqual([]);
  });

  it("pushes the current month's ranking whole on subscribing, and again when it changes", async () => {
    const client = await connect();
    expect(await client.request('live:subscribe', ['ranking'])).toEqual({ ok: true });
    await until(() => client.rankings.length === 1, 10_000, 'the ranking');
    const first = client.rankings[0]!;
    expect(first.ranking.units).toHaveLength(124);
    const dossiersOf = (update: LiveRankingUpdate) =>
      update.ranking.units.find((u) => u.unitCode === '24616')!.dossiers;
    await t.post([aReceivedEvent('24616', { at: new Date().toISOString() })]);
    await until(() => client.rankings.length === 2, 10_000, 'the changed ranking');
    const second = client.rankings[1]!;
    expect(second).toMatchObject({ scope: 'ranking', stream: first.stream, seq: first.seq + 1 });
    expect(dossiersOf(second)).toBe(dossiersOf(first) + 1);
  });

  describe('a hostile client', () => {
    it("refuses a browser page of another origin, and admits the server's own", async () => {
      const { cookie } = await t.session('leader');
      const attempt = (origin: string) =>
        new Promise<string>((resolve) => {
          const socket: LiveClient = io(`${t.url}/live`, {
            transports: ['websocket'],
            forceNew: true,
            extraHeaders: { origin, cookie },
          });
          clients.push(socket);
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error) => resolve(error.message));
        });
      expect(await attempt('https://evil.example')).toBe(
        'origin https://evil.example may not open the live socket',
      );
      expect(await attempt(t.url)).toBe('connected');
    });

    it('answers a scope it already follows without another snapshot: a resync is what asks for one', async () => {
      const client = await connect();
      expect(await client.request('live:subscribe', ['province'])).toEqual({ ok: true });
      await until(() => client.snapshots.length === 1, 5_000, 'the first snapshot');
      for (let i = 0; i < 5; i++)
        expect(await client.request('live:subscribe', ['province'])).toEqual({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(client.snapshots).toHaveLength(1);
    });

    it(`refuses requests past ${LIVE_REQUEST_BURST} at once on one connection, with a reason, and serves others`, async () => {
      const flood = await connect();
      const answers = await Promise.all(
        Array.from({ length: LIVE_REQUEST_BURST + 10 }, () =>
          flood.socket.timeout(10_000).emitWithAck('live:resync', { scope: 'province' }),
        ),
      );
      const refusals = answers.filter((a) => !a.ok);
      expect(refusals.length).toBeGreaterThanOrEqual(10);
      expect(refusals[0]).toEqual({
        ok: false,
        errors: [expect.stringMatching(/^too many requests on this connection/)],
      });
      // Another connection is not held by it.
      const other = await connect();
      expect(await other.request('live:subscribe', ['province'])).toEqual({ ok: true });
    });
  });
});

describe('a live connection that stops reading', () => {
  const LIMIT = 256 * 1024;
  let t: TestServer;
  const sockets: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestServer({ IOC_LIVE_SEND_BUFFER_BYTES: String(LIMIT) });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });
  const open = async (reconnection: boolean): Promise<Recorder> => {
    const { cookie } = await t.session('leader');
    const socket: LiveClient = io(`${t.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection,
      extraHeaders: { cookie },
    });
    sockets.push(socket);
    await until(() => socket.connected, 10_000, 'the connection');
    return new Recorder(socket);
  };
  const serverHas = (id: string | undefined) =>
    id !== undefined && t.server.app.get(LiveGateway).connectionIds().includes(id);

  it('is dropped once it leaves more than IOC_LIVE_SEND_BUFFER_BYTES unread; a reading client is not', async () => {
    const reader = await open(true);
    expect(await reader.request('live:subscribe', ['ranking'])).toEqual({ ok: true });
    await until(() => reader.rankings.length === 1, 10_000, 'the reader’s ranking');
    const snapshotBytes = JSON.stringify(reader.rankings[0]).length;

    const slow = await open(false);
    const slowId = slow.socket.id;
    // Stop reading at the TCP level: what the server sends piles up in its socket, then in socket.io.
    (slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
    // Ranking snapshots, as fast as the connection's request budget allows, until the server drops it.
    const asked = (async () => {
      for (let i = 0; i < 200 && serverHas(slowId); i++) {
        slow.socket.emit('live:resync', { scope: 'ranking' });
        if (i >= LIVE_REQUEST_BURST) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    // Well before socket.io's own ping timeout (25 s + 20 s) would notice the silent client.
    await until(() => !serverHas(slowId), 15_000, 'the slow connection dropped');
    await asked;
    // The reader still follows: a new resync answers it, and it is still connected.
    expect(reader.socket.connected).toBe(true);
    expect(serverHas(reader.socket.id)).toBe(true);
    expect(await reader.socket.timeout(10_000).emitWithAck('live:resync', { scope: 'ranking' })).toEqual({
      ok: true,
    });
    expect(snapshotBytes).toBeGreaterThan(10_000);
  });
});
