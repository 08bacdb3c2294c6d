import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  changedLiveFigures,
  type LiveDelta,
  type LiveEntry,
  type LiveEntryPatch,
  type LiveFiguresScope,
  type LiveHeartbeat,
  type LiveRankingUpdate,
  type LiveScope,
  type LiveSnapshot,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { LiveMetricsService, type LiveChange } from './live-metrics.service';
import { LiveRankingService } from './live-ranking.service';

/** At most 4 deltas a second per scope: a burst of 10,000 events becomes a few messages. */
const SCOPE_MIN_INTERVAL_MS = 250;
const HEARTBEAT_MS = 5_000;

/** Where deltas and heartbeats go: the socket.io room of the scope, on every server process. */
export interface LiveSink {
  delta(delta: LiveDelta): void;
  ranking(update: LiveRankingUpdate): void;
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

  constructor(
    private readonly figures: LiveMetricsService,
    private readonly ranking: LiveRankingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

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
    this.ranking.lead(this.stream, (update) => sink.ranking(update));
    this.heartbeat = setInterval(() => this.sendHeartbeats(), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.figures.start();
    for (const scope of followed) await this.snapshot(scope).catch(() => undefined);
    this.sendHeartbeats();
  }

  async stepDown(): Promise<void> {
    this.stopTimers();
    this.ranking.stepDown();
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
  async snapshot(scope: 'ranking'): Promise<LiveRankingUpdate>;
  async snapshot(scope: LiveFiguresScope): Promise<LiveSnapshot>;
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveRankingUpdate>;
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveRankingUpdate> {
    this.assertKnown(scope);
    await this.figures.ready();
    if (scope === 'ranking') return this.ranking.snapshot();
    // Declared by the shared protocol, served once the wall's server side lands (issue 11).
    if (scope === 'feed' || scope === 'alerts') throw new Error(`${scope}: not served by this server yet`);
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
    const rankingSeq = this.ranking.currentSeq;
    if (rankingSeq !== null)
      this.sink?.heartbeat({ scope: 'ranking', stream: this.stream, seq: rankingSeq, at });
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
