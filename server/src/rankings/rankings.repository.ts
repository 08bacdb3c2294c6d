import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EMPTY_COUNTS,
  type LostPointDossier,
  type ServiceIndexCounts,
  type ServiceIndexMeasure,
  type ServiceIndexRulesVersion,
} from '@ioc/shared';
import {
  COUNTED_SQL,
  NOT_IN_TIME_REASON_SQL,
  notInTimeSql,
  openOverdueSplitSql,
  RESOLVED_SQL,
} from './service-index.sql';

/** `[from, to)` as instants: Vietnam midnights. */
export interface InstantRange {
  from: Date;
  to: Date;
}

/** A range to count, with the whole months inside it `[monthsFrom, monthsTo)` (empty: both `to`). */
export interface CountedRange extends InstantRange {
  monthsFrom: Date;
  monthsTo: Date;
}

/** The columns of the dossier facts aggregates a score needs. */
const FACT_COLUMNS = [
  'received',
  'resolved',
  'resolved_in_time',
  'open',
  'synced',
  'full_process',
  'full_process_online',
  'digitized',
  'e_result',
  'fee_required',
  'paid_online',
] as const;
const RATING_COLUMNS = ['ratings', 'poor_ratings'] as const;
/**
 * What a score sums, each from a monthly rollup (read materialised only, migrations
 * CreateUnitMonthly*) and the daily aggregate it rolls up (the rest of a period).
 */
const AGGREGATES = {
  facts: { monthly: 'unit_monthly_dossier_facts', daily: 'unit_daily_dossier_facts', columns: FACT_COLUMNS },
  ratings: { monthly: 'unit_monthly_feedback', daily: 'unit_daily_feedback', columns: RATING_COLUMNS },
} as const;
type Aggregate = (typeof AGGREGATES)[keyof typeof AGGREGATES];
type MonthlyRollup = Aggregate['monthly'];
const MONTHLY_ROLLUPS = Object.values(AGGREGATES).map((a) => a.monthly);
const WATERMARK_KEPT_MS = 10_000;

type CountsRow = ServiceIndexCounts & { rangeIndex: number; unitCode: string };

/** The drill-down's filter per measure, with the reason each listed dossier gives. */
const LOST_DOSSIERS: Record<
  Exclude<ServiceIndexMeasure, 'satisfaction'>,
  { where: string; reason: string }
> = {
  'on-time': { where: notInTimeSql('$4'), reason: NOT_IN_TIME_REASON_SQL },
  synced: { where: `${RESOLVED_SQL} AND d.synced_at IS NULL`, reason: `'not-synced'` },
  'full-process-online': {
    where: `p.online = 'full' AND d.channel IS DISTINCT FROM 'online'`,
    reason: `'not-filed-online'`,
  },
  digitized: { where: 'NOT d.digitized', reason: `'not-digitized'` },
  'e-result': { where: `${RESOLVED_SQL} AND NOT d.e_result`, reason: `'no-e-result'` },
  'paid-online': { where: 'd.fee_required AND NOT d.paid_online', reason: `'not-paid-online'` },
};

@Injectable()
export class RankingsRepository {
  private materialised: { to: Record<MonthlyRollup, Date>; readAt: number } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rulesVersions(): Promise<unknown[]> {
    const rows = await this.dataSource.query<{ rules: unknown }[]>(
      'SELECT rules FROM service_index_rules ORDER BY effective_from',
    );
    return rows.map((r) => r.rules);
  }

  async upsertRulesVersion(version: ServiceIndexRulesVersion): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO service_index_rules (effective_from, rules) VALUES ($1, $2)
       ON CONFLICT (effective_from) DO UPDATE SET rules = excluded.rules, updated_at = now()`,
      [version.effectiveFrom, JSON.stringify(version)],
    );
  }

  async deleteRulesVersion(effectiveFrom: string): Promise<boolean> {
    // Through a SELECT: TypeORM answers a bare DELETE with [rows, count], not the rows.
    const [deleted] = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM service_index_rules WHERE effective_from = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [effectiveFrom],
    );
    return deleted!.n > 0;
  }

  /**
   * The index's counts of every unit for the dossiers received in each of `ranges` (disjoint:
   * a period and the one before it, each cut at rule changes), judged at `now`, in ONE statement
   * that names each aggregate once for all ranges. Whole months come from the monthly rollups,
   * as far as they are materialised (they are read materialised only: their real-time part would
   * re-add a month of daily rows, and cost more to plan than the rest to run); the days before,
   * after and beyond come from the daily aggregates, real-time. Only the open dossiers that are
   * overdue at `now` are counted from `dossiers`, because becoming overdue is not an event.
   */
  async countsByUnit(ranges: readonly CountedRange[], now: Date): Promise<Map<string, ServiceIndexCounts>[]> {
    const materialisedTo = await this.monthlyRollupsMaterialisedTo();
    // A parameter is bound only where the statement uses it: an unused one would have no type.
    const values: unknown[] = [];
    const param = (value: Date) => `$${values.push(value)}`;
    const at = param(now);
    const received = ranges.map((range) => [
      `d.received_at >= ${param(range.from)} AND d.received_at < ${param(range.to)}`,
    ]);
    /** Per range: its materialised whole months, and the days around them (`day` and `month` columns). */
    const partsOf = (rollup: MonthlyRollup) =>
      ranges.map((range) => {
        const monthsTo = new Date(
          Math.min(+range.monthsTo, Math.max(+range.monthsFrom, +materialisedTo[rollup])),
        );
        const bound = new Map<number, string>();
        const bind = (instant: Date) =>
          bound.get(+instant) ?? bound.set(+instant, param(instant)).get(+instant)!;
        return {
          months:
            range.monthsFrom < monthsTo
              ? [`month >= ${bind(range.monthsFrom)} AND month < ${bind(monthsTo)}`]
              : [],
          days: [
            ...(range.from < range.monthsFrom
              ? [`day >= ${bind(range.from)} AND day < ${bind(range.monthsFrom)}`]
              : []),
            ...(monthsTo < range.to ? [`day >= ${bind(monthsTo)} AND day < ${bind(range.to)}`] : []),
          ],
        };
      });
    /** Rows matching any range's conditions, and the index of the range each one belongs to. */
    const inRanges = (conditions: string[][]) => {
      const cases = conditions.flatMap((own, i) => own.map((c) => `WHEN ${c} THEN ${i}`));
      if (cases.length === 0) return null;
      const where = conditions.flatMap((own) => own.map((c) => `(${c})`)).join(' OR ');
      return { rangeIndex: `CASE ${cases.join(' ')} END`, where };
    };
    const sumOver = ({ monthly, daily, columns }: Aggregate) => {
      const list = columns.join(', ');
      const parts = partsOf(monthly);
      const reads = [
        [monthly, inRanges(parts.map((part) => part.months))] as const,
        [daily, inRanges(parts.map((part) => part.days))] as const,
      ].flatMap(([view, rows]) =>
        rows
          ? [`SELECT ${rows.rangeIndex} AS range_index, unit_code, ${list} FROM ${view} WHERE ${rows.where}`]
          : [],
      );
      return `SELECT range_index, unit_code, ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')}
         FROM (${reads.join(' UNION ALL ')}) AS counted GROUP BY range_index, unit_code`;
    };
    const receivedIn = inRanges(received)!;
    // One row holding every count as JSON: the embedded engine sends a result of 250 rows of 16
    // columns three times slower than the same figures as one value.
    const [{ counted }] = await this.dataSource.query<[{ counted: CountsRow[] | null }]>(
      `WITH facts AS (${sumOver(AGGREGATES.facts)}),
       ratings AS (${sumOver(AGGREGATES.ratings)}),
       overdue AS (
         SELECT range_index, unit_code, count(*) AS open_overdue
         FROM (${openOverdueSplitSql(at)
           .map(
             (overdue) => `SELECT ${receivedIn.rangeIndex} AS range_index, d.unit_code FROM dossiers d
                              WHERE ${overdue} AND (${receivedIn.where})`,
           )
           .join(' UNION ALL ')}) AS overdue
         GROUP BY 1, 2
       )
       SELECT json_agg(counted) AS counted FROM (
       SELECT g.range_index AS "rangeIndex", u.code AS "unitCode",
              coalesce(f.received, 0)::int AS received, coalesce(f.resolved, 0)::int AS resolved,
              coalesce(f.resolved_in_time, 0)::int AS "resolvedInTime", coalesce(f.open, 0)::int AS open,
              coalesce(o.open_overdue, 0)::int AS "openOverdue", coalesce(f.synced, 0)::int AS synced,
              coalesce(f.full_process, 0)::int AS "fullProcess",
              coalesce(f.full_process_online, 0)::int AS "fullProcessOnline",
              coalesce(f.digitized, 0)::int AS digitized, coalesce(f.e_result, 0)::int AS "eResult",
              coalesce(f.fee_required, 0)::int AS "feeRequired", coalesce(f.paid_online, 0)::int AS "paidOnline",
              coalesce(r.ratings, 0)::int AS ratings, coalesce(r.poor_ratings, 0)::int AS "poorRatings"
       FROM generate_series(0, ${ranges.length - 1}) AS g(range_index) CROSS JOIN units u
       LEFT JOIN facts f ON f.range_index = g.range_index AND f.unit_code = u.code
       LEFT JOIN overdue o ON o.range_index = g.range_index AND o.unit_code = u.code
       LEFT JOIN ratings r ON r.range_index = g.range_index AND r.unit_code = u.code) AS counted`,
      values,
    );
    const countsByRange = ranges.map(() => new Map<string, ServiceIndexCounts>());
    for (const { rangeIndex, unitCode, ...counts } of counted ?? []) {
      countsByRange[rangeIndex]!.set(unitCode, {
        ...EMPTY_COUNTS,
        ...counts,
        // The aggregate may not have seen a resolution the dossiers table already has (until
        // its next refresh): an overdue count above the open count would then score below zero.
        openOverdue: Math.min(counts.openOverdue, counts.open),
      });
    }
    return countsByRange;
  }

  /**
   * Where each monthly rollup's materialised months end: the watermark TimescaleDB keeps for a
   * continuous aggregate (the start of the first month not materialised yet).
   */
  private async monthlyRollupsMaterialisedTo(): Promise<Record<MonthlyRollup, Date>> {
    // Kept a few seconds: a watermark only moves forward, so an older one merely sends a month
    // the rollup already has to the daily aggregate, which gives the same counts.
    if (this.materialised && Date.now() - this.materialised.readAt < WATERMARK_KEPT_MS) {
      return this.materialised.to;
    }
    const rows = await this.dataSource.query<{ view: MonthlyRollup; materialisedTo: Date }[]>(
      `SELECT user_view_name AS view,
              _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id))
                AS "materialisedTo"
       FROM _timescaledb_catalog.continuous_agg WHERE user_view_name = ANY($1)`,
      [MONTHLY_ROLLUPS],
    );
    const never = new Date(0);
    const to = Object.fromEntries(MONTHLY_ROLLUPS.map((view) => [view, never])) as Record<
      MonthlyRollup,
      Date
    >;
    for (const row of rows) to[row.view] = row.materialisedTo;
    this.materialised = { to, readAt: Date.now() };
    return to;
  }

  /** One unit's dossiers of `range` that lost points on `measure`, judged at `now`, a page of them. */
  async lostDossiers(
    unitCode: string,
    measure: ServiceIndexMeasure,
    range: InstantRange,
    now: Date,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: LostPointDossier[] }> {
    const dossierColumns = `d.code AS "dossierCode", d.procedure_code AS "procedureCode", d.field,
      d.channel, d.status, d.received_at AS "receivedAt", d.due_at AS "dueAt", d.resolved_at AS "resolvedAt",
      d.pause_count AS "pauseCount"`;
    const lost = (where: string, reason: string) =>
      `SELECT ${dossierColumns}, ${reason} AS reason, NULL::smallint AS rating, NULL::timestamptz AS "ratedAt"
       FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code
       WHERE d.unit_code = $1 AND d.received_at >= $2 AND d.received_at < $3 AND ${COUNTED_SQL} AND ${where}`;
    // Satisfaction loses on overdue dossiers (as on-time does) and on ratings of 1–2 given in the period.
    const query =
      measure === 'satisfaction'
        ? `${lost(LOST_DOSSIERS['on-time'].where, LOST_DOSSIERS['on-time'].reason)}
           UNION ALL
           SELECT ${dossierColumns}, 'poor-rating', f.rating, f.at
           FROM feedback f LEFT JOIN dossiers d ON d.unit_code = f.unit_code AND d.code = f.dossier_code
           WHERE f.unit_code = $1 AND f.at >= $2 AND f.at < $3 AND f.rating <= 2`
        : lost(LOST_DOSSIERS[measure].where, LOST_DOSSIERS[measure].reason);
    const rows = await this.dataSource.query<(LostDossierRow & { total: number })[]>(
      // `evaluated` types $4 for the measures whose filter does not read the clock.
      `SELECT lost.*, (count(*) OVER ())::int AS total FROM (${query}) AS lost, (SELECT $4::timestamptz) AS evaluated(at)
       ORDER BY coalesce("ratedAt", "receivedAt"), "dossierCode" LIMIT $5 OFFSET $6`,
      [unitCode, range.from, range.to, now, page.limit, page.offset],
    );
    const total =
      rows[0]?.total ??
      (page.offset === 0
        ? 0
        : (
            await this.dataSource.query<{ total: number }[]>(
              `SELECT count(*)::int AS total FROM (${query}) AS lost, (SELECT $4::timestamptz) AS evaluated(at)`,
              [unitCode, range.from, range.to, now],
            )
          )[0]!.total);
    return { total, items: rows.map(({ total: _total, ...item }) => toLostDossier(item)) };
  }
}

type LostDossierRow = Omit<LostPointDossier, 'receivedAt' | 'dueAt' | 'resolvedAt' | 'rating' | 'ratedAt'> & {
  receivedAt: Date | null;
  dueAt: Date | null;
  resolvedAt: Date | null;
  rating: number | null;
  ratedAt: Date | null;
};

function toLostDossier(row: LostDossierRow): LostPointDossier {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  const { rating, ratedAt, ...rest } = row;
  return {
    ...rest,
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    resolvedAt: iso(row.resolvedAt),
    ...(rating === null ? {} : { rating, ratedAt: iso(ratedAt)! }),
  };
}
