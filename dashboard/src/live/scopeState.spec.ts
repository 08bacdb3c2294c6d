import { describe, expect, it } from '@jest/globals';
import type { LiveFeedUpdate } from '@ioc/shared';
import { buildDelta, buildMetrics, buildSnapshot } from '../testing/builders';
import { unitMetricsOf } from './entries';
import {
  deriveConnectionState,
  initialFiguresScope,
  initialWholeScope,
  reduceFiguresScope,
  reduceWholeScope,
  STALE_AFTER_MS,
  wholeScopeIsBehind,
  type ConnectionFacts,
  type FiguresScopeEvent,
  type FiguresScopeState,
} from './scopeState';

const T0 = Date.parse('2025-09-15T02:00:00Z');

/** Runs events in order; returns the final state and how many resyncs were asked for. */
function run(events: FiguresScopeEvent[], from: FiguresScopeState = initialFiguresScope) {
  let state = from;
  let resyncs = 0;
  for (const event of events) {
    const transition = reduceFiguresScope(state, event);
    state = transition.state;
    if (transition.resync) resyncs += 1;
  }
  return { state, resyncs };
}

const backlogOf = (state: FiguresScopeState, code: string) =>
  state.data ? unitMetricsOf(state.data.entries).get(code)?.backlog : undefined;

const withSnapshot: FiguresScopeEvent[] = [
  {
    type: 'snapshot',
    at: T0,
    snapshot: buildSnapshot({ seq: 10, units: [buildMetrics({ unitCode: '22918', backlog: 3 })] }),
  },
];
const heartbeat = (at: number, seq = 10, stream = 's1'): FiguresScopeEvent => ({
  type: 'heartbeat',
  at,
  heartbeat: { scope: 'province', stream, seq, at: '' },
});

describe('reduceFiguresScope', () => {
  it('takes the snapshot, then applies deltas in sequence', () => {
    const { state, resyncs } = run([
      ...withSnapshot,
      {
        type: 'delta',
        at: T0 + 1000,
        delta: buildDelta({ seq: 11, units: [buildMetrics({ unitCode: '22918', backlog: 4 })] }),
      },
      {
        type: 'delta',
        at: T0 + 2000,
        delta: buildDelta({ seq: 12, units: [buildMetrics({ unitCode: '22924', backlog: 1 })] }),
      },
    ]);
    expect(resyncs).toBe(0);
    expect(state.data?.seq).toBe(12);
    expect(backlogOf(state, '22918')).toBe(4);
    expect(backlogOf(state, '22924')).toBe(1);
    expect(state.lastMessageAt).toBe(T0 + 2000);
  });

  it('asks once for a snapshot on a gap and ignores deltas until it comes', () => {
    const { state, resyncs } = run([
      ...withSnapshot,
      {
        type: 'delta',
        at: T0 + 1000,
        delta: buildDelta({ seq: 12, units: [buildMetrics({ unitCode: '22918', backlog: 9 })] }),
      },
      {
        type: 'delta',
        at: T0 + 2000,
        delta: buildDelta({ seq: 13, units: [buildMetrics({ unitCode: '22918', backlog: 9 })] }),
      },
    ]);
    expect(resyncs).toBe(1);
    expect(backlogOf(state, '22918')).toBe(3);
    expect(state.awaitingSnapshotSince).toBe(T0 + 1000);

    const after = run(
      [
        {
          type: 'snapshot',
          at: T0 + 2500,
          snapshot: buildSnapshot({ seq: 13, units: [buildMetrics({ unitCode: '22918', backlog: 9 })] }),
        },
      ],
      state,
    );
    expect(backlogOf(after.state, '22918')).toBe(9);
    expect(after.state.awaitingSnapshotSince).toBeNull();
  });

  it('asks for a snapshot when a heartbeat shows a lost last delta or a new numbering (restart)', () => {
    expect(run([...withSnapshot, heartbeat(T0 + 5000, 10)]).resyncs).toBe(0);
    expect(run([...withSnapshot, heartbeat(T0 + 5000, 11)]).resyncs).toBe(1);
    expect(run([...withSnapshot, heartbeat(T0 + 5000, 10, 's2')]).resyncs).toBe(1);
  });

  it('asks again when the snapshot it asked for does not come', () => {
    const { resyncs } = run([
      ...withSnapshot,
      { type: 'delta', at: T0 + 1000, delta: buildDelta({ seq: 12 }) },
      heartbeat(T0 + 6000),
      heartbeat(T0 + 1000 + STALE_AFTER_MS + 1),
    ]);
    expect(resyncs).toBe(2);
  });

  it('keeps the figures through a reconnection and waits for the new snapshot', () => {
    const { state, resyncs } = run([
      ...withSnapshot,
      { type: 'reconnected', at: T0 + 3000 },
      // Numbered from the old stream: applying it before the new snapshot could double-count.
      {
        type: 'delta',
        at: T0 + 3100,
        delta: buildDelta({ seq: 11, units: [buildMetrics({ unitCode: '22918', backlog: 7 })] }),
      },
    ]);
    expect(resyncs).toBe(0);
    expect(backlogOf(state, '22918')).toBe(3);
    expect(state.awaitingSnapshotSince).toBe(T0 + 3000);
  });

  it('keeps why the server refused the scope until a snapshot comes', () => {
    const refused = run([
      { type: 'refused', at: T0, reason: "unit:99999: no unit has the code '99999'", denied: false },
    ]).state;
    expect(refused.refusal).toContain('99999');
    expect(refused.denied).toBe(false);
    const denied = run([{ type: 'refused', at: T0, reason: 'feed: not for this role', denied: true }]).state;
    expect(denied.denied).toBe(true);
    expect(run(withSnapshot, refused).state.refusal).toBeNull();
  });
});

const facts = (overrides: Partial<ConnectionFacts> = {}): ConnectionFacts => ({
  socketConnected: true,
  everConnected: true,
  lastMessageAt: T0,
  awaitingSnapshotSince: null,
  ...overrides,
});

describe('deriveConnectionState', () => {
  it('is connecting before the first connection, reconnecting after losing one', () => {
    expect(
      deriveConnectionState(facts({ socketConnected: false, everConnected: false, lastMessageAt: null }), T0),
    ).toBe('connecting');
    expect(deriveConnectionState(facts({ socketConnected: false }), T0)).toBe('reconnecting');
  });

  it(`turns stale after ${STALE_AFTER_MS / 1000} s without any message`, () => {
    expect(deriveConnectionState(facts(), T0 + STALE_AFTER_MS)).toBe('live');
    expect(deriveConnectionState(facts(), T0 + STALE_AFTER_MS + 1)).toBe('stale');
  });

  it('is resyncing while a snapshot is awaited, stale when it is long overdue', () => {
    expect(deriveConnectionState(facts({ awaitingSnapshotSince: T0 }), T0 + 1000)).toBe('resyncing');
    expect(
      deriveConnectionState(facts({ awaitingSnapshotSince: T0, lastMessageAt: T0 + 12_000 }), T0 + 12_000),
    ).toBe('stale');
  });
});

describe('whole scopes', () => {
  const update = (seq: number, stream = 's1') =>
    ({
      scope: 'feed',
      stream,
      seq,
      serverVersion: 'v1',
      at: '',
      feed: { lowRatings: [], turnedOverdue: [], resolvedLate: [], commentsWithheld: false },
    }) as never;

  it('keep the newest update, ignore an older one, and take any of a new stream', () => {
    const state = reduceWholeScope<LiveFeedUpdate>(
      reduceWholeScope<LiveFeedUpdate>(initialWholeScope, update(2), T0),
      update(1),
      T0 + 1,
    );
    expect(state.update?.seq).toBe(2);
    expect(reduceWholeScope(state, update(0, 's2'), T0 + 2).update?.stream).toBe('s2');
  });

  it('are behind when a heartbeat is ahead of them or of another stream', () => {
    const state = reduceWholeScope<LiveFeedUpdate>(initialWholeScope, update(2), T0);
    const beat = (seq: number, stream = 's1') => ({ scope: 'feed' as const, stream, seq, at: '' });
    expect(wholeScopeIsBehind(state, beat(2))).toBe(false);
    expect(wholeScopeIsBehind(state, beat(3))).toBe(true);
    expect(wholeScopeIsBehind(state, beat(2, 's2'))).toBe(true);
    expect(wholeScopeIsBehind(initialWholeScope, beat(3))).toBe(false);
  });
});
