import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  addCalendarDays,
  sameUnitMetrics,
  vietnamDate,
  vietnamMidnight,
  type LiveDelta,
  type LiveSnapshot,
  type UnitLiveMetrics,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveMetricsRepository, type UnitLiveRow } from './live-metrics.repository';

/** How often changed units are recomputed: at most this many deltas a second reach the walls. */
const TICK_MS = 250;
const RATING_WINDOW_DAYS = 30;

export type LiveDeltaListener = (delta: LiveDelta) => void;

/**
 * The live state of every unit, kept in memory and recomputed from the database when
 * something changed: an ingest touched a unit, a deadline passed (no event needed), or the
 * Vietnam day rolled over. Changes go out as numbered deltas.
 */
@Injectable()
export class LiveMetricsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveMetricsService.name);
  private readonly units = new Map<string, UnitLiveRow>();
  private readonly changedUnits = new Set<string>();
  private readonly listeners = new Set<LiveDeltaListener>();
  private seq = 0;
  private day = '';
  private timer: NodeJS.Timeout | null = null;
  private recomputing: Promise<void> | null = null;
  private ready!: Promise<void>;

  constructor(
    private readonly repository: LiveMetricsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.ready = this.recompute(null).catch((error: unknown) => {
      this.logger.error(`could not load live metrics: ${(error as Error).message}`);
    });
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Before the data source closes: stop ticking and let a recount in flight finish. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ready;
    await this.recomputing;
  }

  /** Called after a commit: these units' figures may have changed. */
  markUnitsChanged(unitCodes: Iterable<string>): void {
    for (const code of unitCodes) this.changedUnits.add(code);
  }

  onDelta(listener: LiveDeltaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async snapshot(): Promise<LiveSnapshot> {
    await this.ready;
    return {
      seq: this.seq,
      serverVersion: this.config.version,
      at: new Date().toISOString(),
      units: [...this.units.values()].map(toPublic),
    };
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Recomputes now whatever is due; resolves when the resulting delta (if any) was sent. */
  async flush(): Promise<void> {
    await this.ready;
    await this.tick();
  }

  private async tick(): Promise<void> {
    if (this.recomputing) return this.recomputing;
    const now = Date.now();
    const today = vietnamDate(now);
    let scope: string[] | null;
    if (today !== this.day) {
      scope = null;
    } else {
      for (const unit of this.units.values()) {
        if (unit.nextDueAt !== null && unit.nextDueAt <= now) this.changedUnits.add(unit.unitCode);
      }
      if (this.changedUnits.size === 0) return;
      scope = [...this.changedUnits];
    }
    this.changedUnits.clear();
    this.recomputing = this.recompute(scope, now)
      .catch((error: unknown) => {
        // Keep the units for the next tick: the figures must catch up once the database is back.
        for (const code of scope ?? this.units.keys()) this.changedUnits.add(code);
        if (scope === null) this.day = '';
        this.logger.warn(`live metrics not refreshed: ${(error as Error).message}`);
      })
      .finally(() => {
        this.recomputing = null;
      });
    return this.recomputing;
  }

  private async recompute(scope: string[] | null, now = Date.now()): Promise<void> {
    const today = vietnamDate(now);
    const rows = await this.repository.computeUnits(
      scope,
      new Date(now),
      new Date(vietnamMidnight(today)),
      new Date(vietnamMidnight(addCalendarDays(today, 1 - RATING_WINDOW_DAYS))),
    );
    this.day = today;
    const changed: UnitLiveMetrics[] = [];
    for (const row of rows) {
      const previous = this.units.get(row.unitCode);
      this.units.set(row.unitCode, row);
      if (!previous || !sameUnitMetrics(toPublic(previous), toPublic(row))) changed.push(toPublic(row));
    }
    if (changed.length === 0) return;
    this.seq += 1;
    const delta: LiveDelta = { seq: this.seq, at: new Date(now).toISOString(), units: changed };
    for (const listener of this.listeners) listener(delta);
  }
}

function toPublic(row: UnitLiveRow): UnitLiveMetrics {
  const { nextDueAt: _nextDueAt, ...metrics } = row;
  return metrics;
}
