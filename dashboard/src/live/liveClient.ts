import {
  LIVE_WHOLE_SCOPES,
  type LiveAck,
  type LiveAlertsUpdate,
  type LiveClientToServerEvents,
  type LiveFeedUpdate,
  type LiveFiguresScope,
  type LiveRevoked,
  type LiveHeartbeat,
  type LiveRankingUpdate,
  type LiveScope,
  type LiveServerToClientEvents,
  type LiveSnapshot,
  type LiveWholeScope,
  type LiveWholeUpdate,
} from '@ioc/shared';
import type { Socket } from 'socket.io-client';
import {
  initialFiguresScope,
  initialWholeScope,
  reduceFiguresScope,
  reduceWholeScope,
  wholeScopeIsBehind,
  type ConnectionFacts,
  type FiguresScopeEvent,
  type FiguresScopeState,
  type WholeScopeState,
} from './scopeState';

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A refused subscription (no server leads the figures for a moment) is asked again this soon. */
const RESUBSCRIBE_AFTER_MS = 2_000;
const SUBSCRIBE_TIMEOUT_MS = 15_000;
/**
 * A scope nobody shows any more is left this long before unsubscribing: a rotating wall comes
 * back to its screens, and a new snapshot for each visit would cost more than the deltas.
 */
export const UNFOLLOW_AFTER_MS = 60_000;

export interface WholeUpdates {
  ranking: LiveRankingUpdate;
  feed: LiveFeedUpdate;
  alerts: LiveAlertsUpdate;
}

type ScopeCopy = { kind: 'figures'; state: FiguresScopeState } | { kind: 'whole'; state: WholeScopeState };

interface Followed {
  copy: ScopeCopy;
  /** Screens and panels showing it. */
  followers: number;
  /** Subscribed on the current connection (acknowledged). */
  subscribed: boolean;
  unfollowTimer: ReturnType<typeof setTimeout> | null;
}

const isWhole = (scope: LiveScope): scope is LiveWholeScope =>
  (LIVE_WHOLE_SCOPES as readonly string[]).includes(scope);

/**
 * The app's one live connection (`/live`): every panel that asks for a scope shares its
 * subscription and its copy; a copy is a snapshot plus deltas in sequence, and a gap asks for a
 * fresh snapshot. Every (re)connect subscribes again to all followed scopes. State is read
 * through `useLiveScope` and `useConnection` (useSyncExternalStore over `onChange`).
 */
export class LiveClient {
  private readonly followed = new Map<LiveScope, Followed>();
  private readonly listeners = new Set<() => void>();
  private facts: ConnectionFacts = {
    socketConnected: false,
    everConnected: false,
    lastMessageAt: null,
    awaitingSnapshotSince: null,
  };
  private serverVersionListener: ((version: string) => void) | null = null;
  private resubscribeTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly socket: LiveSocket,
    /** The credential ended: the server says so (`live:revoked`) or refuses to connect (auth.*). */
    private readonly onRevoked: (revoked: LiveRevoked | null) => void = () => undefined,
  ) {
    socket.on('connect', () => this.onConnect());
    socket.on('live:revoked', (revoked) => this.revoke(revoked));
    socket.on('connect_error', (error) => {
      const data = (error as { data?: { code?: unknown; message?: unknown; messageEn?: unknown } }).data;
      if (typeof data?.code !== 'string' || !data.code.startsWith('auth.')) return;
      this.revoke(
        data.code === 'auth.display-revoked'
          ? {
              reason: 'display-revoked',
              message: typeof data.message === 'string' ? data.message : '',
              messageEn: typeof data.messageEn === 'string' ? data.messageEn : '',
            }
          : null,
      );
    });
    socket.on('disconnect', (reason) => {
      for (const entry of this.followed.values()) entry.subscribed = false;
      this.setFacts({ socketConnected: false });
      // socket.io does not reconnect by itself after a server-side disconnect; a wall never gives up.
      if (reason === 'io server disconnect' && !this.closed) socket.connect();
    });
    socket.on('live:snapshot', (snapshot) => this.onSnapshot(snapshot));
    socket.on('live:delta', (delta) =>
      this.reduceFigures(delta.scope, { type: 'delta', delta, at: Date.now() }),
    );
    socket.on('live:heartbeat', (heartbeat) => this.onHeartbeat(heartbeat));
    socket.on('live:ranking', (update) => this.onWhole(update));
    socket.on('live:feed', (update) => this.onWhole(update));
    socket.on('live:alerts', (update) => this.onWhole(update));
  }

  /** Called with the dashboard build every snapshot announces (reload after a deploy). */
  onServerVersion(listener: (version: string) => void): void {
    this.serverVersionListener = listener;
  }

  /** Shows a scope: subscribes on the first follower; returns the function that stops following. */
  follow(scope: LiveScope): () => void {
    let entry = this.followed.get(scope);
    if (!entry) {
      entry = {
        copy: isWhole(scope)
          ? { kind: 'whole', state: initialWholeScope }
          : { kind: 'figures', state: initialFiguresScope },
        followers: 0,
        subscribed: false,
        unfollowTimer: null,
      };
      this.followed.set(scope, entry);
      this.subscribe([scope]);
    }
    entry.followers += 1;
    if (entry.unfollowTimer) clearTimeout(entry.unfollowTimer);
    entry.unfollowTimer = null;
    const followedEntry = entry;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      followedEntry.followers -= 1;
      if (followedEntry.followers > 0) return;
      followedEntry.unfollowTimer = setTimeout(() => this.unfollow(scope), UNFOLLOW_AFTER_MS);
    };
  }

  figures(scope: LiveFiguresScope): FiguresScopeState {
    const copy = this.followed.get(scope)?.copy;
    return copy?.kind === 'figures' ? copy.state : initialFiguresScope;
  }

  whole<S extends LiveWholeScope>(scope: S): WholeScopeState<WholeUpdates[S]> {
    const copy = this.followed.get(scope)?.copy;
    return (copy?.kind === 'whole' ? copy.state : initialWholeScope) as WholeScopeState<WholeUpdates[S]>;
  }

  connection(): ConnectionFacts {
    return this.facts;
  }

  /** For useSyncExternalStore: called after every change of any scope or of the connection. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Scopes currently followed (and kept for a while after their last follower left). */
  followedScopes(): LiveScope[] {
    return [...this.followed.keys()];
  }

  /** A revoked or expired credential: no reconnecting with it; the app decides what to show. */
  private revoke(revoked: LiveRevoked | null): void {
    if (this.closed) return;
    this.close();
    this.onRevoked(revoked);
  }

  close(): void {
    this.closed = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    for (const entry of this.followed.values()) if (entry.unfollowTimer) clearTimeout(entry.unfollowTimer);
    this.followed.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  private unfollow(scope: LiveScope): void {
    const entry = this.followed.get(scope);
    if (!entry || entry.followers > 0) return;
    this.followed.delete(scope);
    if (this.socket.connected) this.socket.emit('live:unsubscribe', { scopes: [scope] });
    this.refreshAwaiting();
    this.notify();
  }

  private onConnect(): void {
    const at = Date.now();
    for (const [scope, entry] of this.followed) {
      entry.subscribed = false;
      if (entry.copy.kind === 'figures') this.reduceFigures(scope, { type: 'reconnected', at }, false);
    }
    this.setFacts({ socketConnected: true, everConnected: true, lastMessageAt: at });
    this.subscribe([...this.followed.keys()]);
  }

  /**
   * Subscribes to scopes not yet subscribed on this connection. A refusal of the whole request
   * (no leader for a moment, the connection's request budget) or no answer is asked again;
   * a scope refused for itself keeps the reason, and is asked again too (its unit may come back);
   * a scope the role may not follow (`denied`) is not asked again on this connection.
   */
  private subscribe(scopes: LiveScope[]): void {
    if (!this.socket.connected || this.closed) return;
    const wanted = scopes.filter((scope) => {
      const entry = this.followed.get(scope);
      return entry !== undefined && !entry.subscribed;
    });
    if (wanted.length === 0) return;
    for (const scope of wanted) this.followed.get(scope)!.subscribed = true;
    void this.socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('live:subscribe', { scopes: wanted })
      .then(
        (ack: LiveAck) => ack,
        (): LiveAck => ({ ok: false, errors: ['no answer'] }),
      )
      .then((ack) => {
        if (ack.ok) return;
        const at = Date.now();
        const denied = new Set<string>(ack.denied ?? []);
        const refusedScopes = wanted.filter(
          (scope) =>
            denied.has(scope) ||
            ack.errors.some((error) => error.startsWith(`${scope}:`) || error.includes(`'${scope}'`)),
        );
        const refused = refusedScopes.length > 0 ? refusedScopes : wanted;
        for (const scope of refused) {
          const entry = this.followed.get(scope);
          if (!entry) continue;
          const isDenied = denied.has(scope);
          // Denied stays "subscribed": asking again on this connection would be refused again.
          entry.subscribed = isDenied;
          const reason = ack.errors.find((error) => error.includes(scope)) ?? ack.errors.join('; ');
          if (entry.copy.kind === 'figures') {
            this.reduceFigures(scope, { type: 'refused', reason, denied: isDenied, at });
          } else {
            entry.copy = { kind: 'whole', state: { ...entry.copy.state, refusal: reason, denied: isDenied } };
          }
        }
        this.notify();
        if (refused.some((scope) => !denied.has(scope))) this.scheduleResubscribe();
      });
  }

  private scheduleResubscribe(): void {
    if (this.resubscribeTimer) return;
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = null;
      this.subscribe([...this.followed.keys()]);
    }, RESUBSCRIBE_AFTER_MS);
  }

  private onSnapshot(snapshot: LiveSnapshot): void {
    this.serverVersionListener?.(snapshot.serverVersion);
    this.reduceFigures(snapshot.scope, { type: 'snapshot', snapshot, at: Date.now() });
  }

  private onHeartbeat(heartbeat: LiveHeartbeat): void {
    const scope = heartbeat.scope;
    if (!isWhole(scope)) {
      this.reduceFigures(scope, { type: 'heartbeat', heartbeat, at: Date.now() });
      return;
    }
    const entry = this.followed.get(scope);
    if (entry?.copy.kind !== 'whole') return;
    entry.copy = { kind: 'whole', state: { ...entry.copy.state, lastMessageAt: Date.now() } };
    if (wholeScopeIsBehind(entry.copy.state, heartbeat)) this.socket.emit('live:resync', { scope });
    this.setFacts({ lastMessageAt: Date.now() });
  }

  private onWhole(update: LiveWholeUpdate): void {
    const entry = this.followed.get(update.scope);
    if (entry?.copy.kind !== 'whole') return;
    this.serverVersionListener?.(update.serverVersion);
    const at = Date.now();
    entry.copy = { kind: 'whole', state: reduceWholeScope(entry.copy.state, update, at) };
    this.setFacts({ lastMessageAt: at });
  }

  private reduceFigures(scope: LiveScope, event: FiguresScopeEvent, notify = true): void {
    const entry = this.followed.get(scope);
    if (entry?.copy.kind !== 'figures') return;
    const transition = reduceFiguresScope(entry.copy.state, event);
    entry.copy = { kind: 'figures', state: transition.state };
    if (transition.resync && this.socket.connected) this.socket.emit('live:resync', { scope });
    this.refreshAwaiting();
    if (event.type !== 'reconnected' && event.type !== 'refused')
      this.facts = { ...this.facts, lastMessageAt: event.at };
    if (notify) this.notify();
  }

  private refreshAwaiting(): void {
    let earliest: number | null = null;
    for (const entry of this.followed.values()) {
      if (entry.copy.kind !== 'figures') continue;
      const since = entry.copy.state.awaitingSnapshotSince;
      if (since !== null && (earliest === null || since < earliest)) earliest = since;
    }
    if (earliest !== this.facts.awaitingSnapshotSince)
      this.facts = { ...this.facts, awaitingSnapshotSince: earliest };
  }

  private setFacts(change: Partial<ConnectionFacts>): void {
    this.facts = { ...this.facts, ...change };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
