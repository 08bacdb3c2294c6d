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
import type { ChainCoverage } from './aggregate-coverage';
import {
  chainSumSql,
  inRanges,
  readChainCoverage,
  StatementParams,
  type AggregateChain,
  type CountedRange,
  type InstantRange,
} from './aggregate-chains.sql';
import {
  COUNTED_SQL,
  DAILY_DOSSIER_FACTS_SQL,
  DAILY_FEEDBACK_SQL,
  NOT_IN_TIME_REASON_SQL,
  notInTimeSql,
  openOverdueSplitSql,
  RESOLVED_SQL,
} from './service-index.sql';

export type { CountedRange, InstantRange } from './aggregate-chains.sql';

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
    keys: ['unit_code'],
  },
  ratings: {
    monthly: 'unit_monthly_feedback',
    daily: 'unit_daily_feedback',
    raw: DAILY_FEEDBACK_SQL,
    keys: ['unit_code'],
  },
} as const satisfies Record<string, AggregateChain>;

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
  async countsByUnit(
    ranges: readonly CountedRange[],
    now: Date,
    /** A REPEATABLE READ transaction of the caller's, to read more in the same snapshot (the meeting report). */
    within?: EntityManager,
  ): Promise<Map<string, ServiceIndexCounts>[]> {
    const bounds = {
      from: new Date(Math.min(...ranges.map((r) => +r.from))),
      to: new Date(Math.max(...ranges.map((r) => +r.to))),
    };
    const count = async (manager: EntityManager) => {
      const coverage = await readChainCoverage(manager, bounds, AGGREGATES);
      const { sql, values } = countingStatement(ranges, now, coverage);
      const [row] = await manager.query<[{ counted: CountsRow[] | null }]>(sql, values);
      return row.counted ?? [];
    };
    const counted = within
      ? await count(within)
      : await this.dataSource.transaction('REPEATABLE READ', count);
    const countsByRange = ranges.map(() => new Map<string, ServiceIndexCounts>());
    for (const { rangeIndex, unitCode, ...counts } of counted) {
      countsByRange[rangeIndex]!.set(unitCode, { ...EMPTY_COUNTS, ...counts });
    }
    return countsByRange;
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
  const params = new StatementParams();
  const param = (instant: Date | number) => params.instant(instant);
  const at = param(now);
  const sumOver = (aggregate: keyof typeof AGGREGATES) =>
    chainSumSql(AGGREGATES[aggregate], ranges, coverage[aggregate], params);
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
           coalesce(r.ratings, 0)::int AS ratings, coalesce(r.poor_ratings, 0)::int AS "poorRatings",
           coalesce(r.rating_sum, 0)::int AS "ratingSum"
    FROM generate_series(0, ${ranges.length - 1}) AS g(range_index) CROSS JOIN units u
    LEFT JOIN facts f ON f.range_index = g.range_index AND f.unit_code = u.code
    LEFT JOIN overdue o ON o.range_index = g.range_index AND o.unit_code = u.code
    LEFT JOIN ratings r ON r.range_index = g.range_index AND r.unit_code = u.code) AS counted`;
  return { sql, values: params.values };
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
