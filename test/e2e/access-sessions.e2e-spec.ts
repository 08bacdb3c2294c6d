import { io, type Socket } from 'socket.io-client';
import type {
  LiveAck,
  LiveClientToServerEvents,
  LiveFeedUpdate,
  LiveRevoked,
  LiveServerToClientEvents,
  LostPointDossiers,
} from '@ioc/shared';
import { FixedClock } from '@ioc/server/dist/common/clock';
import { LiveClusterService } from '@ioc/server/dist/live/live-cluster.service';
import { LiveGateway } from '@ioc/server/dist/live/live.gateway';
import { emitFeed, type LiveRooms } from '@ioc/server/dist/live/live-audience';
import {
  aReceivedEvent,
  openTestSession,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '@ioc/server/dist/testing/test-server';
import { until } from '../support/until';

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/*
 * Issue 13: sessions end when idle, when too old, at sign-out and when revoked (their live
 * sockets too); sign-in locks after repeated failures; a cross-site POST is refused; a revoked
 * wall is told and disconnected; a department head's list holds only his fields; a wall never
 * receives comment text unless allowed; every access change leaves an audit row that cannot be
 * changed.
 */
describe('sessions, revocation, lockout, CSRF, walls and the audit', () => {
  const start = Date.UTC(2026, 10, 20, 3, 0, 0);
  const clock = new FixedClock(start);
  let t: TestServer;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestServer(
      { IOC_SESSION_IDLE_MINUTES: '30', IOC_SESSION_ABSOLUTE_HOURS: '8', IOC_SIGN_IN_MAX_FAILURES: '5' },
      { clock },
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.url, ...headers },
      body: JSON.stringify(body),
    });
  const person = async (role: 'leader' | 'department-head' | 'unit-officer' = 'leader') => {
    const created = await t.admin('POST', '/api/v1/admin/users', {
      login: `p${sockets.length}.${Math.random().toString(36).slice(2, 8)}`,
      displayName: 'Người thử',
      role,
      fields: role === 'department-head' ? ['civil-status'] : [],
      unitCode: role === 'unit-officer' ? '24781' : null,
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; login: string };
  };
  const signIn = async (login: string, password = TEST_PASSWORD) => {
    const response = await post('/api/v1/auth/sign-in', { login, password });
    const setCookie = response.headers.get('set-cookie') ?? '';
    return {
      response,
      setCookie,
      cookie: setCookie.split(';')[0]!,
      body: (await response.json()) as unknown,
    };
  };
  const me = (cookie: string) => fetch(`${t.url}/api/v1/auth/me`, { headers: { cookie } });
  const connect = async (cookie: string): Promise<{ socket: LiveClient; revoked: LiveRevoked[] }> => {
    const socket: LiveClient = io(`${t.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie },
    });
    sockets.push(socket);
    const revoked: LiveRevoked[] = [];
    socket.on('live:revoked', (event) => revoked.push(event));
    await until(() => socket.connected, 10_000, 'the connection');
    return { socket, revoked };
  };

  it('signs in with an httpOnly, Secure, SameSite=Strict cookie and out again', async () => {
    const { login } = await person();
    const { response, setCookie, cookie, body } = await signIn(login);
    expect(response.status).toBe(200);
    expect(setCookie).toMatch(/^ioc_session=[\w-]{40,}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(body).toMatchObject({ kind: 'user', role: 'leader', user: { login } });
    expect((await me(cookie)).status).toBe(200);
    const out = await fetch(`${t.url}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: t.url },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await me(cookie);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({
      code: 'auth.session-ended',
      message: expect.stringMatching(/hết hạn/),
    });
  });

  it('ends a session idle for IOC_SESSION_IDLE_MINUTES, and any after IOC_SESSION_ABSOLUTE_HOURS', async () => {
    const { login } = await person();
    const idle = (await signIn(login)).cookie;
    clock.set(clock.now() + 29 * 60_000);
    expect((await me(idle)).status).toBe(200); // used: the idle time starts again
    clock.set(clock.now() + 29 * 60_000);
    expect((await me(idle)).status).toBe(200);
    clock.set(clock.now() + 31 * 60_000);
    expect((await me(idle)).status).toBe(401);

    const busy = (await signIn(login)).cookie;
    const signedInAt = clock.now();
    while (clock.now() < signedInAt + 8 * 3_600_000 - 20 * 60_000) {
      clock.set(clock.now() + 20 * 60_000);
      expect((await me(busy)).status).toBe(200);
    }
    clock.set(signedInAt + 8 * 3_600_000);
    expect((await me(busy)).status).toBe(401);
  });

  it('locks a login after repeated failures with a clear message, and lets it in once the lock ends', async () => {
    const { login } = await person();
    const statuses: number[] = [];
    let last: unknown;
    for (let i = 0; i < 5; i++) {
      const attempt = await signIn(login, `wrong password number ${i}!`);
      statuses.push(attempt.response.status);
      last = attempt.body;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(last).toMatchObject({
      code: 'auth.locked',
      message: expect.stringMatching(/Tài khoản tạm khóa.*15 phút/),
      messageEn: expect.stringMatching(/locked/),
      retryAfterSeconds: 900,
    });
    const locked = await signIn(login);
    expect(locked.response.status).toBe(429);
    expect(locked.response.headers.get('retry-after')).toBe('900');
    clock.set(clock.now() + 15 * 60_000 + 1_000);
    expect((await signIn(login)).response.status).toBe(200);
  });

  it('refuses a cross-site POST, with or without a session cookie, and admits a same-origin one', async () => {
    const { login } = await person();
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const refused = await post('/api/v1/auth/sign-in', { login, password: TEST_PASSWORD }, evil);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'auth.cross-site' });
    const { cookie } = await signIn(login);
    const crossSignOut = await fetch(`${t.url}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, ...evil },
    });
    expect(crossSignOut.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
    const sameSite = await fetch(`${t.url}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: t.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(204);
  });

  it("revokes a person's sessions: HTTP at once, and the live socket gets live:revoked and is disconnected", async () => {
    const { id, login } = await person();
    const { cookie } = await signIn(login);
    const { socket, revoked } = await connect(cookie);
    expect(await socket.timeout(10_000).emitWithAck('live:subscribe', { scopes: ['province'] })).toEqual({
      ok: true,
    });
    expect((await t.admin('DELETE', `/api/v1/admin/users/${id}/sessions`)).body).toEqual({ ended: 1 });
    await until(() => !socket.connected, 5_000, 'the disconnection');
    expect(revoked).toEqual([expect.objectContaining({ reason: 'session-ended' })]);
    expect((await me(cookie)).status).toBe(401);
  });

  it('pairs a wall by the code it shows; a revoked wall is told "Màn hình đã bị thu hồi" and disconnected', async () => {
    const started = await fetch(`${t.url}/api/v1/displays/pairing`, {
      method: 'POST',
      headers: { origin: t.url },
    });
    const pairingCookie = (started.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await started.json()) as { code: string };
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const pending = await fetch(`${t.url}/api/v1/displays/pairing`, { headers: { cookie: pairingCookie } });
    expect(await pending.json()).toMatchObject({ status: 'pending', code });
    const paired = await t.admin('POST', '/api/v1/admin/displays/pair', { code, name: 'Sảnh Xuân Hương' });
    expect(paired.status).toBe(201);
    const { id } = paired.body as { id: string };
    const collected = await fetch(`${t.url}/api/v1/displays/pairing`, { headers: { cookie: pairingCookie } });
    expect(await collected.json()).toMatchObject({ status: 'paired', display: { id, showComments: false } });
    const wall = (collected.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(wall).toMatch(/^ioc_session=/);
    expect(await (await me(wall)).json()).toMatchObject({ kind: 'display', role: 'wall', display: { id } });

    const { socket, revoked } = await connect(wall);
    expect(
      await socket.timeout(10_000).emitWithAck('live:subscribe', { scopes: ['province', 'ranking'] }),
    ).toEqual({
      ok: true,
    });
    const listed = (await t.admin('GET', '/api/v1/admin/displays')).body as {
      id: string;
      lastSeenAt: string | null;
    }[];
    expect(listed.find((d) => d.id === id)?.lastSeenAt).not.toBeNull();
    const revokedAt = Date.now();
    expect((await t.admin('DELETE', `/api/v1/admin/displays/${id}`)).status).toBe(204);
    await until(() => !socket.connected, 5_000, 'the wall’s disconnection');
    expect(Date.now() - revokedAt).toBeLessThan(3_000);
    expect(revoked).toEqual([
      { reason: 'display-revoked', message: 'Màn hình đã bị thu hồi.', messageEn: expect.any(String) },
    ]);
    const again = await fetch(`${t.url}/api/v1/rankings`, { headers: { cookie: wall } });
    expect(await again.json()).toMatchObject({ code: 'auth.display-revoked' });
    const reconnect = io(`${t.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: wall },
    });
    sockets.push(reconnect);
    const refusal = await new Promise<unknown>((resolve) =>
      reconnect.once('connect_error', (e) => resolve((e as { data?: unknown }).data)),
    );
    expect(refusal).toMatchObject({ code: 'auth.display-revoked' });
  });

  it("gives a department head only his fields' dossiers in a unit's lost-dossier list", async () => {
    const at = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const dueAt = new Date(Date.now() - 86_400_000).toISOString();
    const events = [
      aReceivedEvent('24781', { at, dossier: { field: 'civil-status', procedure: '1.001193', dueAt } }),
      aReceivedEvent('24781', { at, dossier: { field: 'land', procedure: '1.001193', dueAt } }),
    ];
    expect((await t.post(events)).body).toMatchObject({ accepted: 2 });
    const day = (offset: number) =>
      new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const path = `/api/v1/units/24781/index/lost-dossiers?indicator=on-time&period=custom&from=${day(-7)}&to=${day(0)}`;
    const leader = (await (await t.read(path)).json()) as LostPointDossiers;
    const head = (await (await (await t.session('department-head')).fetch(path)).json()) as LostPointDossiers;
    expect(new Set(leader.items.map((d) => d.field))).toEqual(new Set(['civil-status', 'land']));
    expect(head.items.length).toBeGreaterThan(0);
    expect(head.items.every((d) => d.field === 'civil-status')).toBe(true);
    expect(head.total).toBe(head.items.length);
  });

  it('never sends citizen comment text to a wall unless the display is allowed it', async () => {
    const update: LiveFeedUpdate = {
      scope: 'feed',
      stream: 's',
      seq: 1,
      serverVersion: 'v',
      at: new Date().toISOString(),
      feed: {
        lowRatings: [
          {
            id: 'r1',
            unitCode: '24781',
            rating: 1,
            comment: 'Chờ quá lâu, cán bộ không trả lời',
            at: new Date().toISOString(),
            dossierCode: null,
            source: 'kiosk',
          },
        ],
        turnedOverdue: [],
        resolvedLate: [],
        commentsWithheld: false,
      },
    };
    // The feed's snapshot is stood in here, so that the test names the comment it looks for.
    jest.spyOn(t.server.app.get(LiveClusterService), 'snapshot').mockImplementation((scope) => {
      if (scope === 'feed') return Promise.resolve(update);
      return Promise.reject(new Error('not in this test'));
    });
    const plain = await openTestSession(t.server, 'wall');
    const allowed = await openTestSession(t.server, 'wall', { showComments: true });
    const received = async (cookie: string) => {
      const { socket } = await connect(cookie);
      const feeds: LiveFeedUpdate[] = [];
      socket.on('live:feed', (feed) => feeds.push(feed));
      expect(
        (await socket.timeout(10_000).emitWithAck('live:subscribe', { scopes: ['feed'] })) as LiveAck,
      ).toEqual({ ok: true });
      return feeds;
    };
    const plainFeeds = await received(plain.cookie);
    const allowedFeeds = await received(allowed.cookie);
    const leaderFeeds = await received((await t.session('leader')).cookie);
    // An update as the stream sends it, through the rooms.
    const gateway: unknown = t.server.app.get(LiveGateway);
    const rooms = (gateway as { namespace: LiveRooms }).namespace;
    emitFeed(rooms, { ...update, seq: 2 });
    await until(
      () => plainFeeds.length === 2 && allowedFeeds.length === 2 && leaderFeeds.length === 2,
      5_000,
      'the feeds',
    );
    expect(plainFeeds.map((f) => f.feed.lowRatings[0]!.comment)).toEqual([null, null]);
    // Withheld, which the wall says: it is not "no comment left".
    expect(plainFeeds.map((f) => f.feed.commentsWithheld)).toEqual([true, true]);
    expect(allowedFeeds.map((f) => f.feed.commentsWithheld)).toEqual([false, false]);
    expect(JSON.stringify(plainFeeds)).not.toContain('Chờ quá lâu');
    expect(allowedFeeds.map((f) => f.feed.lowRatings[0]!.comment)).toEqual([
      update.feed.lowRatings[0]!.comment,
      update.feed.lowRatings[0]!.comment,
    ]);
    expect(leaderFeeds[1]!.feed.lowRatings[0]!.comment).toBe(update.feed.lowRatings[0]!.comment);

    // Allowed later: its socket gets the comments from the next update on.
    expect(
      (await t.admin('PATCH', `/api/v1/admin/displays/${plain.id}`, { showComments: true })).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    emitFeed(rooms, { ...update, seq: 3 });
    await until(() => plainFeeds.length === 3, 5_000, 'the next feed');
    expect(plainFeeds[2]!.feed.lowRatings[0]!.comment).toBe(update.feed.lowRatings[0]!.comment);
    jest.restoreAllMocks();
  });

  it('audits sign-ins, sign-outs and changes in an append-only table, listed newest first with keyset paging', async () => {
    const failures = await t.admin('GET', '/api/v1/admin/audit?action=auth.sign-in&outcome=failure&limit=2');
    const page = failures.body as {
      items: { id: string; details: { reason: string } }[];
      next: string | null;
    };
    expect(page.items).toHaveLength(2);
    expect(page.next).toBe(page.items[1]!.id);
    const older = (
      await t.admin(
        'GET',
        `/api/v1/admin/audit?action=auth.sign-in&outcome=failure&limit=2&before=${page.next}`,
      )
    ).body as typeof page;
    expect(older.items).toHaveLength(2);
    expect(Number(older.items[0]!.id)).toBeLessThan(Number(page.next));
    const actions = (
      (await t.admin('GET', '/api/v1/admin/audit?limit=500')).body as { items: { action: string }[] }
    ).items.map((i) => i.action);
    for (const action of [
      'auth.sign-in',
      'auth.sign-out',
      'user.create',
      'user.sessions-revoke',
      'display.pair',
      'display.revoke',
      'display.update',
    ])
      expect(actions).toContain(action);
    await expect(t.dataSource.query(`UPDATE access_audit SET outcome = 'success'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM access_audit`)).rejects.toThrow(/append-only/);
  });
});
