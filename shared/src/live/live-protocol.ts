import { z } from 'zod';
import type { Ranking } from '../service-index/ranking-api';
import type { WallAlert } from '../wall/wall-alerts';
import type { WallFeed } from '../wall/wall-feed';
import type { LiveFigures } from './live-figures';

/**
 * The socket.io protocol between the server and every screen (namespace `/live`), described in
 * `docs/realtime.md`. A client subscribes to scopes; per scope it gets a snapshot with a sequence
 * number, then deltas carrying the next numbers; on a gap it asks for a fresh snapshot, so it never
 * shows a half-applied state.
 */
export const LIVE_NAMESPACE = '/live';

/**
 * What a client can watch:
 * - `province`: the province, its three former provinces, every field and every unit;
 * - `unit:<code>`: one unit, and its figures per field;
 * - `field:<field>`: one field across the province, and its figures per unit;
 * - `ranking`: the current month's service-index ranking (sent whole when it changes);
 * - `feed`: the latest poor ratings, dossiers turned overdue and resolved late (sent whole);
 * - `alerts`: the wall alerts in force (sent whole).
 */
export type LiveWholeScope = 'ranking' | 'feed' | 'alerts';
export type LiveScope = 'province' | LiveWholeScope | `unit:${string}` | `field:${string}`;
export type LiveFiguresScope = Exclude<LiveScope, LiveWholeScope>;
export const LIVE_WHOLE_SCOPES: readonly LiveWholeScope[] = ['ranking', 'feed', 'alerts'];

/** The kinds of scope, each decided on its own by the server's access policy. */
export const LIVE_SCOPE_KINDS = ['province', 'ranking', 'feed', 'alerts', 'unit', 'field'] as const;
export type LiveScopeKind = (typeof LIVE_SCOPE_KINDS)[number];

export function liveScopeKind(scope: LiveScope): LiveScopeKind {
  if (scope.startsWith('unit:')) return 'unit';
  if (scope.startsWith('field:')) return 'field';
  return scope as Exclude<LiveScope, `unit:${string}` | `field:${string}`>;
}

export const liveScopeSchema = z
  .string()
  .max(200)
  .regex(/^(province|ranking|feed|alerts|unit:\d{5}|field:[a-z0-9_-]{1,60})$/, {
    message:
      "a scope is 'province', 'ranking', 'feed', 'alerts', 'unit:<5-digit unit code>' or 'field:<field code>'",
  })
  .transform((scope) => scope as LiveScope);

/** Scopes are checked one by one afterwards (`liveScopeSchema`): a bad one does not spoil the others. */
export const liveSubscribeRequestSchema = z.object({
  scopes: z.array(z.string().max(200)).min(1).max(50),
});
export type LiveSubscribeRequest = z.input<typeof liveSubscribeRequestSchema>;

export const liveResyncRequestSchema = z.object({ scope: liveScopeSchema });
export type LiveResyncRequest = z.input<typeof liveResyncRequestSchema>;

/**
 * `denied` lists the scopes the connection's role may not follow (each also has its reason in
 * `errors`); the others named in `errors` were malformed, unknown or over budget.
 */
export type LiveAck = { ok: true } | { ok: false; errors: string[]; denied?: string[] };

export type LiveEntryKind = 'province' | 'former-province' | 'field' | 'unit';

/**
 * One row of a scope: the province, a former province, a field or a unit. Inside `unit:X` the
 * field entries are that unit's; inside `field:F` the unit entries are that field's.
 */
export interface LiveEntry {
  /** `<kind>:<code>`, unique inside a scope. */
  key: string;
  kind: LiveEntryKind;
  /** Unit code, field code, former-province name, or `province`. */
  code: string;
  figures: LiveFigures;
}

export interface LiveSnapshot {
  scope: LiveFiguresScope;
  /**
   * Identifies the numbering: a new one after a server restart or a leader change in a
   * multi-process deployment. A delta or heartbeat of another stream means "resync".
   */
  stream: string;
  seq: number;
  /** The dashboard build the answering server serves: an open wall of another build reloads. */
  serverVersion: string;
  at: string;
  entries: LiveEntry[];
}

/**
 * A changed entry: only the figures that changed (an entry new to the scope comes whole). Keeps
 * what thousands of walls receive per delta to a few hundred bytes.
 */
export interface LiveEntryPatch {
  key: string;
  kind: LiveEntryKind;
  code: string;
  figures: Partial<LiveFigures>;
}

/** The entries of a scope whose figures changed since the previous sequence number. */
export interface LiveDelta {
  scope: LiveFiguresScope;
  stream: string;
  seq: number;
  at: string;
  entries: LiveEntryPatch[];
}

/** Every 5 s per scope: "no change" is then distinguishable from a dead connection. */
export interface LiveHeartbeat {
  scope: LiveScope;
  stream: string;
  seq: number;
  at: string;
}

/**
 * The current month's ranking, whole: on subscribing to `ranking`, then each time it changes (at
 * most every few seconds). Being whole, it needs no deltas; `seq` orders the updates.
 */
export interface LiveRankingUpdate {
  scope: 'ranking';
  stream: string;
  seq: number;
  serverVersion: string;
  at: string;
  ranking: Ranking;
}

/** The wall's live lists, whole: on subscribing to `feed`, then each time they change. */
export interface LiveFeedUpdate {
  scope: 'feed';
  stream: string;
  seq: number;
  serverVersion: string;
  at: string;
  feed: WallFeed;
}

/** The wall alerts in force, whole: on subscribing to `alerts`, then each time they change. */
export interface LiveAlertsUpdate {
  scope: 'alerts';
  stream: string;
  seq: number;
  serverVersion: string;
  at: string;
  alerts: WallAlert[];
}

/** What a whole scope sends: the update replaces the client's copy. */
export type LiveWholeUpdate = LiveRankingUpdate | LiveFeedUpdate | LiveAlertsUpdate;

/**
 * The connection's credential ended: the display was revoked, the person signed out, was disabled
 * or the session expired. The server disconnects the socket right after; a wall shows
 * "Màn hình đã bị thu hồi" (`display-revoked`) and does not reconnect.
 */
export interface LiveRevoked {
  reason: 'display-revoked' | 'session-ended';
  /** Vietnamese, for the screen. */
  message: string;
  messageEn: string;
}

export interface LiveServerToClientEvents {
  'live:revoked': (revoked: LiveRevoked) => void;
  'live:snapshot': (snapshot: LiveSnapshot) => void;
  'live:ranking': (update: LiveRankingUpdate) => void;
  'live:feed': (update: LiveFeedUpdate) => void;
  'live:alerts': (update: LiveAlertsUpdate) => void;
  'live:delta': (delta: LiveDelta) => void;
  'live:heartbeat': (heartbeat: LiveHeartbeat) => void;
}

export interface LiveClientToServerEvents {
  'live:subscribe': (request: LiveSubscribeRequest, ack?: (result: LiveAck) => void) => void;
  'live:unsubscribe': (request: LiveSubscribeRequest, ack?: (result: LiveAck) => void) => void;
  'live:resync': (request: LiveResyncRequest, ack?: (result: LiveAck) => void) => void;
}

/** A client's copy of one scope. */
export interface LiveScopeState {
  stream: string;
  seq: number;
  entries: ReadonlyMap<string, LiveEntry>;
}

export function liveScopeStateOf(snapshot: LiveSnapshot): LiveScopeState {
  return {
    stream: snapshot.stream,
    seq: snapshot.seq,
    entries: new Map(snapshot.entries.map((entry) => [entry.key, entry])),
  };
}

export type LiveApplyResult = { kind: 'applied'; state: LiveScopeState } | { kind: 'gap' };

/**
 * Applies a delta to a client's copy of its scope. An old delta (at or below the current number)
 * is ignored; another stream or a skipped number is a gap: the client must ask for a snapshot.
 */
export function applyLiveDelta(state: LiveScopeState, delta: LiveDelta): LiveApplyResult {
  if (delta.stream !== state.stream) return { kind: 'gap' };
  if (delta.seq <= state.seq) return { kind: 'applied', state };
  if (delta.seq !== state.seq + 1) return { kind: 'gap' };
  const entries = new Map(state.entries);
  for (const patch of delta.entries) {
    const before = entries.get(patch.key);
    // An entry new to the scope comes with all its figures.
    const figures = before ? { ...before.figures, ...patch.figures } : (patch.figures as LiveFigures);
    entries.set(patch.key, { key: patch.key, kind: patch.kind, code: patch.code, figures });
  }
  return { kind: 'applied', state: { stream: delta.stream, seq: delta.seq, entries } };
}

/** A heartbeat of another stream, or ahead of the client, means deltas were lost: resync. */
export function heartbeatShowsGap(state: LiveScopeState, heartbeat: LiveHeartbeat): boolean {
  return heartbeat.stream !== state.stream || heartbeat.seq > state.seq;
}
