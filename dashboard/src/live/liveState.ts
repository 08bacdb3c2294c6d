import {
  applyLiveDelta,
  heartbeatShowsGap,
  liveScopeStateOf,
  type LiveDelta,
  type LiveHeartbeat,
  type LiveRankingUpdate,
  type LiveScopeState,
  type LiveSnapshot,
} from '@ioc/shared';

/** The wall follows the whole province (its own entry, the former provinces, fields and units). */
export const WALL_SCOPE = 'province';
/** The current month's service-index ranking, sent whole when it changes. */
export const RANKING_SCOPE = 'ranking';

/** No heartbeat (every 5 s) or other message for this long and the wall says its figures are stale. */
export const STALE_AFTER_MS = 15_000;

/** What the wall knows of the live stream. Times are the wall's own clock, in epoch ms. */
export interface LiveState {
  /** The province scope: bounded by its entries (units, fields...), replaced whole by each snapshot. */
  scope: LiveScopeState;
  /** The latest ranking update; null until the first one. */
  ranking: LiveRankingUpdate | null;
  serverVersion: string | null;
  hasSnapshot: boolean;
  socketConnected: boolean;
  lastMessageAt: number | null;
  /** Set while the figures are known to be behind and a fresh snapshot is awaited. */
  awaitingSnapshotSince: number | null;
}

export type LiveEvent =
  | { type: 'connected'; at: number }
  | { type: 'disconnected'; at: number }
  | { type: 'snapshot'; snapshot: LiveSnapshot; at: number }
  | { type: 'delta'; delta: LiveDelta; at: number }
  | { type: 'heartbeat'; heartbeat: LiveHeartbeat; at: number }
  | { type: 'ranking'; update: LiveRankingUpdate; at: number };

export interface LiveTransition {
  state: LiveState;
  /** True when the wall must ask the server for a fresh snapshot (`live:resync`). */
  resync: boolean;
}

export const initialLiveState: LiveState = {
  scope: { stream: '', seq: 0, entries: new Map() },
  ranking: null,
  serverVersion: null,
  hasSnapshot: false,
  socketConnected: false,
  lastMessageAt: null,
  awaitingSnapshotSince: null,
};

function askForSnapshot(state: LiveState, at: number): LiveTransition {
  return { state: { ...state, lastMessageAt: at, awaitingSnapshotSince: at }, resync: true };
}

/** Pure transition of the live state; the hook performs the `resync` it asks for. */
export function reduceLive(state: LiveState, event: LiveEvent): LiveTransition {
  switch (event.type) {
    case 'connected':
      // Every connection subscribes again and gets a snapshot, so a reconnect waits for it without asking.
      return {
        state: {
          ...state,
          socketConnected: true,
          lastMessageAt: event.at,
          awaitingSnapshotSince: state.hasSnapshot ? event.at : null,
        },
        resync: false,
      };
    case 'disconnected':
      return { state: { ...state, socketConnected: false }, resync: false };
    case 'snapshot': {
      return {
        state: {
          ...state,
          scope: liveScopeStateOf(event.snapshot),
          serverVersion: event.snapshot.serverVersion,
          hasSnapshot: true,
          lastMessageAt: event.at,
          awaitingSnapshotSince: null,
        },
        resync: false,
      };
    }
    case 'delta': {
      // Deltas before a snapshot, or after a gap, cannot be applied to anything trustworthy.
      if (!state.hasSnapshot || state.awaitingSnapshotSince !== null) {
        return { state: { ...state, lastMessageAt: event.at }, resync: false };
      }
      const applied = applyLiveDelta(state.scope, event.delta);
      if (applied.kind === 'gap') return askForSnapshot(state, event.at);
      return {
        state: { ...state, scope: applied.state, lastMessageAt: event.at },
        resync: false,
      };
    }
    case 'ranking': {
      const current = state.ranking;
      const newer =
        current === null || current.stream !== event.update.stream || event.update.seq > current.seq;
      return {
        state: { ...state, ranking: newer ? event.update : current, lastMessageAt: event.at },
        resync: false,
      };
    }
    case 'heartbeat': {
      const { heartbeat } = event;
      // A heartbeat ahead of our sequence means the last delta(s) were lost with no later delta to reveal
      // the gap; another stream means a restarted server (or a new leader) whose numbering started over.
      const behind =
        state.hasSnapshot &&
        state.awaitingSnapshotSince === null &&
        heartbeatShowsGap(state.scope, heartbeat);
      if (behind) return askForSnapshot(state, event.at);
      // A snapshot that never came (lost request, busy server) is asked for again, without resetting
      // the wait, so the wall keeps saying its figures are stale until one arrives.
      const snapshotOverdue =
        state.awaitingSnapshotSince !== null && event.at - state.awaitingSnapshotSince > STALE_AFTER_MS;
      return { state: { ...state, lastMessageAt: event.at }, resync: snapshotOverdue };
    }
  }
}

/**
 * A ranking update is whole: the newest wins (a new stream is a restarted server or a new leader).
 * A ranking heartbeat ahead of it means an update was lost: the wall asks for the ranking again.
 */
export function rankingIsBehind(ranking: LiveRankingUpdate | null, heartbeat: LiveHeartbeat): boolean {
  return ranking !== null && (heartbeat.stream !== ranking.stream || heartbeat.seq > ranking.seq);
}

export type ConnectionState = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'stale';

/** The single word the header shows; anything but 'live' also makes the whole wall say so. */
export function deriveConnectionState(state: LiveState, now: number): ConnectionState {
  if (!state.socketConnected) return state.hasSnapshot ? 'reconnecting' : 'connecting';
  if (!state.hasSnapshot) return 'connecting';
  if (state.lastMessageAt === null || now - state.lastMessageAt > STALE_AFTER_MS) return 'stale';
  if (state.awaitingSnapshotSince !== null) {
    return now - state.awaitingSnapshotSince > STALE_AFTER_MS ? 'stale' : 'resyncing';
  }
  return 'live';
}
