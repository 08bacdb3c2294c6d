import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LiveRankingUpdate, Ranking } from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RankingsService } from '../rankings/rankings.service';
import { LiveMetricsService } from './live-metrics.service';

/**
 * A ranking moves slowly and costs a few aggregate queries: after a change it is recounted at
 * most this often, and pushed only when it differs.
 */
export const RANKING_MIN_INTERVAL_MS = 5_000;

/**
 * The current month's ranking on the realtime protocol (scope `ranking`). Followed from the first
 * time a client asks for it; recounted after the live figures change (an ingest, a deadline
 * passing, a new day or month) and sent whole, with the next number, when it changed.
 */
@Injectable()
export class LiveRankingService {
  private readonly logger = new Logger(LiveRankingService.name);
  private seq = 0;
  private current: { ranking: Ranking; at: string; comparable: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastCountAt = 0;
  /** Counts run one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private send: ((update: LiveRankingUpdate) => void) | null = null;
  private stream = '';
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly rankings: RankingsService,
    private readonly metrics: LiveMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  lead(stream: string, send: (update: LiveRankingUpdate) => void): void {
    this.stepDown();
    this.stream = stream;
    this.send = send;
    this.unsubscribe = this.metrics.onChange(() => this.schedule());
  }

  stepDown(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.send = null;
    this.current = null;
    this.seq = 0;
  }

  /** Null while nobody asked for the ranking: there is nothing to number yet. */
  get currentSeq(): number | null {
    return this.current ? this.seq : null;
  }

  async snapshot(): Promise<LiveRankingUpdate> {
    if (!this.current) await this.count();
    return this.updateOf(this.current!);
  }

  private schedule(): void {
    if (!this.current || this.timer) return;
    const wait = Math.max(0, this.lastCountAt + RANKING_MIN_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.count().catch((error: unknown) =>
        this.logger.warn(`ranking not refreshed: ${(error as Error).message}`),
      );
    }, wait);
    this.timer.unref();
  }

  /** Recounts the ranking, after any count already running. */
  private count(): Promise<void> {
    const run = this.queue.then(() => this.countNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async countNow(): Promise<void> {
    this.lastCountAt = Date.now();
    const ranking = await this.rankings.ranking();
    // `evaluatedAt` changes with every count; the ranking changed only if what it says did.
    const { evaluatedAt: _evaluatedAt, ...said } = ranking;
    const comparable = JSON.stringify(said);
    if (this.current?.comparable === comparable) return;
    const first = this.current === null;
    this.current = { ranking, at: new Date().toISOString(), comparable };
    if (first) return;
    this.seq += 1;
    this.send?.(this.updateOf(this.current));
  }

  private updateOf(current: { ranking: Ranking; at: string }): LiveRankingUpdate {
    return {
      scope: 'ranking',
      stream: this.stream,
      seq: this.seq,
      serverVersion: this.config.version,
      at: current.at,
      ranking: current.ranking,
    };
  }
}
