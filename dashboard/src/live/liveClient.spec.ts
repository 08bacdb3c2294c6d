import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LiveAck } from '@ioc/shared';
import { buildDelta, buildMetrics, buildSnapshot } from '../testing/builders';
import { unitMetricsOf } from './entries';
import { LiveClient, UNFOLLOW_AFTER_MS, type LiveSocket } from './liveClient';

type Handler = (...args: unknown[]) => void;

/** A socket.io client stand-in: records what the client emits, lets the test play the server. */
class FakeSocket {
  connected = false;
  readonly handlers = new Map<string, Handler[]>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  /** How the fake server answers the next subscriptions. */
  answer: LiveAck = { ok: true };

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) => {
        this.emitted.push({ event, payload });
        return Promise.resolve(this.answer);
      },
    };
  }
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  serve(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  subscriptions(): unknown[] {
    return this.emitted.filter((e) => e.event === 'live:subscribe').map((e) => e.payload);
  }
  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }
}

/** Lets the acknowledgement promises of the fake socket settle. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('LiveClient', () => {
  let socket: FakeSocket;
  let client: LiveClient;
  beforeEach(() => {
    jest.useFakeTimers();
    socket = new FakeSocket();
    client = new LiveClient(socket as unknown as LiveSocket);
  });
  afterEach(() => {
    client.close();
    jest.useRealTimers();
  });

  it('shares one subscription between the panels following a scope', async () => {
    socket.serve('connect');
    const stopA = client.follow('province');
    const stopB = client.follow('province');
    await flush();
    expect(socket.subscriptions()).toEqual([{ scopes: ['province'] }]);
    stopA();
    jest.advanceTimersByTime(UNFOLLOW_AFTER_MS + 1);
    expect(socket.sent('live:unsubscribe')).toEqual([]);
    stopB();
    jest.advanceTimersByTime(UNFOLLOW_AFTER_MS + 1);
    expect(socket.sent('live:unsubscribe')).toEqual([{ scopes: ['province'] }]);
    expect(client.followedScopes()).toEqual([]);
  });

  it('keeps a scope a while after its last panel left, so a rotating wall does not resubscribe', async () => {
    socket.serve('connect');
    const stop = client.follow('unit:24781');
    await flush();
    stop();
    jest.advanceTimersByTime(UNFOLLOW_AFTER_MS / 2);
    client.follow('unit:24781');
    jest.advanceTimersByTime(UNFOLLOW_AFTER_MS);
    expect(socket.subscriptions()).toHaveLength(1);
    expect(socket.sent('live:unsubscribe')).toEqual([]);
  });

  it('subscribes again to every followed scope on each reconnection, and waits for fresh snapshots', async () => {
    client.follow('province');
    client.follow('feed');
    expect(socket.subscriptions()).toEqual([]);
    socket.serve('connect');
    await flush();
    expect(socket.subscriptions()).toEqual([{ scopes: ['province', 'feed'] }]);
    socket.serve(
      'live:snapshot',
      buildSnapshot({ seq: 4, units: [buildMetrics({ unitCode: '22918', backlog: 3 })] }),
    );
    expect(client.figures('province').data?.seq).toBe(4);

    socket.serve('disconnect', 'transport close');
    expect(client.connection().socketConnected).toBe(false);
    socket.serve('connect');
    await flush();
    expect(socket.subscriptions()).toHaveLength(2);
    // The old figures stay on screen, marked as awaiting their new snapshot.
    expect(client.figures('province').awaitingSnapshotSince).not.toBeNull();
    expect(client.connection().awaitingSnapshotSince).not.toBeNull();
  });

  it('asks for a fresh snapshot of the scope that saw a gap, and only that one', async () => {
    socket.serve('connect');
    client.follow('province');
    await flush();
    socket.serve('live:snapshot', buildSnapshot({ seq: 4 }));
    socket.serve(
      'live:delta',
      buildDelta({ seq: 6, units: [buildMetrics({ unitCode: '22918', backlog: 1 })] }),
    );
    expect(socket.sent('live:resync')).toEqual([{ scope: 'province' }]);
    socket.serve(
      'live:snapshot',
      buildSnapshot({ seq: 6, units: [buildMetrics({ unitCode: '22918', backlog: 1 })] }),
    );
    expect(unitMetricsOf(client.figures('province').data!.entries).get('22918')?.backlog).toBe(1);
  });

  it('asks a refused subscription again, and keeps the reason meanwhile', async () => {
    socket.answer = {
      ok: false,
      errors: ['no server process leads the live figures right now; retry in a few seconds'],
    };
    socket.serve('connect');
    client.follow('province');
    await flush();
    expect(client.figures('province').refusal).toContain('no server process');
    socket.answer = { ok: true };
    jest.advanceTimersByTime(2_001);
    await flush();
    expect(socket.subscriptions()).toHaveLength(2);
  });

  it('does not ask again for a scope the role may not follow, but keeps asking for the others', async () => {
    socket.answer = {
      ok: false,
      errors: ['feed: a department head does not follow the feed'],
      denied: ['feed'],
    };
    socket.serve('connect');
    client.follow('feed');
    await flush();
    expect(client.whole('feed')).toMatchObject({
      denied: true,
      refusal: expect.stringContaining('department head'),
    });
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(socket.subscriptions()).toHaveLength(1);
  });

  it('replaces a whole scope with its newest update and resyncs it when a heartbeat is ahead', async () => {
    socket.serve('connect');
    client.follow('alerts');
    await flush();
    const update = { scope: 'alerts', stream: 's1', seq: 3, serverVersion: 'v', at: '', alerts: [] };
    socket.serve('live:alerts', update);
    expect(client.whole('alerts').update).toBe(update);
    socket.serve('live:heartbeat', { scope: 'alerts', stream: 's1', seq: 4, at: '' });
    expect(socket.sent('live:resync')).toEqual([{ scope: 'alerts' }]);
  });

  it('tells its listeners of every change', async () => {
    const listener = jest.fn();
    client.onChange(listener);
    socket.serve('connect');
    client.follow('province');
    await flush();
    const before = listener.mock.calls.length;
    socket.serve('live:snapshot', buildSnapshot({ seq: 1 }));
    expect(listener.mock.calls.length).toBeGreaterThan(before);
  });
});
