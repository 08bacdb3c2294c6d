import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  addCalendarDays,
  addLiveCounts,
  emptyLiveCounts,
  isUnitSilent,
  liveFigures,
  mergeFreshness,
  sameLiveCounts,
  vietnamDate,
  vietnamMidnight,
  type LiveCounts,
  type LiveEntry,
  type LiveFigures,
  type LiveFreshness,
  type LiveScope,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ReferenceService } from '../reference/reference.service';
import { LiveMetricsRepository, type LiveCell, type UnitClock } from './live-metrics.repository';

/**
 * Between two recounts the database is left to other work for at least this long, and at least
 * three times as long as the last recount took: during a backfill every batch touches every unit, and a
 * recount of all of them (120 ms with 30 days of 94,000 dossiers on a real server, a second or
 * more on the embedded engine's one connection) then takes at most a quarter of a connection and
 * of the database's CPU, and ingest the rest. The walls' own limit is per scope
 * (LiveStreamService).
 */
const MIN_RECOUNT_GAP_MS = 20;
const RECOUNT_GAP_PER_MS_TAKEN = 3;
/** Deadlines and silence change with the clock alone: checked this often, in memory. */
const CLOCK_CHECK_MS = 250;
const SILENCE_CHECK_MS = 5_000;
const WINDOW_DAYS = 30;
const WORKING_DAY_MS = 8 * 3_600_000;
/** The key of the cell of dossiers and ratings with no known field. */
const NO_FIELD = '';

export interface LiveChange {
  units: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  /** When the oldest ingest this change carries was committed (null: the clock alone moved it). */
  committedAt: number | null;
}
export type LiveChangeListener = (change: LiveChange) => void;

interface UnitState extends UnitClock {
  silent: boolean;
  /** Counts per field (NO_FIELD for unknown). */
  cells: Map<string, LiveCounts>;
}

/**
 * The live figures of every unit, per field, kept in memory and recounted from the database
 * when something changed: an ingest touched a unit, a deadline passed or came within one
 * working day (no event needed), or the Vietnam day rolled over. Groups (field, former
 * province, province) are sums of the unit cells; listeners learn which units and fields moved.
 */
@Injectable()
export class LiveMetricsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveMetricsService.name);
  private readonly units = new Map<string, UnitState>();
  private readonly changedUnits = new Set<string>();
  /** When the oldest change in `changedUnits` was committed. */
  private changesCommittedAt: number | null = null;
  private readonly listeners = new Set<LiveChangeListener>();
  private day = '';
  private lastSilenceCheck = 0;
  private timer: NodeJS.Timeout | null = null;
  private recounting: Promise<void> | null = null;
  private loaded: Promise<void> | null = null;
  private forward: ((unitCodes: string[]) => void) | null = null;

  constructor(
    private readonly repository: LiveMetricsRepository,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Loads every unit from the database and starts following the clock. Idempotent. */
  start(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.recount(null).catch((error: unknown) => {
        this.day = '';
        this.logger.error(`could not load live metrics: ${(error as Error).message}`);
      });
      this.timer = setInterval(() => void this.tick(), CLOCK_CHECK_MS);
      this.timer.unref();
    }
    return this.loaded;
  }

  /** Stops following (another process leads); the figures are dropped, a restart reloads them. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.loaded;
    await this.recounting;
    this.loaded = null;
    this.units.clear();
    this.changedUnits.clear();
    this.day = '';
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * Called after a commit: these units' figures may have changed. Recounted at once unless a
   * recount runs. In a cluster, a process that does not lead forwards them to the leader.
   */
  markUnitsChanged(unitCodes: Iterable<string>): void {
    if (!this.loaded) {
      this.forward?.([...unitCodes]);
      return;
    }
    for (const code of unitCodes) this.changedUnits.add(code);
    this.changesCommittedAt ??= Date.now();
    void this.tick();
  }

  /** Every unit may have changed (changes other processes ingested were not forwarded here). */
  markAllUnitsChanged(): void {
    this.markUnitsChanged(this.units.keys());
  }

  forwardChangesTo(forward: (unitCodes: string[]) => void): void {
    this.forward = forward;
  }

  onChange(listener: LiveChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the figures reflect everything marked and every deadline passed so far. */
  async flush(): Promise<void> {
    await this.loaded;
    await this.recounting;
    this.checkSilence(Date.now());
    await this.tick();
    await this.recounting;
  }

  async ready(): Promise<void> {
    await this.loaded;
  }

  /** Whether this process counts the figures (it leads), rather than forwarding changes. */
  get started(): boolean {
    return this.loaded !== null;
  }

  knowsUnit(unitCode: string): boolean {
    return this.reference.hasUnit(unitCode);
  }

  /** A field of the catalogue, or one the events named. */
  knowsField(field: string): boolean {
    if (this.reference.procedureFields().includes(field)) return true;
    for (const unit of this.units.values()) if (unit.cells.has(field)) return true;
    return false;
  }

  /** The entries a client of `scope` sees, computed from the current figures. */
  entriesOf(scope: LiveScope): LiveEntry[] {
    if (scope === 'province') return this.provinceEntries();
    if (scope.startsWith('unit:')) return this.unitEntries(scope.slice('unit:'.length));
    return this.fieldEntries(scope.slice('field:'.length));
  }

  /** The figures of one unit, all fields together. */
  unitFigures(unitCode: string): LiveFigures {
    return this.unitEntries(unitCode)[0]!.figures;
  }

  /**
   * The wall's scope: the province, its former provinces and every unit. Fields are not in it:
   * each is its own scope (`field:F`), and leaving them out keeps the deltas that 5,000 walls
   * receive a few entries long.
   */
  private provinceEntries(): LiveEntry[] {
    const province = new Group();
    const formerProvinces = new Map<string, Group>();
    const entries: LiveEntry[] = [];
    for (const unit of this.reference.units()) {
      const state = this.units.get(unit.code);
      const group = new Group();
      group.addUnit(this.freshnessOf(state));
      for (const counts of state?.cells.values() ?? []) group.addCounts(counts);
      province.add(group);
      getOrCreate(formerProvinces, unit.formerProvince, () => new Group()).add(group);
      entries.push(entry('unit', unit.code, group.figures()));
    }
    entries.unshift(
      entry('province', 'province', province.figures()),
      ...[...formerProvinces].map(([name, group]) => entry('former-province', name, group.figures())),
    );
    return entries;
  }

  private unitEntries(unitCode: string): LiveEntry[] {
    const state = this.units.get(unitCode);
    const total = new Group();
    total.addUnit(this.freshnessOf(state));
    const entries: LiveEntry[] = [];
    for (const [field, counts] of [...(state?.cells ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
      total.addCounts(counts);
      if (field === NO_FIELD) continue;
      const byField = new Group();
      byField.addUnit(this.freshnessOf(state));
      byField.addCounts(counts);
      entries.push(entry('field', field, byField.figures()));
    }
    return [entry('unit', unitCode, total.figures()), ...entries];
  }

  private fieldEntries(field: string): LiveEntry[] {
    const total = new Group();
    const entries: LiveEntry[] = [];
    for (const unit of this.reference.units()) {
      const state = this.units.get(unit.code);
      const counts = state?.cells.get(field);
      if (!counts) continue;
      const byUnit = new Group();
      byUnit.addUnit(this.freshnessOf(state));
      byUnit.addCounts(counts);
      total.add(byUnit);
      entries.push(entry('unit', unit.code, byUnit.figures()));
    }
    return [entry('field', field, total.figures()), ...entries];
  }

  private freshnessOf(state: UnitState | undefined): LiveFreshness {
    const lastEventAt = state?.lastEventAt ?? null;
    return {
      units: 1,
      silentUnits: state?.silent ? 1 : 0,
      unitsWithoutData: lastEventAt === null ? 1 : 0,
      lastEventAt,
    };
  }

  private async tick(): Promise<void> {
    if (!this.loaded || this.recounting) return;
    const now = Date.now();
    if (now - this.lastSilenceCheck >= SILENCE_CHECK_MS) this.checkSilence(now);
    let scope: string[] | null;
    if (vietnamDate(now) !== this.day) {
      scope = null;
    } else {
      const dueSoonUntil = this.reference.calendar.addWorkingTime(now, WORKING_DAY_MS);
      for (const unit of this.units.values()) {
        const crossed =
          (unit.nextDueAt !== null && unit.nextDueAt <= now) ||
          (unit.nextDueSoonAt !== null && unit.nextDueSoonAt <= dueSoonUntil);
        if (crossed) this.changedUnits.add(unit.unitCode);
      }
      if (this.changedUnits.size === 0) return;
      scope = [...this.changedUnits];
    }
    this.changedUnits.clear();
    const committedAt = this.changesCommittedAt;
    this.changesCommittedAt = null;
    const started = Date.now();
    this.recounting = this.recount(scope, now, committedAt)
      .then(() =>
        this.metrics.liveRecounts.observe({ scope: scope ? 'units' : 'all' }, (Date.now() - started) / 1000),
      )
      .catch((error: unknown) => {
        // Keep the units for the next tick: the figures must catch up once the database is back.
        for (const code of scope ?? this.units.keys()) this.changedUnits.add(code);
        if (committedAt !== null)
          this.changesCommittedAt = Math.min(committedAt, this.changesCommittedAt ?? committedAt);
        if (scope === null) this.day = '';
        this.logger.warn(`live metrics not refreshed: ${(error as Error).message}`);
      })
      .then(() => {
        const gapMs = Math.max(MIN_RECOUNT_GAP_MS, RECOUNT_GAP_PER_MS_TAKEN * (Date.now() - started));
        return new Promise<void>((resolve) => setTimeout(resolve, gapMs));
      })
      .finally(() => {
        this.recounting = null;
        // Changes marked during the recount are recounted right away, not at the next clock check.
        if (this.changedUnits.size > 0) void this.tick();
      });
    return this.recounting;
  }

  private async recount(
    unitCodes: string[] | null,
    now = Date.now(),
    committedAt: number | null = null,
  ): Promise<void> {
    const today = vietnamDate(now);
    const { cells, clocks } = await this.repository.countCells(unitCodes, {
      now: new Date(now),
      dayStart: new Date(vietnamMidnight(today)),
      windowStart: new Date(vietnamMidnight(addCalendarDays(today, 1 - WINDOW_DAYS))),
      dueSoonUntil: new Date(this.reference.calendar.addWorkingTime(now, WORKING_DAY_MS)),
    });
    this.day = today;
    this.store(cells, clocks, now, committedAt);
  }

  /** Replaces the recounted units and tells the listeners which units and fields changed. */
  private store(cells: LiveCell[], clocks: UnitClock[], now: number, committedAt: number | null): void {
    const cellsByUnit = new Map<string, Map<string, LiveCounts>>();
    for (const cell of cells) {
      getOrCreate(cellsByUnit, cell.unitCode, () => new Map()).set(cell.field ?? NO_FIELD, cell.counts);
    }
    const changedUnits = new Set<string>();
    const changedFields = new Set<string>();
    for (const clock of clocks) {
      const previous = this.units.get(clock.unitCode);
      const next: UnitState = {
        ...clock,
        silent: this.isSilent(clock.lastEventAt, now),
        cells: cellsByUnit.get(clock.unitCode) ?? new Map<string, LiveCounts>(),
      };
      this.units.set(clock.unitCode, next);
      const fieldsMoved = changedCells(previous?.cells, next.cells);
      for (const field of fieldsMoved) if (field !== NO_FIELD) changedFields.add(field);
      if (
        !previous ||
        fieldsMoved.size > 0 ||
        previous.lastEventAt !== next.lastEventAt ||
        previous.silent !== next.silent
      ) {
        changedUnits.add(clock.unitCode);
        // Freshness shows in the unit's field entries too.
        if (previous?.lastEventAt !== next.lastEventAt || previous?.silent !== next.silent) {
          for (const field of next.cells.keys()) if (field !== NO_FIELD) changedFields.add(field);
        }
      }
    }
    this.notify(changedUnits, changedFields, committedAt);
  }

  /** Silence depends on the clock only, so it is rechecked in memory for every unit. */
  private checkSilence(now: number): void {
    this.lastSilenceCheck = now;
    const changedUnits = new Set<string>();
    const changedFields = new Set<string>();
    for (const unit of this.units.values()) {
      const silent = this.isSilent(unit.lastEventAt, now);
      if (silent === unit.silent) continue;
      unit.silent = silent;
      changedUnits.add(unit.unitCode);
      for (const field of unit.cells.keys()) if (field !== NO_FIELD) changedFields.add(field);
    }
    this.notify(changedUnits, changedFields, null);
  }

  private notify(units: Set<string>, fields: Set<string>, committedAt: number | null): void {
    if (units.size === 0 && fields.size === 0) return;
    for (const listener of this.listeners) listener({ units, fields, committedAt });
  }

  private isSilent(lastEventAt: string | null, now: number): boolean {
    return isUnitSilent(lastEventAt, now, this.reference.calendar, this.config.silentAfterMinutes * 60_000);
  }
}

/** Sums counts and freshness of the cells and units added to it. */
class Group {
  private readonly counts = emptyLiveCounts();
  private readonly freshness: LiveFreshness = {
    units: 0,
    silentUnits: 0,
    unitsWithoutData: 0,
    lastEventAt: null,
  };

  addCounts(counts: LiveCounts): void {
    addLiveCounts(this.counts, counts);
  }

  addUnit(freshness: LiveFreshness): void {
    mergeFreshness(this.freshness, freshness);
  }

  add(group: Group): void {
    this.addCounts(group.counts);
    this.addUnit(group.freshness);
  }

  figures(): LiveFigures {
    return liveFigures({ ...this.counts }, { ...this.freshness });
  }
}

function entry(kind: LiveEntry['kind'], code: string, figures: LiveFigures): LiveEntry {
  return { key: `${kind}:${code}`, kind, code, figures };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function changedCells(
  previous: Map<string, LiveCounts> | undefined,
  next: Map<string, LiveCounts>,
): Set<string> {
  const changed = new Set<string>();
  for (const [field, counts] of next) {
    const before = previous?.get(field);
    if (!before || !sameLiveCounts(before, counts)) changed.add(field);
  }
  for (const field of previous?.keys() ?? []) if (!next.has(field)) changed.add(field);
  return changed;
}
