import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  addCounts,
  addDays,
  EMPTY_COUNTS,
  periodContaining,
  previousPeriod,
  resolvePeriod,
  rulesSegments,
  scoreIndex,
  vietnamDate,
  vietnamMidnight,
  wholeMonthsWithin,
  type AreaScore,
  type CountedSegment,
  type IndexScore,
  type LostDossiersQuery,
  type LostPointDossiers,
  type Period,
  type PeriodQuery,
  type Ranking,
  type RankingEntry,
  type RulesSegment,
  type ServiceIndexCounts,
  type UnitIndex,
} from '@ioc/shared';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReferenceService } from '../reference/reference.service';
import { RankingsRepository, type CountedRange, type InstantRange } from './rankings.repository';
import { ServiceIndexRulesService } from './service-index-rules.service';

interface ScoredUnit {
  unitCode: string;
  score: IndexScore;
}

/** A period's scores for the meeting report: every unit's (rounded, with its indicators), their ranks, the areas'. */
export interface PeriodScores {
  period: Period;
  units: Map<string, IndexScore>;
  /** Ranked units only (not low-volume, with a score). */
  ranks: Map<string, number>;
  province: IndexScore;
  /** By the former province's name. */
  formerProvinces: Map<string, IndexScore>;
}

interface ScoredPeriod {
  units: ScoredUnit[];
  /** Null (and no former provinces) when only the units were asked for: a previous period's ranks. */
  province: AreaScore | null;
  formerProvinces: AreaScore[];
}

/** Totals equal to the hundredth (as shown) share a rank. */
const sameTotal = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The province-wide ranking on the service index. Recomputed on demand from the continuous
 * aggregates (one statement for a period and the one before it); this service keeps nothing:
 * whoever needs to know whether it changed (the live layer, after ingest) calls `ranking()`
 * again and compares. HTTP readers get it through RankingReadsService, which keeps a result
 * while the data has not changed.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly repository: RankingsRepository,
    private readonly rules: ServiceIndexRulesService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The period a query names; 400 for one that has not started yet. */
  periodOf(query: PeriodQuery, now = Date.now()): Period {
    const today = vietnamDate(now);
    const period = resolvePeriod(query, today);
    if (period.from > today) {
      throw new BadRequestException(
        `period: ${period.label} has not started yet (today is ${today} in Vietnam)`,
      );
    }
    return period;
  }

  /** The current month, the period the wall shows live. */
  currentMonth(now = Date.now()): Period {
    return periodContaining('month', vietnamDate(now));
  }

  /** The 124 units ranked for `period` (default: the current month), as of `now`. */
  async ranking(period: Period = this.currentMonth(), now = Date.now()): Promise<Ranking> {
    const previous = previousPeriod(period);
    // Both periods from one statement; the previous one may precede the first rules (no ranks).
    const [current, before] = await this.scorePeriods(
      [
        { period, required: true },
        { period: previous, required: false, unitsOnly: true },
      ],
      now,
    );
    const previousRanks = before
      ? rank(before.units, this.config.rankingMinDossiers)
      : new Map<string, number>();
    const ranks = rank(current!.units, this.config.rankingMinDossiers);
    const entries = current!.units.map((u): RankingEntry => {
      const unit = this.reference.unit(u.unitCode);
      const position = ranks.get(u.unitCode) ?? null;
      const previousRank = previousRanks.get(u.unitCode) ?? null;
      return {
        rank: position,
        previousRank,
        rankChange: position !== null && previousRank !== null ? previousRank - position : null,
        unitCode: u.unitCode,
        unitName: unit?.name ?? u.unitCode,
        unitType: unit?.type ?? '',
        formerProvince: unit?.formerProvince ?? '',
        total: u.score.total === null ? null : round(u.score.total, 2),
        groups: u.score.groups.map((g) => ({
          id: g.id,
          points: round(g.points, 2),
          maxPoints: round(g.maxPoints, 2),
        })),
        dossiers: u.score.dossiers,
        lowVolume: u.score.total !== null && u.score.dossiers < this.config.rankingMinDossiers,
      };
    });
    // Ranked units by rank; then low-volume units by total; then units with nothing to score.
    const order = (e: RankingEntry) => (e.rank !== null ? 0 : e.total !== null ? 1 : 2);
    entries.sort(
      (a, b) =>
        order(a) - order(b) ||
        (a.rank ?? 0) - (b.rank ?? 0) ||
        (b.total ?? 0) - (a.total ?? 0) ||
        a.unitCode.localeCompare(b.unitCode),
    );
    return {
      period,
      previousPeriod: previous,
      evaluatedAt: new Date(now).toISOString(),
      minDossiers: this.config.rankingMinDossiers,
      units: entries,
      province: current!.province!,
      formerProvinces: current!.formerProvinces,
    };
  }

  /**
   * The scores of several periods counted in one statement, within the caller's REPEATABLE READ
   * transaction when given (the meeting report reads its other figures in the same snapshot);
   * null for a period before the first rules.
   */
  async scoreEach(
    periods: readonly Period[],
    now: number,
    within?: EntityManager,
  ): Promise<(PeriodScores | null)[]> {
    // One statement counts disjoint periods only (a year's previous period is the year before,
    // which is also the same period last year): a statement per group of disjoint ones.
    const groups: number[][] = [];
    periods.forEach((period, i) => {
      const group = groups.find((g) =>
        g.every((j) => period.to < periods[j]!.from || period.from > periods[j]!.to),
      );
      if (group) group.push(i);
      else groups.push([i]);
    });
    const scored: (ScoredPeriod | null)[] = [];
    for (const group of groups) {
      const counted = await this.scorePeriods(
        group.map((i) => ({ period: periods[i]!, required: false })),
        now,
        within,
      );
      group.forEach((i, k) => (scored[i] = counted[k]!));
    }
    return scored.map((s, i) =>
      s === null
        ? null
        : {
            period: periods[i]!,
            units: new Map(s.units.map((u) => [u.unitCode, roundScore(u.score)])),
            ranks: rank(s.units, this.config.rankingMinDossiers),
            province: s.province!.score,
            formerProvinces: new Map(s.formerProvinces.map((a) => [a.name, a.score])),
          },
    );
  }

  /** The minimum volume of a ranked unit (IOC_RANKING_MIN_DOSSIERS). */
  get minDossiers(): number {
    return this.config.rankingMinDossiers;
  }

  /** One unit's score with every indicator and the points it lost, and its place in the ranking. */
  async unitIndex(unitCode: string, period: Period, now = Date.now()): Promise<UnitIndex> {
    const unit = this.requireUnit(unitCode);
    const [scored] = await this.scorePeriods([{ period, required: true }], now);
    const ranks = rank(scored!.units, this.config.rankingMinDossiers);
    const score = scored!.units.find((u) => u.unitCode === unitCode)!.score;
    return {
      unitCode,
      unitName: unit.name,
      period,
      evaluatedAt: new Date(now).toISOString(),
      rank: ranks.get(unitCode) ?? null,
      rankedUnits: ranks.size,
      lowVolume: score.total !== null && score.dossiers < this.config.rankingMinDossiers,
      minDossiers: this.config.rankingMinDossiers,
      score: roundScore(score),
    };
  }

  /** The dossiers (and poor ratings) behind the points a unit lost on one indicator. */
  async lostDossiers(
    unitCode: string,
    query: LostDossiersQuery,
    fields: readonly string[] | null = null,
    now = Date.now(),
  ): Promise<LostPointDossiers> {
    this.requireUnit(unitCode);
    const period = this.periodOf(query, now);
    const segments = this.segmentsOf(period, true)!;
    const indicators = segments.flatMap((s) => s.rules.groups.flatMap((g) => g.indicators));
    const indicator = [...indicators].reverse().find((i) => i.id === query.indicator);
    if (!indicator) {
      const known = [...new Set(indicators.map((i) => i.id))].join(', ');
      throw new BadRequestException(
        `indicator: '${query.indicator}' is not an indicator of the period's rules (${known})`,
      );
    }
    const base = { unitCode, period, indicator: indicator.id, evaluatedAt: new Date(now).toISOString() };
    // An item that does not apply to communes costs no points, so no dossier lost any.
    if (!indicator.appliesToCommunes || !indicator.measure) return { ...base, total: 0, items: [] };
    const page = await this.repository.lostDossiers(
      unitCode,
      indicator.measure,
      rangeOf(period),
      new Date(now),
      {
        limit: query.limit,
        offset: query.offset,
      },
      fields,
    );
    return { ...base, ...page };
  }

  private requireUnit(unitCode: string) {
    const unit = this.reference.unit(unitCode);
    if (!unit) throw new NotFoundException(`unit '${unitCode}' is not one of the 124 units`);
    return unit;
  }

  /** The rule versions over the period's days; null (or 400) when every day precedes the first version. */
  private segmentsOf(period: Period, required: boolean): RulesSegment[] | null {
    const segments = rulesSegments(this.rules.versions, period.from, period.to);
    if (!segments && required) {
      const first = this.rules.versions[0]!.effectiveFrom;
      throw new BadRequestException(`period: no service index rules were in force before ${first}`);
    }
    return segments;
  }

  /**
   * Each period's scores, counted in one statement (a period split at rule changes is several
   * ranges); null for a period before the first rules that is not `required`.
   */
  private async scorePeriods(
    periods: { period: Period; required: boolean; unitsOnly?: boolean }[],
    now: number,
    within?: EntityManager,
  ): Promise<(ScoredPeriod | null)[]> {
    const segmentsByPeriod = periods.map((p) => this.segmentsOf(p.period, p.required));
    const ranges = segmentsByPeriod.flatMap((segments) => (segments ?? []).map(countedRangeOf));
    const counts = ranges.length > 0 ? await this.repository.countsByUnit(ranges, new Date(now), within) : [];
    let next = 0;
    return segmentsByPeriod.map((segments, i) => {
      if (!segments) return null;
      const countsBySegment = counts.slice(next, (next += segments.length));
      return this.scoreSegments(segments, countsBySegment, !periods[i]!.unitsOnly);
    });
  }

  /**
   * Every unit's score, and with `areas` the former provinces' and the province's (their units'
   * counts pooled and scored as one), from each rule segment's counts.
   */
  private scoreSegments(
    segments: RulesSegment[],
    countsBySegment: Map<string, ServiceIndexCounts>[],
    areas: boolean,
  ): ScoredPeriod {
    const unitCodes = [...countsBySegment[0]!.keys()];
    const scoreOf = (countsOf: (byUnit: Map<string, ServiceIndexCounts>) => ServiceIndexCounts) =>
      scoreIndex(segments.map((s, i): CountedSegment => ({ ...s, counts: countsOf(countsBySegment[i]!) })));
    const units = unitCodes.map((unitCode) => ({
      unitCode,
      score: scoreOf((byUnit) => byUnit.get(unitCode) ?? EMPTY_COUNTS),
    }));
    if (!areas) return { units, province: null, formerProvinces: [] };
    const pooled = (codes: string[]) => (byUnit: Map<string, ServiceIndexCounts>) =>
      codes.reduce((sum, code) => addCounts(sum, byUnit.get(code) ?? EMPTY_COUNTS), { ...EMPTY_COUNTS });
    const formerProvinceNames = [
      ...new Set(unitCodes.map((c) => this.reference.unit(c)?.formerProvince ?? '')),
    ]
      .filter((name) => name !== '')
      .sort();
    return {
      units,
      province: { scope: 'province', name: 'Lâm Đồng', score: roundScore(scoreOf(pooled(unitCodes))) },
      formerProvinces: formerProvinceNames.map((name) => ({
        scope: 'former-province',
        name,
        score: roundScore(
          scoreOf(pooled(unitCodes.filter((c) => this.reference.unit(c)?.formerProvince === name))),
        ),
      })),
    };
  }
}

/** Days `[from, to]` as the instants `[from 00:00, to + 1 day 00:00)` in Vietnam time. */
export function rangeOf(days: { from: string; to: string }): InstantRange {
  return { from: new Date(vietnamMidnight(days.from)), to: new Date(vietnamMidnight(addDays(days.to, 1))) };
}

/** `rangeOf`, with the whole months inside it, which are read from the monthly rollups. */
export function countedRangeOf(days: { from: string; to: string }): CountedRange {
  const months = wholeMonthsWithin(days);
  return {
    ...rangeOf(days),
    monthsFrom: new Date(vietnamMidnight(months.from)),
    monthsTo: new Date(vietnamMidnight(months.to)),
  };
}

/**
 * Ranks the units with a total and at least `minDossiers` dossiers: by total, then by volume
 * (more dossiers behind the same score first); equal totals (to the hundredth) share a rank.
 */
function rank(units: readonly ScoredUnit[], minDossiers: number): Map<string, number> {
  const ranked = units
    .filter((u) => u.score.total !== null && u.score.dossiers >= minDossiers)
    .sort(
      (a, b) =>
        b.score.total! - a.score.total! ||
        b.score.dossiers - a.score.dossiers ||
        a.unitCode.localeCompare(b.unitCode),
    );
  const ranks = new Map<string, number>();
  ranked.forEach((u, index) => {
    const previous = ranked[index - 1];
    const shared = previous && sameTotal(previous.score.total!, u.score.total!);
    ranks.set(u.unitCode, shared ? ranks.get(previous.unitCode)! : index + 1);
  });
  return ranks;
}

/** Points to the hundredth and rates to the ten-thousandth, as shown to people. */
function roundScore(score: IndexScore): IndexScore {
  const points = <T extends { points: number; maxPoints: number; lostPoints: number }>(x: T): T => ({
    ...x,
    points: round(x.points, 2),
    maxPoints: round(x.maxPoints, 2),
    lostPoints: round(x.lostPoints, 2),
  });
  return {
    ...score,
    total: score.total === null ? null : round(score.total, 2),
    maxPoints: round(score.maxPoints, 2),
    lostPoints: round(score.lostPoints, 2),
    groups: score.groups.map((g) => ({
      ...points(g),
      indicators: g.indicators.map((i) => ({
        ...points(i),
        rate: i.rate === null ? null : round(i.rate, 4),
      })),
    })),
  };
}
