import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  changedLiveFigures,
  type LiveDelta,
  type LiveEntry,
  type LiveEntryPatch,
  type LiveFiguresScope,
  type LiveHeartbeat,
  type LiveScope,
  type LiveSnapshot,
  type LiveWholeScope,
  type LiveWholeUpdate,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { LiveAlertsService } from './live-alerts.service';
import { LiveFeedService } from './live-feed.service';
import { LiveMetricsService, type LiveChange } from './live-metrics.service';
import { LiveRankingService } from './live-ranking.service';
import { isLiveWholeScope, type LiveWholeScopeStream, type LiveWholeUpdateOf } from './live-whole-scope';

/** At most 4 deltas a second per scope: a burst of 10,000 events becomes a few messages. */
const SCOPE_MIN_INTERVAL_MS = 250;
const HEARTBEAT_MS = 5_000;

/** Where deltas and heartbeats go: the socket.io room of the scope, on every server process. */
export interface LiveSink {
  delta(delta: LiveDelta): void;
  /** An update of a whole scope (`live:ranking`, `live:feed`, `live:alerts`). */
  whole(update: LiveWholeUpdate): void;
  heartbeat(heartbeat: LiveHeartbeat): void;
}

interface ScopeStream {
  scope: LiveFiguresScope;
  seq: number;
  /** What the clients of the scope have been sent, as of `seq`: the snapshot answers from it. */
  sent: Map<string, LiveEntry>;
  dirty: boolean;
  /** When the oldest ingest not yet sent to this scope was committed (for the event → delta lag). */
  dirtySince: number | null;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Numbers the changes of each scope. A scope is followed from the first time someone asks for
 * it; its snapshot is what was last sent with its sequence number, so a snapshot and the deltas
 * after it always fit together. Each scope has its own coalescing window with a leading edge: the
 * first change after a quiet moment goes out at once, later ones wait for the window to end.
 */
@Injectable()
export class LiveStreamService implements OnModuleDestroy {
  /** A new numbering for every leadership (process start, or takeover in a cluster). */
  private stream = randomUUID();
  private readonly scopes = new Map<LiveFiguresScope, ScopeStream>();
  private sink: LiveSink | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  /** The scopes sent whole, each numbered on its own. */
  private readonly whole: ReadonlyMap<LiveWholeScope, LiveWholeScopeStream>;

  constructor(
    private readonly figures: LiveMetricsService,
    ranking: LiveRankingService,
    feed: LiveFeedService,
    alerts: LiveAlertsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.whole = new Map<LiveWholeScope, LiveWholeScopeStream>(
      [ranking.publisher, feed.publisher, alerts.publisher].map((publisher) => [publisher.scope, publisher]),
    );
  }

  /**
   * This process computes and numbers the figures (always, unless another process leads a
   * cluster). `followed` are the scopes clients already watch (a takeover): they get heartbeats of
   * the new numbering at once, which tells those clients to ask for a fresh snapshot.
   */
  async lead(sink: LiveSink, followed: Iterable<LiveScope> = []): Promise<void> {
    if (this.sink) return;
    this.sink = sink;
    this.stream = randomUUID();
    this.scopes.clear();
    this.unsubscribe = this.figures.onChange((change) => this.onChange(change));
    for (const whole of this.whole.values()) whole.lead(this.stream, (update) => sink.whole(update));
    this.heartbeat = setInterval(() => this.sendHeartbeats(), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.figures.start();
    for (const whole of this.whole.values()) whole.start();
    for (const scope of followed) await this.snapshot(scope).catch(() => undefined);
    this.sendHeartbeats();
  }

  async stepDown(): Promise<void> {
    this.stopTimers();
    for (const whole of this.whole.values()) whole.stepDown();
    this.sink = null;
    this.scopes.clear();
    await this.figures.stop();
  }

  get leading(): boolean {
    return this.sink !== null;
  }

  onModuleDestroy(): void {
    this.stopTimers();
  }

  /** Throws when the scope names an unknown unit or field: the caller tells the client why. */
  async snapshot<S extends LiveWholeScope>(scope: S): Promise<LiveWholeUpdateOf<S>>;
  async snapshot(scope: LiveFiguresScope): Promise<LiveSnapshot>;
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveWholeUpdate>;
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveWholeUpdate> {
    this.assertKnown(scope);
    await this.figures.ready();
    if (isLiveWholeScope(scope)) return this.whole.get(scope)!.snapshot();
    let stream = this.scopes.get(scope);
    if (!stream) {
      stream = {
        scope,
        seq: 0,
        sent: keyed(this.figures.entriesOf(scope)),
        dirty: false,
        dirtySince: null,
        lastSentAt: 0,
        timer: null,
      };
      this.scopes.set(scope, stream);
    }
    return {
      scope,
      stream: this.stream,
      seq: stream.seq,
      serverVersion: this.config.version,
      at: new Date().toISOString(),
      entries: [...stream.sent.values()],
    };
  }

  assertKnown(scope: LiveScope): void {
    if (scope.startsWith('unit:')) {
      const code = scope.slice('unit:'.length);
      if (!this.figures.knowsUnit(code)) throw new Error(`${scope}: no unit has the code '${code}'`);
    } else if (scope.startsWith('field:')) {
      const field = scope.slice('field:'.length);
      if (!this.figures.knowsField(field)) throw new Error(`${scope}: no procedure has the field '${field}'`);
    }
  }

  private onChange(change: LiveChange): void {
    for (const stream of this.scopes.values()) {
      if (!affects(stream.scope, change)) continue;
      if (change.committedAt !== null) {
        stream.dirtySince = Math.min(change.committedAt, stream.dirtySince ?? change.committedAt);
      }
      this.markDirty(stream);
    }
  }

  private markDirty(stream: ScopeStream): void {
    stream.dirty = true;
    if (stream.timer) return;
    const wait = stream.lastSentAt + SCOPE_MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.send(stream);
      return;
    }
    stream.timer = setTimeout(() => {
      stream.timer = null;
      this.send(stream);
    }, wait);
    stream.timer.unref();
  }

  private send(stream: ScopeStream): void {
    if (!stream.dirty || !this.sink) return;
    stream.dirty = false;
    const dirtySince = stream.dirtySince;
    stream.dirtySince = null;
    const changed: LiveEntryPatch[] = [];
    for (const entry of this.figures.entriesOf(stream.scope)) {
      const before = stream.sent.get(entry.key);
      const figures = before ? changedLiveFigures(before.figures, entry.figures) : entry.figures;
      if (figures === null) continue;
      changed.push({ ...entry, figures });
      stream.sent.set(entry.key, entry);
    }
    if (changed.length === 0) return;
    stream.seq += 1;
    stream.lastSentAt = Date.now();
    this.sink.delta({
      scope: stream.scope,
      stream: this.stream,
      seq: stream.seq,
      at: new Date(stream.lastSentAt).toISOString(),
      entries: changed,
    });
    this.metrics.deltasSent.inc({ scope: stream.scope.split(':')[0] });
    if (dirtySince !== null) this.metrics.eventToDelta.observe((stream.lastSentAt - dirtySince) / 1000);
  }

  private sendHeartbeats(): void {
    const at = new Date().toISOString();
    for (const stream of this.scopes.values()) {
      this.sink?.heartbeat({ scope: stream.scope, stream: this.stream, seq: stream.seq, at });
    }
    for (const whole of this.whole.values()) {
      const seq = whole.currentSeq;
      if (seq !== null) this.sink?.heartbeat({ scope: whole.scope, stream: this.stream, seq, at });
    }
  }

  private stopTimers(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const stream of this.scopes.values()) if (stream.timer) clearTimeout(stream.timer);
  }
}

function keyed(entries: LiveEntry[]): Map<string, LiveEntry> {
  return new Map(entries.map((entry) => [entry.key, entry]));
}

function affects(scope: LiveFiguresScope, change: LiveChange): boolean {
  if (scope === 'province') return true;
  if (scope.startsWith('unit:')) return change.units.has(scope.slice('unit:'.length));
  return change.fields.has(scope.slice('field:'.length));
}

/** The socket.io room of a scope: its deltas and heartbeats go there, on every server process. */
export function scopeRoom(scope: LiveScope): string {
  return `${SCOPE_ROOM_PREFIX}${scope}`;
}
export const SCOPE_ROOM_PREFIX = 'scope:';
