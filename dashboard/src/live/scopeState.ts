import {
  applyLiveDelta,
  heartbeatShowsGap,
  liveScopeStateOf,
  type LiveDelta,
  type LiveHeartbeat,
  type LiveScopeState,
  type LiveSnapshot,
  type LiveWholeUpdate,
} from '@ioc/shared';

/** No heartbeat (every 5 s per scope) or other message for this long and the figures are stale. */
export const STALE_AFTER_MS = 11_000;

/**
 * A client's copy of a figures scope (`province`, `unit:X`, `field:F`): a snapshot, then deltas in
 * sequence. Bounded by the scope's entries (units, fields, former provinces), replaced whole by
 * each snapshot. Times are the client's own clock, in epoch ms.
 */
export interface FiguresScopeState {
  /** Null until the first snapshot. */
  data: LiveScopeState | null;
  lastMessageAt: number | null;
  /** Set while the copy is known to be behind and a fresh snapshot is awaited. */
  awaitingSnapshotSince: number | null;
  /** Why the server refused the scope, when it did. */
  refusal: string | null;
  /** The signed-in role may not follow this scope (not a failure: nothing to wait for). */
  denied: boolean;
}

/** A client's copy of a whole scope (`ranking`, `feed`, `alerts`): the latest update replaces it. */
export interface WholeScopeState<U extends LiveWholeUpdate = LiveWholeUpdate> {
  update: U | null;
  lastMessageAt: number | null;
  refusal: string | null;
  denied: boolean;
}

export const initialFiguresScope: FiguresScopeState = {
  data: null,
  lastMessageAt: null,
  awaitingSnapshotSince: null,
  refusal: null,
  denied: false,
};

export const initialWholeScope: WholeScopeState<never> = {
  update: null,
  lastMessageAt: null,
  refusal: null,
  denied: false,
};

export type FiguresScopeEvent =
  | { type: 'reconnected'; at: number }
  | { type: 'snapshot'; snapshot: LiveSnapshot; at: number }
  | { type: 'delta'; delta: LiveDelta; at: number }
  | { type: 'heartbeat'; heartbeat: LiveHeartbeat; at: number }
  | { type: 'refused'; reason: string; denied: boolean; at: number };

export interface FiguresScopeTransition {
  state: FiguresScopeState;
  /** True when the client must ask the server for a fresh snapshot (`live:resync`). */
  resync: boolean;
}

function askForSnapshot(state: FiguresScopeState, at: number): FiguresScopeTransition {
  return { state: { ...state, lastMessageAt: at, awaitingSnapshotSince: at }, resync: true };
}

/** Pure transition of a figures scope; the live client performs the `resync` it asks for. */
export function reduceFiguresScope(
  state: FiguresScopeState,
  event: FiguresScopeEvent,
): FiguresScopeTransition {
  switch (event.type) {
    case 'reconnected':
      // A new connection subscribes again and gets a snapshot: wait for it without asking.
      return {
        state: { ...state, awaitingSnapshotSince: state.data ? event.at : null },
        resync: false,
      };
    case 'snapshot':
      return {
        state: {
          data: liveScopeStateOf(event.snapshot),
          lastMessageAt: event.at,
          awaitingSnapshotSince: null,
          refusal: null,
          denied: false,
        },
        resync: false,
      };
    case 'delta': {
      // Deltas before a snapshot, or after a gap, cannot be applied to anything trustworthy.
      if (!state.data || state.awaitingSnapshotSince !== null) {
        return { state: { ...state, lastMessageAt: event.at }, resync: false };
      }
      const applied = applyLiveDelta(state.data, event.delta);
      if (applied.kind === 'gap') return askForSnapshot(state, event.at);
      return { state: { ...state, data: applied.state, lastMessageAt: event.at }, resync: false };
    }
    case 'heartbeat': {
      // A heartbeat ahead of our number means the last delta(s) were lost with no later delta to
      // reveal the gap; another stream means a restarted server or a new leader.
      const behind =
        state.data !== null &&
        state.awaitingSnapshotSince === null &&
        heartbeatShowsGap(state.data, event.heartbeat);
      if (behind) return askForSnapshot(state, event.at);
      // A snapshot that never came (lost request, busy server) is asked for again, without
      // resetting the wait, so the screen keeps saying its figures are stale until one arrives.
      const snapshotOverdue =
        state.awaitingSnapshotSince !== null && event.at - state.awaitingSnapshotSince > STALE_AFTER_MS;
      return { state: { ...state, lastMessageAt: event.at }, resync: snapshotOverdue };
    }
    case 'refused':
      return { state: { ...state, refusal: event.reason, denied: event.denied }, resync: false };
  }
}

/** The newest update wins; a new stream (a restarted server, a new leader) always replaces. */
export function reduceWholeScope<U extends LiveWholeUpdate>(
  state: WholeScopeState<U>,
  update: U,
  at: number,
): WholeScopeState<U> {
  const current = state.update;
  const newer = current === null || current.stream !== update.stream || update.seq > current.seq;
  return { update: newer ? update : current, lastMessageAt: at, refusal: null, denied: false };
}

/** A heartbeat of a whole scope ahead of the copy means an update was lost: ask again. */
export function wholeScopeIsBehind(state: WholeScopeState, heartbeat: LiveHeartbeat): boolean {
  return (
    state.update !== null && (heartbeat.stream !== state.update.stream || heartbeat.seq > state.update.seq)
  );
}

export type ConnectionState = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'stale';

export interface ConnectionFacts {
  socketConnected: boolean;
  /** A connection was made once: losing it is "reconnecting", not "connecting". */
  everConnected: boolean;
  lastMessageAt: number | null;
  /** The earliest time a followed figures scope started waiting for a snapshot; null when none waits. */
  awaitingSnapshotSince: number | null;
}

/** The single word the header shows; anything but 'live' also makes the whole screen say so. */
export function deriveConnectionState(facts: ConnectionFacts, now: number): ConnectionState {
  if (!facts.socketConnected) return facts.everConnected ? 'reconnecting' : 'connecting';
  if (facts.lastMessageAt === null) return 'connecting';
  if (now - facts.lastMessageAt > STALE_AFTER_MS) return 'stale';
  if (facts.awaitingSnapshotSince !== null) {
    return now - facts.awaitingSnapshotSince > STALE_AFTER_MS ? 'stale' : 'resyncing';
  }
  return 'live';
}
