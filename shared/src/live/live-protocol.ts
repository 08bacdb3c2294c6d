import type { UnitLiveMetrics } from './live-metrics';

/**
 * The socket.io protocol between the server and every wall (namespace `/live`).
 * A client gets a snapshot with a sequence number, then deltas carrying the next numbers;
 * on a gap it asks for a fresh snapshot, so it never shows a half-applied state.
 */
export const LIVE_NAMESPACE = '/live';

export interface LiveSnapshot {
  seq: number;
  serverVersion: string;
  at: string;
  units: UnitLiveMetrics[];
}

/** Only the units whose figures changed since the previous sequence number. */
export interface LiveDelta {
  seq: number;
  at: string;
  units: UnitLiveMetrics[];
}

export interface LiveHeartbeat {
  seq: number;
  at: string;
  serverVersion: string;
}

export interface LiveServerToClientEvents {
  'live:snapshot': (snapshot: LiveSnapshot) => void;
  'live:delta': (delta: LiveDelta) => void;
  'live:heartbeat': (heartbeat: LiveHeartbeat) => void;
}

export interface LiveClientToServerEvents {
  'live:resync': () => void;
}

export type LiveApplyResult =
  { kind: 'applied'; units: Map<string, UnitLiveMetrics>; seq: number } | { kind: 'gap' };

/** Applies a delta to a client's state; a sequence gap means the client must resync. */
export function applyLiveDelta(
  units: ReadonlyMap<string, UnitLiveMetrics>,
  seq: number,
  delta: LiveDelta,
): LiveApplyResult {
  if (delta.seq <= seq) return { kind: 'applied', units: new Map(units), seq };
  if (delta.seq !== seq + 1) return { kind: 'gap' };
  const next = new Map(units);
  for (const unit of delta.units) next.set(unit.unitCode, unit);
  return { kind: 'applied', units: next, seq: delta.seq };
}
