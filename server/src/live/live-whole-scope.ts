import { Logger } from '@nestjs/common';
import { LIVE_WHOLE_SCOPES, type LiveScope, type LiveWholeScope, type LiveWholeUpdate } from '@ioc/shared';
import type { LiveChangeListener } from './live-metrics.service';

/** The update a whole scope sends: `live:ranking`, `live:feed` or `live:alerts`. */
export type LiveWholeUpdateOf<S extends LiveWholeScope> = Extract<LiveWholeUpdate, { scope: S }>;
/** What an update of scope S carries besides its numbering. */
export type LiveWholePayloadOf<S extends LiveWholeScope> =
  LiveWholeUpdateOf<S> extends infer U ? (U extends Record<S, infer P> ? P : never) : never;

/** The numbering every update carries. */
export interface LiveWholeHeader {
  stream: string;
  seq: number;
  serverVersion: string;
  at: string;
}

export interface LiveWholeScopeOptions<S extends LiveWholeScope> {
  scope: S;
  /** Counts what the scope says now. */
  count: () => Promise<LiveWholePayloadOf<S>>;
  /** Puts a payload into its update (each scope names its payload after itself). */
  wrap: (header: LiveWholeHeader, payload: LiveWholePayloadOf<S>) => LiveWholeUpdateOf<S>;
  /** What must differ for an update to be sent; the whole payload by default. */
  comparable?: (payload: LiveWholePayloadOf<S>) => string;
  /** After a change of the live figures, recounted at most this often. */
  minIntervalMs: number;
  /** Also recounted this often with no change of the figures: what the clock alone moves. */
  refreshEveryMs?: number;
  /**
   * Counted from the start of leadership, not from the first client that asks: alerts keep
   * their `since` whether or not a wall watches.
   */
  eager?: boolean;
  serverVersion: string;
  /** Where live changes are announced (LiveMetricsService.onChange). */
  onChange: (listener: LiveChangeListener) => () => void;
}

/** What LiveStreamService needs of any whole scope. */
export interface LiveWholeScopeStream {
  readonly scope: LiveWholeScope;
  /** Null while there is nothing numbered yet (nobody asked, not eager). */
  readonly currentSeq: number | null;
  lead(stream: string, send: (update: LiveWholeUpdate) => void): void;
  /** Starts counting an eager scope; the live figures are loaded by then. */
  start(): void;
  stepDown(): void;
  snapshot(): Promise<LiveWholeUpdate>;
}

/**
 * A realtime scope sent whole (`ranking`, `feed`, `alerts`): nothing to diff, each update
 * replaces the client's copy. Followed from the first time a client asks for it (or from the start
 * of leadership when eager); recounted after the live figures change, at most every
 * `minIntervalMs`, and every `refreshEveryMs`; sent with the next number only when what it says
 * changed. The snapshot is the last count with its number, so a snapshot and later updates fit.
 */
export class LiveWholeScopePublisher<S extends LiveWholeScope> implements LiveWholeScopeStream {
  private readonly logger: Logger;
  private seq = 0;
  private current: { payload: LiveWholePayloadOf<S>; at: string; comparable: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refresh: NodeJS.Timeout | null = null;
  private lastCountAt = 0;
  /** Counts run one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private send: ((update: LiveWholeUpdateOf<S>) => void) | null = null;
  private stream = '';
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: LiveWholeScopeOptions<S>) {
    this.logger = new Logger(`LiveWholeScope(${options.scope})`);
  }

  get scope(): S {
    return this.options.scope;
  }

  get currentSeq(): number | null {
    return this.current ? this.seq : null;
  }

  /** The last payload counted (null before the first count): an evaluation may build on it. */
  get currentPayload(): LiveWholePayloadOf<S> | null {
    return this.current?.payload ?? null;
  }

  lead(stream: string, send: (update: LiveWholeUpdateOf<S>) => void): void {
    this.stepDown();
    this.stream = stream;
    this.send = send;
    this.unsubscribe = this.options.onChange(() => this.schedule());
    if (this.options.refreshEveryMs) {
      this.refresh = setInterval(() => this.schedule(), this.options.refreshEveryMs);
      this.refresh.unref();
    }
  }

  start(): void {
    if (this.options.eager) this.schedule();
  }

  stepDown(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.refresh) clearInterval(this.refresh);
    this.timer = null;
    this.refresh = null;
    this.send = null;
    this.current = null;
    this.seq = 0;
  }

  async snapshot(): Promise<LiveWholeUpdateOf<S>> {
    if (!this.current) await this.count();
    return this.updateOf(this.current!);
  }

  /** Recounts now, whatever the interval: something the figures do not show changed (a rule). */
  async recountNow(): Promise<void> {
    if (!this.send || (!this.current && !this.options.eager)) return;
    await this.count();
  }

  private schedule(): void {
    if (!this.send || (!this.current && !this.options.eager) || this.timer) return;
    const wait = Math.max(0, this.lastCountAt + this.options.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.count().catch((error: unknown) =>
        this.logger.warn(`${this.scope} not refreshed: ${(error as Error).message}`),
      );
    }, wait);
    this.timer.unref();
  }

  /** Recounts, after any count already running. */
  private count(): Promise<void> {
    const run = this.queue.then(() => this.countNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async countNow(): Promise<void> {
    this.lastCountAt = Date.now();
    const payload = await this.options.count();
    const comparable = this.options.comparable?.(payload) ?? JSON.stringify(payload);
    if (this.current?.comparable === comparable) return;
    const first = this.current === null;
    this.current = { payload, at: new Date().toISOString(), comparable };
    // The first count is what a client's snapshot answers: nobody holds an older copy to replace.
    if (first) return;
    this.seq += 1;
    this.send?.(this.updateOf(this.current));
  }

  private updateOf(current: { payload: LiveWholePayloadOf<S>; at: string }): LiveWholeUpdateOf<S> {
    const header = {
      stream: this.stream,
      seq: this.seq,
      serverVersion: this.options.serverVersion,
      at: current.at,
    };
    return this.options.wrap(header, current.payload);
  }
}

export function isLiveWholeScope(scope: LiveScope): scope is LiveWholeScope {
  return (LIVE_WHOLE_SCOPES as readonly string[]).includes(scope);
}
