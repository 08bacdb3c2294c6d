import { describe, expect, it } from '@jest/globals';
import { buildDelta, buildMetrics, buildSnapshot } from '../testing/builders';
import {
  deriveConnectionState,
  initialLiveState,
  rankingIsBehind,
  reduceLive,
  STALE_AFTER_MS,
  type LiveEvent,
  type LiveState,
} from './liveState';
import { unitMetricsOf } from './unitMetrics';

const T0 = Date.parse('2025-09-15T02:00:00Z');

/** Runs events in order; returns the final state and how many resyncs were asked for. */
function run(events: LiveEvent[], from: LiveState = initialLiveState): { state: LiveState; resyncs: number } {
  let state = from;
  let resyncs = 0;
  for (const event of events) {
    const transition = reduceLive(state, event);
    state = transition.state;
    if (transition.resync) resyncs += 1;
  }
  return { state, resyncs };
}

const connectedWithSnapshot: LiveEvent[] = [
  { type: 'connected', at: T0 },
  {
    type: 'snapshot',
    at: T0,
    snapshot: buildSnapshot({ seq: 10, units: [buildMetrics({ unitCode: '22918', backlog: 3 })] }),
  },
];

describe('reduceLive', () => {
  it('takes the snapshot, then applies deltas in sequence', () => {
    const { state, resyncs } = run([
      ...connectedWithSnapshot,
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
    expect(state.scope.seq).toBe(12);
    expect(unitMetricsOf(state.scope.entries).get('22918')?.backlog).toBe(4);
    expect(unitMetricsOf(state.scope.entries).get('22924')?.backlog).toBe(1);
    expect(deriveConnectionState(state, T0 + 2000)).toBe('live');
  });

  it('asks once for a snapshot on a gap and ignores deltas until it comes', () => {
    const { state, resyncs } = run([
      ...connectedWithSnapshot,
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
    expect(unitMetricsOf(state.scope.entries).get('22918')?.backlog).toBe(3);
    expect(deriveConnectionState(state, T0 + 2000)).toBe('resyncing');

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
    expect(unitMetricsOf(after.state.scope.entries).get('22918')?.backlog).toBe(9);
    expect(deriveConnectionState(after.state, T0 + 2500)).toBe('live');
  });

  it('asks for a snapshot when a heartbeat shows a lost last delta or a new numbering (restart)', () => {
    expect(
      run([
        ...connectedWithSnapshot,
        { type: 'heartbeat', at: T0 + 5000, heartbeat: { scope: 'province', stream: 's1', seq: 10, at: '' } },
      ]).resyncs,
    ).toBe(0);
    expect(
      run([
        ...connectedWithSnapshot,
        { type: 'heartbeat', at: T0 + 5000, heartbeat: { scope: 'province', stream: 's1', seq: 11, at: '' } },
      ]).resyncs,
    ).toBe(1);
    expect(
      run([
        ...connectedWithSnapshot,
        { type: 'heartbeat', at: T0 + 5000, heartbeat: { scope: 'province', stream: 's2', seq: 10, at: '' } },
      ]).resyncs,
    ).toBe(1);
  });

  it('asks again when the snapshot it asked for does not come', () => {
    const heartbeat = (at: number): LiveEvent => ({
      type: 'heartbeat',
      at,
      heartbeat: { scope: 'province', stream: 's1', seq: 10, at: '' },
    });
    const { resyncs, state } = run([
      ...connectedWithSnapshot,
      { type: 'delta', at: T0 + 1000, delta: buildDelta({ seq: 12 }) },
      heartbeat(T0 + 6000),
      heartbeat(T0 + 11_000),
      heartbeat(T0 + 16_001),
    ]);
    expect(resyncs).toBe(2);
    expect(deriveConnectionState(state, T0 + 16_001)).toBe('stale');
  });

  it('keeps the figures through a disconnection and waits for the reconnect snapshot', () => {
    const disconnected = run([...connectedWithSnapshot, { type: 'disconnected', at: T0 + 1000 }]);
    expect(unitMetricsOf(disconnected.state.scope.entries).get('22918')?.backlog).toBe(3);
    expect(deriveConnectionState(disconnected.state, T0 + 1000)).toBe('reconnecting');

    const reconnected = run(
      [
        { type: 'connected', at: T0 + 3000 },
        // Numbered from the old stream: applying it before the new snapshot could double-count.
        {
          type: 'delta',
          at: T0 + 3100,
          delta: buildDelta({ seq: 11, units: [buildMetrics({ unitCode: '22918', backlog: 7 })] }),
        },
      ],
      disconnected.state,
    );
    expect(reconnected.resyncs).toBe(0);
    expect(unitMetricsOf(reconnected.state.scope.entries).get('22918')?.backlog).toBe(3);
    expect(deriveConnectionState(reconnected.state, T0 + 3100)).toBe('resyncing');
  });
});

describe('deriveConnectionState', () => {
  it('is connecting until the first snapshot', () => {
    expect(deriveConnectionState(initialLiveState, T0)).toBe('connecting');
    expect(deriveConnectionState(run([{ type: 'connected', at: T0 }]).state, T0 + 60_000)).toBe('connecting');
  });

  it('turns stale after 15 s without any message, and live again with the next heartbeat', () => {
    const { state } = run(connectedWithSnapshot);
    expect(deriveConnectionState(state, T0 + STALE_AFTER_MS)).toBe('live');
    expect(deriveConnectionState(state, T0 + STALE_AFTER_MS + 1)).toBe('stale');
    const revived = run(
      [
        {
          type: 'heartbeat',
          at: T0 + 20_000,
          heartbeat: { scope: 'province', stream: 's1', seq: 10, at: '' },
        },
      ],
      state,
    );
    expect(deriveConnectionState(revived.state, T0 + 20_000)).toBe('live');
  });
});

describe('the ranking scope', () => {
  const update = (seq: number, stream = 's1') =>
    ({ scope: 'ranking', stream, seq, serverVersion: 'v1', at: '', ranking: { units: [] } }) as never;

  it('keeps the newest ranking, ignores an older one, and takes any of a new stream', () => {
    const { state } = run([
      { type: 'ranking', at: T0, update: update(2) },
      { type: 'ranking', at: T0 + 1, update: update(1) },
    ]);
    expect(state.ranking?.seq).toBe(2);
    expect(run([{ type: 'ranking', at: T0 + 2, update: update(0, 's2') }], state).state.ranking?.stream).toBe(
      's2',
    );
  });

  it('a heartbeat ahead of the ranking, or of another stream, means an update was lost', () => {
    const { state } = run([{ type: 'ranking', at: T0, update: update(2) }]);
    const beat = (seq: number, stream = 's1') => ({ scope: 'ranking' as const, stream, seq, at: '' });
    expect(rankingIsBehind(state.ranking, beat(2))).toBe(false);
    expect(rankingIsBehind(state.ranking, beat(3))).toBe(true);
    expect(rankingIsBehind(state.ranking, beat(2, 's2'))).toBe(true);
    expect(rankingIsBehind(null, beat(3))).toBe(false);
  });
});
