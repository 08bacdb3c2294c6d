import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EMPTY_COUNTS,
  type LostPointDossier,
  type ServiceIndexCounts,
  type ServiceIndexMeasure,
  type ServiceIndexRulesVersion,
} from '@ioc/shared';
import { planChainReads, type ChainCoverage, type Span } from './aggregate-coverage';
import {
  COUNTED_SQL,
  DAILY_DOSSIER_FACTS_SQL,
  DAILY_FEEDBACK_SQL,
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

/**
 * What a score sums: each from a monthly rollup (read materialised only, migrations
 * CreateUnitMonthly*), the daily aggregate it rolls up, and — for the days those cannot vouch
 * for yet — the raw rows the daily aggregate is defined on, counted the same way.
 */
const AGGREGATES = {
  facts: {
    monthly: 'unit_monthly_dossier_facts',
    daily: 'unit_daily_dossier_facts',
    raw: DAILY_DOSSIER_FACTS_SQL,
  },
  ratings: { monthly: 'unit_monthly_feedback', daily: 'unit_daily_feedback', raw: DAILY_FEEDBACK_SQL },
} as const;
type Aggregate = (typeof AGGREGATES)[keyof typeof AGGREGATES];
type AggregateView = Aggregate['monthly'] | Aggregate['daily'];
const AGGREGATE_VIEWS: AggregateView[] = Object.values(AGGREGATES).flatMap((a) => [a.monthly, a.daily]);

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
   * that names each source once for all ranges. Whole months come from the monthly rollups, the
   * other days from the daily aggregates (real-time from their watermark on), and the days with
   * a change the aggregates have not taken in yet — a late event, a resolution of an old
   * dossier — from the raw rows (`planChainReads`): a figure is the same before and after any
   * refresh. Only the open dossiers that are overdue at `now` are counted from `dossiers`,
   * because becoming overdue is not an event.
   *
   * The catalog and the counts are read in one snapshot: a refresh or a batch committed in
   * between cannot make a day count twice or not at all.
   */
  async countsByUnit(ranges: readonly CountedRange[], now: Date): Promise<Map<string, ServiceIndexCounts>[]> {
    const bounds = {
      from: new Date(Math.min(...ranges.map((r) => +r.from))),
      to: new Date(Math.max(...ranges.map((r) => +r.to))),
    };
    const counted = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const coverage = await this.coverage(manager, bounds);
      const { sql, values } = countingStatement(ranges, now, coverage);
      const [row] = await manager.query<[{ counted: CountsRow[] | null }]>(sql, values);
      return row.counted ?? [];
    });
    const countsByRange = ranges.map(() => new Map<string, ServiceIndexCounts>());
    for (const { rangeIndex, unitCode, ...counts } of counted) {
      countsByRange[rangeIndex]!.set(unitCode, { ...EMPTY_COUNTS, ...counts });
    }
    return countsByRange;
  }

  /**
   * What each aggregate can vouch for within `bounds`: its watermark and the ranges changed since
   * it materialised them — the invalidation log of the hypertable it reads (changes no refresh
   * has looked at yet) and its own materialisation log (changes a refresh moved there but has not
   * redone). TimescaleDB keeps both as Unix microseconds with inclusive bounds; they are clipped
   * to `bounds` here, which also keeps the logs' ±infinity markers out.
   */
  private async coverage(
    manager: EntityManager,
    bounds: InstantRange,
  ): Promise<Record<keyof typeof AGGREGATES, ChainCoverage>> {
    const rows = await manager.query<
      { view: AggregateView; materialisedTo: string; stale: [string, string][] }[]
    >(
      `SELECT c.user_view_name AS view,
              greatest(least(_timescaledb_functions.cagg_watermark(c.mat_hypertable_id), b.hi), b.lo) / 1000
                AS "materialisedTo",
              coalesce((SELECT json_agg(json_build_array(greatest(i.lowest, b.lo) / 1000, least(i.greatest, b.hi) / 1000))
                        FROM (SELECT lowest_modified_value AS lowest, greatest_modified_value AS greatest
                              FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log
                              WHERE hypertable_id = c.raw_hypertable_id
                              UNION ALL
                              SELECT lowest_modified_value, greatest_modified_value
                              FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log
                              WHERE materialization_id = c.mat_hypertable_id) AS i
                        WHERE i.greatest >= b.lo AND i.lowest < b.hi), '[]') AS stale
       FROM _timescaledb_catalog.continuous_agg c,
            (SELECT _timescaledb_functions.to_unix_microseconds($2) AS lo,
                    _timescaledb_functions.to_unix_microseconds($3) AS hi) AS b
       WHERE c.user_view_name = ANY($1)`,
      [AGGREGATE_VIEWS, bounds.from, bounds.to],
    );
    const of = (view: AggregateView) => {
      const row = rows.find((r) => r.view === view);
      // A view the catalog does not know (never: the migrations create them) vouches for nothing.
      if (!row) return { to: +bounds.from, stale: [] };
      return {
        to: Number(row.materialisedTo),
        stale: row.stale.map(([from, to]): Span => ({ from: Number(from), to: Number(to) + 1 })),
      };
    };
    const chain = ({ daily, monthly }: Aggregate): ChainCoverage => {
      const [d, m] = [of(daily), of(monthly)];
      return { dailyTo: d.to, dailyStale: d.stale, monthlyTo: m.to, monthlyStale: m.stale };
    };
    return { facts: chain(AGGREGATES.facts), ratings: chain(AGGREGATES.ratings) };
  }

  /** One unit's dossiers of `range` that lost points on `measure`, judged at `now`, a page of them. */
  async lostDossiers(
    unitCode: string,
    measure: ServiceIndexMeasure,
    range: InstantRange,
    now: Date,
    page: { limit: number; offset: number },
    fields: readonly string[] | null = null,
  ): Promise<{ total: number; items: LostPointDossier[] }> {
    const dossierColumns = `d.code AS "dossierCode", d.procedure_code AS "procedureCode", d.field,
      d.channel, d.status, d.received_at AS "receivedAt", d.due_at AS "dueAt", d.resolved_at AS "resolvedAt",
      d.pause_count AS "pauseCount"`;
    // A department head's list: only his fields (a rating naming no dossier has no field: left out).
    const inFields = fields === null ? 'true' : `d.field = ANY($7::text[])`;
    const fieldParams = fields === null ? [] : [fields];
    const lost = (where: string, reason: string) =>
      `SELECT ${dossierColumns}, ${reason} AS reason, NULL::smallint AS rating, NULL::timestamptz AS "ratedAt"
       FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code
       WHERE d.unit_code = $1 AND d.received_at >= $2 AND d.received_at < $3 AND ${COUNTED_SQL} AND ${where}
         AND ${inFields}`;
    // Satisfaction loses on overdue dossiers (as on-time does) and on ratings of 1–2 given in the period.
    const query =
      measure === 'satisfaction'
        ? `${lost(LOST_DOSSIERS['on-time'].where, LOST_DOSSIERS['on-time'].reason)}
           UNION ALL
           SELECT ${dossierColumns}, 'poor-rating', f.rating, f.at
           FROM feedback f LEFT JOIN dossiers d ON d.unit_code = f.unit_code AND d.code = f.dossier_code
           WHERE f.unit_code = $1 AND f.at >= $2 AND f.at < $3 AND f.rating <= 2 AND ${inFields}`
        : lost(LOST_DOSSIERS[measure].where, LOST_DOSSIERS[measure].reason);
    const rows = await this.dataSource.query<(LostDossierRow & { total: number })[]>(
      // `evaluated` types $4 for the measures whose filter does not read the clock.
      `SELECT lost.*, (count(*) OVER ())::int AS total FROM (${query}) AS lost, (SELECT $4::timestamptz) AS evaluated(at)
       ORDER BY coalesce("ratedAt", "receivedAt"), "dossierCode" LIMIT $5 OFFSET $6`,
      [unitCode, range.from, range.to, now, page.limit, page.offset, ...fieldParams],
    );
    const total =
      rows[0]?.total ??
      (page.offset === 0
        ? 0
        : (
            await this.dataSource.query<{ total: number }[]>(
              `SELECT count(*)::int AS total FROM (${query.replaceAll('$7::', '$5::')}) AS lost, (SELECT $4::timestamptz) AS evaluated(at)`,
              [unitCode, range.from, range.to, now, ...fieldParams],
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

/**
 * The statement of `countsByUnit`: every unit's counts per range, as one JSON value (the
 * embedded engine sends a result of 250 rows of 16 columns three times slower than the same
 * figures as one value).
 */
function countingStatement(
  ranges: readonly CountedRange[],
  now: Date,
  coverage: Record<keyof typeof AGGREGATES, ChainCoverage>,
): { sql: string; values: unknown[] } {
  // A parameter is bound only where the statement uses it (an unused one would have no type),
  // and each instant once.
  const values: unknown[] = [];
  const bound = new Map<number, string>();
  const param = (instant: Date | number) => {
    const ms = +instant;
    if (!bound.has(ms)) bound.set(ms, `$${values.push(new Date(ms))}`);
    return bound.get(ms)!;
  };
  const at = param(now);
  const within = (column: string, spans: readonly Span[]) =>
    spans.map((span) => `${column} >= ${param(span.from)} AND ${column} < ${param(span.to)}`);
  /** Rows matching any range's conditions, and the index of the range each one belongs to. */
  const inRanges = (conditions: string[][]) => {
    const cases = conditions.flatMap((own, i) => own.map((c) => `WHEN ${c} THEN ${i}`));
    if (cases.length === 0) return null;
    const where = conditions.flatMap((own) => own.map((c) => `(${c})`)).join(' OR ');
    return { rangeIndex: `CASE ${cases.join(' ')} END`, where };
  };
  const sumOver = (aggregate: keyof typeof AGGREGATES) => {
    const { monthly, daily, raw } = AGGREGATES[aggregate];
    const columns = Object.keys(raw.columns);
    const plans = ranges.map((range) =>
      planChainReads(
        { from: +range.from, to: +range.to },
        { from: +range.monthsFrom, to: +range.monthsTo },
        coverage[aggregate],
      ),
    );
    const reads: string[] = [];
    for (const [view, rows] of [
      [monthly, inRanges(plans.map((plan) => within('month', plan.months)))],
      [daily, inRanges(plans.map((plan) => within('day', plan.days)))],
    ] as const) {
      if (rows) {
        reads.push(`SELECT ${rows.rangeIndex} AS range_index, unit_code, ${columns.join(', ')}
                    FROM ${view} WHERE ${rows.where}`);
      }
    }
    const rawRows = inRanges(plans.map((plan) => within(raw.time, plan.raw)));
    if (rawRows) {
      reads.push(`SELECT ${rawRows.rangeIndex} AS range_index, unit_code,
                         ${columns.map((c) => `${raw.columns[c]} AS ${c}`).join(', ')}
                  FROM ${raw.table} WHERE ${raw.where} AND (${rawRows.where}) GROUP BY 1, 2`);
    }
    return `SELECT range_index, unit_code, ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')}
       FROM (${reads.join(' UNION ALL ')}) AS counted GROUP BY range_index, unit_code`;
  };
  const receivedIn = inRanges(
    ranges.map((range) => [`d.received_at >= ${param(range.from)} AND d.received_at < ${param(range.to)}`]),
  )!;
  const sql = `WITH facts AS (${sumOver('facts')}),
    ratings AS (${sumOver('ratings')}),
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
    LEFT JOIN ratings r ON r.range_index = g.range_index AND r.unit_code = u.code) AS counted`;
  return { sql, values };
}

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
