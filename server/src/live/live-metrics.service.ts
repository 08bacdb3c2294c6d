import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  addCalendarDays,
  isUnitSilent,
  sameUnitMetrics,
  vietnamDate,
  vietnamMidnight,
  type LiveDelta,
  type LiveSnapshot,
  type UnitLiveMetrics,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReferenceService } from '../reference/reference.service';
import { LiveMetricsRepository, type UnitLiveRow } from './live-metrics.repository';

/** How often changed units are recomputed: at most this many deltas a second reach the walls. */
const TICK_MS = 250;
/** Silence changes with the clock alone; checking it every few seconds is precise enough. */
const SILENCE_CHECK_MS = 5_000;
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
  private readonly units = new Map<string, UnitLiveMetrics & { nextDueAt: number | null }>();
  private readonly changedUnits = new Set<string>();
  private readonly listeners = new Set<LiveDeltaListener>();
  private seq = 0;
  private day = '';
  private lastSilenceCheck = 0;
  private lastRecountAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private recomputing: Promise<void> | null = null;
  private ready!: Promise<void>;

  constructor(
    private readonly repository: LiveMetricsRepository,
    private readonly reference: ReferenceService,
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

  /**
   * Called after a commit: these units' figures may have changed. The first change after a quiet
   * moment is recounted at once (leading edge); changes during a recount or within 250 ms of the
   * last one wait for the next tick, which keeps the walls at no more than 4 deltas a second.
   */
  markUnitsChanged(unitCodes: Iterable<string>): void {
    for (const code of unitCodes) this.changedUnits.add(code);
    if (!this.recomputing && Date.now() - this.lastRecountAt >= TICK_MS) void this.tick();
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
    await this.recomputing;
    await this.tick(true);
  }

  private async tick(forceSilenceCheck = false): Promise<void> {
    if (this.recomputing) return this.recomputing;
    const now = Date.now();
    if (forceSilenceCheck || now - this.lastSilenceCheck >= SILENCE_CHECK_MS) this.checkSilence(now);
    let scope: string[] | null;
    if (vietnamDate(now) !== this.day) {
      scope = null;
    } else {
      for (const unit of this.units.values()) {
        if (unit.nextDueAt !== null && unit.nextDueAt <= now) this.changedUnits.add(unit.unitCode);
      }
      if (this.changedUnits.size === 0) return;
      scope = [...this.changedUnits];
    }
    this.changedUnits.clear();
    this.lastRecountAt = now;
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
    this.publish(rows.map((row) => ({ ...row, silent: this.isSilent(row.lastEventAt, now) })));
  }

  /** Silence depends on the clock only, so it is rechecked in memory for every unit. */
  private checkSilence(now: number): void {
    this.lastSilenceCheck = now;
    const flipped = [...this.units.values()]
      .filter((unit) => this.isSilent(unit.lastEventAt, now) !== unit.silent)
      .map((unit) => ({ ...unit, silent: !unit.silent }));
    this.publish(flipped);
  }

  /** Stores the units and sends those whose public figures changed as the next delta. */
  private publish(units: (UnitLiveRow & { silent: boolean })[]): void {
    const changed: UnitLiveMetrics[] = [];
    for (const unit of units) {
      const previous = this.units.get(unit.unitCode);
      this.units.set(unit.unitCode, unit);
      if (!previous || !sameUnitMetrics(toPublic(previous), toPublic(unit))) changed.push(toPublic(unit));
    }
    if (changed.length === 0) return;
    this.seq += 1;
    const delta: LiveDelta = { seq: this.seq, at: new Date().toISOString(), units: changed };
    for (const listener of this.listeners) listener(delta);
  }

  private isSilent(lastEventAt: string | null, now: number): boolean {
    return isUnitSilent(lastEventAt, now, this.reference.calendar, this.config.silentAfterMinutes * 60_000);
  }
}

function toPublic(unit: UnitLiveMetrics & { nextDueAt: number | null }): UnitLiveMetrics {
  const { nextDueAt: _nextDueAt, ...metrics } = unit;
  return metrics;
}
