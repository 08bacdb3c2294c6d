import { Injectable } from '@nestjs/common';
import {
  addDays,
  EMPTY_COUNTS,
  measureRate,
  medianWorkingTime,
  periodContaining,
  periodQueryString,
  previousPeriod,
  FIELD_NAMES,
  FORMER_PROVINCES,
  samePeriodLastYear,
  vietnamDate,
  vietnamMidnight,
  WORKING_TIME_CLASS_COUNT,
  type FieldRow,
  type IndexScore,
  type MeetingReport,
  type Mover,
  type Period,
  type PeriodFigures,
  type ReportIndex,
  type ReportQuery,
  type ReportRow,
  type RowChange,
  type RowPeriod,
} from '@ioc/shared';
import { Clock } from '../common/clock';
import { ReferenceService } from '../reference/reference.service';
import { countedRangeOf, RankingsService, type PeriodScores } from '../rankings/rankings.service';
import { ReportsException } from './reports.exception';
import {
  ReportsRepository,
  type DossierCounts,
  type ReportCell,
  type ReportCounts,
} from './reports.repository';

/** How many units rose (and fell) most are listed with their reasons. */
const MOVERS = 5;
/** Points an indicator must have moved by to be named as a reason. */
const MOVED_POINTS = 0.01;
const PROVINCE_NAME = 'tỉnh Lâm Đồng';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : round(numerator / denominator, 4);

const EMPTY_DOSSIER_COUNTS: DossierCounts = {
  received: 0,
  resolved: 0,
  resolvedInTime: 0,
  open: 0,
  openOverdue: 0,
  online: 0,
  workingTimeClasses: Array.from({ length: WORKING_TIME_CLASS_COUNT }, () => 0),
};

function addDossierCounts(a: DossierCounts, b: DossierCounts): DossierCounts {
  return {
    received: a.received + b.received,
    resolved: a.resolved + b.resolved,
    resolvedInTime: a.resolvedInTime + b.resolvedInTime,
    open: a.open + b.open,
    openOverdue: a.openOverdue + b.openOverdue,
    online: a.online + b.online,
    workingTimeClasses: a.workingTimeClasses.map((n, i) => n + (b.workingTimeClasses[i] ?? 0)),
  };
}

/** The three periods a report compares, in this order. */
type Compared = 'current' | 'previous' | 'lastYear';
const COMPARED: readonly Compared[] = ['current', 'previous', 'lastYear'];

interface Scope {
  /** The units of the scope (the former province filtered on, or all 124). */
  unitCodes: string[];
  formerProvince: string | null;
}

/**
 * The meeting report (issue 15): a period against the previous one and the same one last year.
 * The service index comes from `RankingsService` (the same scores as the ranking, counted in the
 * same statement for the three periods); the dossier figures from the report's own aggregates,
 * read in the same snapshot (`ReportsRepository`). Nothing here formats: the screens, the PDF
 * and the XLSX print these numbers with the shared formatter.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly rankings: RankingsService,
    private readonly repository: ReportsRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  /** The period and the filter a query names, checked (400 naming the parameter). */
  resolve(
    query: ReportQuery,
    now = this.clock.now(),
  ): { period: Period; fields: string[] | null; formerProvince: string | null } {
    const period = this.rankings.periodOf(query, now);
    const known = this.reference.procedureFields();
    const unknown = (query.field ?? []).filter((f) => !known.includes(f));
    if (unknown.length > 0) {
      throw ReportsException.invalid(
        'field',
        `'${unknown[0]}' không phải là lĩnh vực của danh mục thủ tục (${known.join(', ')})`,
        `'${unknown[0]}' is not a field of the procedure catalogue (${known.join(', ')})`,
      );
    }
    const formerProvince = FORMER_PROVINCES.find((p) => p.slug === query.formerProvince)?.name ?? null;
    return { period, fields: query.field ?? null, formerProvince };
  }

  /** The report of a checked query, computed as of `now`. */
  async report(
    query: { period: Period; fields: string[] | null; formerProvince: string | null },
    now = this.clock.now(),
  ): Promise<MeetingReport> {
    const { period, fields, formerProvince } = query;
    const periods: Record<Compared, Period> = {
      current: period,
      previous: previousPeriod(period),
      lastYear: samePeriodLastYear(period),
    };
    const months = lastTwelveMonths(period, now);
    // Ends of the periods that are over; a period not over yet is judged now.
    const ends = COMPARED.map((c) => vietnamMidnight(addDays(periods[c].to, 1)));
    const instants = ends.filter((end) => end <= now).map((end) => new Date(end));
    // The 12 months' on-time shares: without a field filter, the index's own counts (a month is
    // one row per unit of its rollup); with one, the report's per-field counts of those months.
    const ranges = [...COMPARED.map((c) => periods[c]), ...(fields === null ? [] : months)].map(
      countedRangeOf,
    );
    const { scores, monthScores, counts } = await this.repository.snapshot(async (manager) => {
      const scored = await this.rankings.scoreEach(
        COMPARED.map((c) => periods[c]),
        now,
        manager,
      );
      const byMonth = fields === null ? await this.rankings.scoreEach(months, now, manager) : null;
      const counted = await this.repository.counts(manager, ranges, instants, new Date(now), fields);
      return { scores: scored, monthScores: byMonth, counts: counted };
    });
    const scope: Scope = {
      formerProvince,
      unitCodes: this.reference
        .units()
        .filter((u) => formerProvince === null || u.formerProvince === formerProvince)
        .map((u) => u.code),
    };
    const build = new ReportBuilder(
      this.reference,
      periods,
      scores,
      counts,
      ends.map((end) => (end <= now ? instants.findIndex((i) => +i === end) : null)),
      fields !== null,
      this.rankings.minDossiers,
    );
    const units = build.unitRows(scope.unitCodes);
    const province = build.areaRow('province', 'province', PROVINCE_NAME, null);
    const formerProvinces = FORMER_PROVINCES.map((p) =>
      build.areaRow('former-province', p.slug, p.name, p.name),
    );
    const scopeRow =
      formerProvince === null ? province : formerProvinces.find((r) => r.name === formerProvince)!;
    const ranked = units.filter((u) => u.current.index?.rank != null);
    const rankedUnit = (u: ReportRow) => ({
      unitCode: u.code,
      unitName: u.name,
      rank: u.current.index!.rank!,
      total: u.current.index!.total!,
    });
    return {
      schemaVersion: 1,
      period: periods.current,
      previousPeriod: periods.previous,
      lastYearPeriod: periods.lastYear,
      evaluatedAt: new Date(now).toISOString(),
      filter: {
        formerProvince: FORMER_PROVINCES.find((p) => p.name === formerProvince)?.slug ?? null,
        fields,
      },
      minDossiers: this.rankings.minDossiers,
      rules: {
        current: scores[0]?.province.rules ?? [],
        previous: scores[1]?.province.rules ?? [],
        lastYear: scores[2]?.province.rules ?? [],
      },
      headline: {
        scopeName: formerProvince === null ? PROVINCE_NAME : `tỉnh ${formerProvince} (cũ)`,
        index: scopeRow.current.index?.total ?? null,
        indexChange: { previous: scopeRow.change.previous.index, lastYear: scopeRow.change.lastYear.index },
        received: scopeRow.current.figures.received,
        onTimeShare: scopeRow.current.figures.onTimeShare,
        best: ranked.slice(0, 3).map(rankedUnit),
        worst: ranked.slice(-3).reverse().map(rankedUnit),
        overdueAtEnd: scopeRow.current.figures.overdueAtEnd,
        overdueNow: scopeRow.overdueNow,
      },
      province,
      formerProvinces,
      units,
      byField: build.fieldRows(formerProvince, fields ?? this.reference.procedureFields()),
      movers: build.movers(units),
      charts: {
        indexByUnit: [...units]
          .sort(
            (a, b) =>
              (b.current.index?.total ?? -1) - (a.current.index?.total ?? -1) || a.code.localeCompare(b.code),
          )
          .map((u) => ({
            unitCode: u.code,
            unitName: u.name,
            total: u.current.index?.total ?? null,
            rank: u.current.index?.rank ?? null,
            lowVolume: u.current.index?.lowVolume ?? false,
          })),
        onTimeByMonth: months.map((month, i) => {
          if (monthScores === null) {
            const c = build.areaCounts(COMPARED.length + i, formerProvince);
            return { month: month.label, received: c.received, onTimeShare: onTimeShare(c) };
          }
          const scored = monthScores[i];
          const area =
            formerProvince === null ? scored?.province : scored?.formerProvinces.get(formerProvince);
          const onTime = area?.groups.flatMap((g) => g.indicators).find((i) => i.measure === 'on-time');
          return {
            month: month.label,
            received: area?.counts.received ?? 0,
            onTimeShare: onTime?.rate ?? null,
          };
        }),
        indexChangeByUnit: units
          .map((u) => ({
            unitCode: u.code,
            unitName: u.name,
            formerProvince: u.formerProvince!,
            total: u.current.index?.total ?? null,
            change: u.change.previous.index,
          }))
          .sort(
            (a, b) =>
              (b.change ?? -Infinity) - (a.change ?? -Infinity) || a.unitCode.localeCompare(b.unitCode),
          ),
      },
    };
  }
}

/** The 12 months ending with the period's last month (or the current month, for a period not over). */
function lastTwelveMonths(period: Period, now: number): Period[] {
  const last = period.to < vietnamDate(now) ? period.to : vietnamDate(now);
  const months: Period[] = [periodContaining('month', last)];
  while (months.length < 12) months.unshift(periodContaining('month', addDays(months[0]!.from, -1)));
  return months;
}

/** (Resolved early or on time + open within the deadline) ÷ received: the index's own measure. */
function onTimeShare(c: DossierCounts): number | null {
  const { rate } = measureRate('on-time', {
    ...EMPTY_COUNTS,
    received: c.received,
    resolvedInTime: c.resolvedInTime,
    open: c.open,
    openOverdue: c.openOverdue,
  });
  return rate === null ? null : round(rate, 4);
}

/** Puts the report's rows together from the scores and the counts of the three periods. */
class ReportBuilder {
  private readonly unitCells: Map<string, DossierCounts>[];
  private readonly areaCells: { formerProvince: string; field: string; counts: DossierCounts }[][];

  constructor(
    private readonly reference: ReferenceService,
    private readonly periods: Record<Compared, Period>,
    private readonly scores: (PeriodScores | null)[],
    private readonly counts: ReportCounts,
    /** For each compared period, the index of its end in `counts.overdueAt`; null: not over, judged now. */
    private readonly endInstants: (number | null)[],
    private readonly byFields: boolean,
    private readonly minDossiers: number,
  ) {
    this.unitCells = counts.ranges.map(
      (cells) =>
        new Map(cells.filter((c) => c.cell.unitCode !== null).map((c) => [c.cell.unitCode!, c.counts])),
    );
    this.areaCells = counts.ranges.map((cells) =>
      cells
        .filter((c) => c.cell.unitCode === null)
        .map((c) => ({ formerProvince: c.cell.formerProvince!, field: c.cell.field!, counts: c.counts })),
    );
  }

  /** A former province's (or, with null, the province's) counts of one range, optionally of one field. */
  areaCounts(rangeIndex: number, formerProvince: string | null, field?: string): DossierCounts {
    return this.areaCells[rangeIndex]!.filter(
      (c) =>
        (formerProvince === null || c.formerProvince === formerProvince) &&
        (field === undefined || c.field === field),
    ).reduce((sum, c) => addDossierCounts(sum, c.counts), EMPTY_DOSSIER_COUNTS);
  }

  private overdue(
    cells: { cell: ReportCell; overdue: number }[],
    match: (cell: ReportCell) => boolean,
  ): number {
    return cells.filter((c) => match(c.cell)).reduce((sum, c) => sum + c.overdue, 0);
  }

  private overdueAtEnd(compared: number, match: (cell: ReportCell) => boolean): number {
    const instant = this.endInstants[compared] ?? null;
    return this.overdue(instant === null ? this.counts.overdueNow : this.counts.overdueAt[instant]!, match);
  }

  private figures(
    counts: DossierCounts,
    ratings: IndexScore['counts'] | null,
    overdueAtEnd: number,
  ): PeriodFigures {
    const rated = this.byFields || ratings === null ? null : ratings;
    return {
      received: counts.received,
      resolved: counts.resolved,
      onTimeShare: onTimeShare(counts),
      overdueAtEnd,
      medianWorkingTime: medianWorkingTime(counts.workingTimeClasses),
      onlineShare: ratio(counts.online, counts.received),
      ratings: rated?.ratings ?? null,
      satisfactionAverage: rated ? ratio(rated.ratingSum, rated.ratings) : null,
      poorRatingShare: rated ? ratio(rated.poorRatings, rated.ratings) : null,
    };
  }

  private index(score: IndexScore | undefined, rank: number | null, unit: boolean): ReportIndex | null {
    if (!score) return null;
    return {
      total: score.total,
      // Nothing received, nothing scored: no group has points (not zero points).
      groups:
        score.total === null
          ? []
          : score.groups.map((g) => ({ id: g.id, points: g.points, maxPoints: g.maxPoints })),
      rank,
      lowVolume: unit && score.total !== null && score.dossiers < this.minDossiers,
      dossiers: score.dossiers,
    };
  }

  unitRows(unitCodes: readonly string[]): ReportRow[] {
    const rows = unitCodes.map((code): ReportRow => {
      const unit = this.reference.unit(code)!;
      const isUnit = (cell: ReportCell) => cell.unitCode === code;
      const periodOf = (compared: number): RowPeriod => {
        const score = this.scores[compared]?.units.get(code);
        return {
          figures: this.figures(
            this.unitCells[compared]!.get(code) ?? EMPTY_DOSSIER_COUNTS,
            score?.counts ?? null,
            this.overdueAtEnd(compared, isUnit),
          ),
          index: this.index(score, this.scores[compared]?.ranks.get(code) ?? null, true),
        };
      };
      return this.row(
        'unit',
        code,
        unit.name,
        unit.formerProvince,
        this.overdue(this.counts.overdueNow, isUnit),
        periodOf,
      );
    });
    // As the ranking: ranked units by rank, then low-volume ones by total, then those with nothing to score.
    const order = (r: ReportRow) =>
      r.current.index?.rank != null ? 0 : r.current.index?.total != null ? 1 : 2;
    return rows.sort(
      (a, b) =>
        order(a) - order(b) ||
        (a.current.index?.rank ?? 0) - (b.current.index?.rank ?? 0) ||
        (b.current.index?.total ?? 0) - (a.current.index?.total ?? 0) ||
        a.code.localeCompare(b.code),
    );
  }

  areaRow(
    scope: 'province' | 'former-province',
    code: string,
    name: string,
    formerProvince: string | null,
  ): ReportRow {
    const inArea = (cell: ReportCell) =>
      cell.unitCode === null && (formerProvince === null || cell.formerProvince === formerProvince);
    const periodOf = (compared: number): RowPeriod => {
      const scored = this.scores[compared];
      const score = scored
        ? formerProvince === null
          ? scored.province
          : scored.formerProvinces.get(formerProvince)
        : undefined;
      return {
        figures: this.figures(
          this.areaCounts(compared, formerProvince),
          score?.counts ?? null,
          this.overdueAtEnd(compared, inArea),
        ),
        index: this.index(score, null, false),
      };
    };
    return this.row(scope, code, name, null, this.overdue(this.counts.overdueNow, inArea), periodOf);
  }

  private row(
    scope: ReportRow['scope'],
    code: string,
    name: string,
    formerProvince: string | null,
    overdueNow: number,
    periodOf: (compared: number) => RowPeriod,
  ): ReportRow {
    const [current, previous, lastYear] = COMPARED.map((_, i) => periodOf(i)) as [
      RowPeriod,
      RowPeriod,
      RowPeriod,
    ];
    return {
      scope,
      code,
      name,
      formerProvince,
      overdueNow,
      current,
      previous,
      lastYear,
      change: { previous: change(current, previous), lastYear: change(current, lastYear) },
    };
  }

  /** The scope's figures per field (no ratings: a rating is the unit's, not a field's). */
  fieldRows(formerProvince: string | null, fields: readonly string[]): FieldRow[] {
    const present = new Set(this.areaCells.flatMap((cells) => cells.map((c) => c.field)));
    const listed = [...new Set([...fields, ...(present.has('') ? [''] : [])])];
    return listed.map((field) => {
      const inField = (cell: ReportCell) =>
        cell.unitCode === null &&
        cell.field === field &&
        (formerProvince === null || cell.formerProvince === formerProvince);
      const [current, previous, lastYear] = COMPARED.map((_, i) =>
        this.figures(this.areaCounts(i, formerProvince, field), null, this.overdueAtEnd(i, inField)),
      ) as [PeriodFigures, PeriodFigures, PeriodFigures];
      return {
        field,
        name: field === '' ? 'Chưa rõ lĩnh vực' : (FIELD_NAMES[field]?.vi ?? field),
        overdueNow: this.overdue(this.counts.overdueNow, inField),
        current: { ...current, ratings: null, satisfactionAverage: null, poorRatingShare: null },
        previous: { ...previous, ratings: null, satisfactionAverage: null, poorRatingShare: null },
        lastYear: { ...lastYear, ratings: null, satisfactionAverage: null, poorRatingShare: null },
      };
    });
  }

  /** The units that rose and fell most against the previous period, and the indicators that moved. */
  movers(units: readonly ReportRow[]): MeetingReport['movers'] {
    const [current, previous] = [this.scores[0], this.scores[1]];
    if (!current || !previous) return { risers: [], fallers: [] };
    const moved = units
      .filter((u) => u.change.previous.rank !== null)
      .map((u): Mover => {
        const now = current.units.get(u.code)!;
        const before = previous.units.get(u.code)!;
        const beforeIndicators = new Map(
          before.groups.flatMap((g) => g.indicators.map((i) => [`${g.id}/${i.id}`, i])),
        );
        const link = (period: Period, indicator: string) =>
          `/api/v1/units/${u.code}/index/lost-dossiers?${periodQueryString(period)}&indicator=${indicator}`;
        const indicators = now.groups
          .flatMap((g) => g.indicators)
          .map((i) => ({ i, b: beforeIndicators.get(`${i.groupId}/${i.id}`) }))
          .filter(({ i, b }) => b !== undefined && Math.abs(i.points - b.points) >= MOVED_POINTS)
          .map(({ i, b }) => ({
            groupId: i.groupId,
            id: i.id,
            name: i.name,
            points: i.points,
            previousPoints: b!.points,
            change: round(i.points - b!.points, 2),
            rate: i.rate,
            previousRate: b!.rate,
            lostDossiers: link(this.periods.current, i.id),
            previousLostDossiers: link(this.periods.previous, i.id),
          }))
          .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.id.localeCompare(b.id));
        return {
          unitCode: u.code,
          unitName: u.name,
          formerProvince: u.formerProvince!,
          rank: u.current.index!.rank!,
          previousRank: u.previous.index!.rank!,
          rankChange: u.change.previous.rank!,
          total: u.current.index!.total!,
          previousTotal: u.previous.index!.total!,
          indexChange: u.change.previous.index!,
          indicators,
        };
      });
    const byMove = (a: Mover, b: Mover) =>
      b.rankChange - a.rankChange || b.indexChange - a.indexChange || a.unitCode.localeCompare(b.unitCode);
    const sorted = [...moved].sort(byMove);
    return {
      risers: sorted.filter((m) => m.rankChange > 0).slice(0, MOVERS),
      fallers: sorted
        .filter((m) => m.rankChange < 0)
        .reverse()
        .slice(0, MOVERS),
    };
  }
}

function change(current: RowPeriod, other: RowPeriod): RowChange {
  const [a, b] = [current.figures, other.figures];
  const total = (p: RowPeriod) => p.index?.total ?? null;
  const rank = (p: RowPeriod) => p.index?.rank ?? null;
  return {
    received: b.received === 0 ? null : round((a.received - b.received) / b.received, 4),
    onTimeShare:
      a.onTimeShare === null || b.onTimeShare === null ? null : round(a.onTimeShare - b.onTimeShare, 4),
    overdueAtEnd: a.overdueAtEnd - b.overdueAtEnd,
    index:
      total(current) === null || total(other) === null ? null : round(total(current)! - total(other)!, 2),
    rank: rank(current) === null || rank(other) === null ? null : rank(other)! - rank(current)!,
  };
}
