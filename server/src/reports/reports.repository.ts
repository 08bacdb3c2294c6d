import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WORKING_TIME_CLASS_COUNT } from '@ioc/shared';
import {
  chainSumSql,
  readChainCoverage,
  StatementParams,
  type AggregateChain,
  type CountedRange,
} from '../rankings/aggregate-chains.sql';
import {
  DAILY_DOSSIER_FACTS_SQL,
  openOverdueSplitSql,
  type DailyCountsSql,
} from '../rankings/service-index.sql';
import { OPEN_DOSSIER_SQL, overdueAtSql } from '../live/dossier-predicates.sql';

const CLASS_COLUMNS = Array.from({ length: WORKING_TIME_CLASS_COUNT }, (_, i) => `wt_${i}`);

/**
 * `unit_field_daily_report_facts` (migration CreateUnitFieldDailyReportFacts) over `dossier_facts`:
 * its columns as expressions over the raw rows, for the days the aggregates cannot vouch for.
 */
const DAILY_REPORT_FACTS_SQL: DailyCountsSql = {
  table: 'dossier_facts',
  time: 'received_at',
  where: DAILY_DOSSIER_FACTS_SQL.where,
  columns: {
    received: DAILY_DOSSIER_FACTS_SQL.columns.received!,
    resolved: DAILY_DOSSIER_FACTS_SQL.columns.resolved!,
    resolved_in_time: DAILY_DOSSIER_FACTS_SQL.columns.resolved_in_time!,
    open: DAILY_DOSSIER_FACTS_SQL.columns.open!,
    online: `count(*) FILTER (WHERE channel = 'online')`,
    ...Object.fromEntries(CLASS_COLUMNS.map((c, i) => [c, `count(*) FILTER (WHERE working_class = ${i})`])),
  },
};

const REPORT_CHAINS = {
  report: {
    monthly: 'unit_field_monthly_report_facts',
    daily: 'unit_field_daily_report_facts',
    raw: DAILY_REPORT_FACTS_SQL,
    keys: ['unit_code', 'field'],
  },
} as const satisfies Record<string, AggregateChain>;

/** Dossier counts of a cell (a unit, or a former province and field), as the report sums them. */
export interface DossierCounts {
  received: number;
  resolved: number;
  resolvedInTime: number;
  open: number;
  /** Open and overdue at the moment of evaluation, or asked for supplements more than once (as the index). */
  openOverdue: number;
  online: number;
  /** Resolved dossiers per class of processing time (`WORKING_TIME_CLASSES`). */
  workingTimeClasses: number[];
}

/** One grouping of the report's statement: a unit's cell, or a former province's field. */
export interface ReportCell {
  unitCode: string | null;
  formerProvince: string | null;
  field: string | null;
}

export interface ReportCounts {
  /** Per range: the units' cells and the former provinces' fields' cells. */
  ranges: { cell: ReportCell; counts: DossierCounts }[][];
  /** Per instant: open and past the deadline then, by unit and by former province and field. */
  overdueAt: { cell: ReportCell; overdue: number }[][];
  /** Open and overdue now (as the wall counts it), by unit and by former province and field. */
  overdueNow: { cell: ReportCell; overdue: number }[];
}

type CellRow = ReportCell & { index: number | null; values: number[] };

/**
 * The meeting report's own figures (issue 15), read beside the service index's counts in one
 * REPEATABLE READ snapshot (`snapshot`): whatever is committed meanwhile, every figure describes
 * the same state of the database.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `read` in one REPEATABLE READ transaction. */
  snapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  /**
   * In ONE statement: per range, the dossier counts of every unit and of every former province's
   * field (`GROUPING SETS`), narrowed to `fields` when given, judged at `now`; the dossiers
   * overdue at each of `instants` (a stab into `dossiers_overdue_span`) and now.
   */
  async counts(
    manager: EntityManager,
    ranges: readonly CountedRange[],
    instants: readonly Date[],
    now: Date,
    fields: readonly string[] | null,
  ): Promise<ReportCounts> {
    const bounds = {
      from: new Date(Math.min(...ranges.map((r) => +r.from))),
      to: new Date(Math.max(...ranges.map((r) => +r.to))),
    };
    const coverage = await readChainCoverage(manager, bounds, REPORT_CHAINS);
    const params = new StatementParams();
    const at = params.instant(now);
    const chain = chainSumSql(REPORT_CHAINS.report, ranges, coverage.report, params, { overlapping: true });
    const inFields = (column: string) =>
      fields === null ? 'true' : `coalesce(${column}, '') = ANY(${params.value(fields)}::text[])`;
    const fieldFilter = inFields('c.field');
    const countColumns = ['received', 'resolved', 'resolved_in_time', 'open', 'online', ...CLASS_COLUMNS];
    const grouped = (source: string, columns: string[], key: string) => `
      SELECT json_agg(json_build_array(${key}, unit_code, former_province, field,
                                       json_build_array(${columns.map((c) => `${c}::int`).join(', ')})))
      FROM (SELECT ${key}, CASE WHEN GROUPING(unit_code) = 0 THEN unit_code END AS unit_code,
                   CASE WHEN GROUPING(former_province) = 0 THEN former_province END AS former_province,
                   CASE WHEN GROUPING(field) = 0 THEN field END AS field,
                   ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')}
            FROM ${source}
            GROUP BY GROUPING SETS ((${key}, unit_code), (${key}, former_province, field))) AS g`;
    const overdueSpan = `d.status <> 'unreceived' AND d.received_at IS NOT NULL AND d.due_at IS NOT NULL
      AND (coalesce(d.resolved_at, d.closed_at) IS NULL OR coalesce(d.resolved_at, d.closed_at) > d.due_at)`;
    const sql = `WITH chain AS (${chain}),
      overdue AS (
        SELECT range_index, unit_code, field, count(*) AS open_overdue
        -- A read per range and condition: the ranges overlap (a year to date and its months).
        FROM (${ranges
          .flatMap((range, i) =>
            openOverdueSplitSql(at).map(
              (overdue) => `SELECT ${i} AS range_index, d.unit_code, coalesce(d.field, '') AS field
                            FROM dossiers d WHERE ${overdue} AND d.received_at >= ${params.instant(range.from)}
                              AND d.received_at < ${params.instant(range.to)}`,
            ),
          )
          .join(' UNION ALL ')}) AS o
        GROUP BY 1, 2, 3),
      cells AS (
        SELECT c.range_index, c.unit_code, u.former_province, coalesce(c.field, '') AS field,
               ${countColumns.map((col) => `c.${col}`).join(', ')}, coalesce(o.open_overdue, 0) AS open_overdue
        FROM chain c
        JOIN units u ON u.code = c.unit_code
        LEFT JOIN overdue o ON o.range_index = c.range_index AND o.unit_code = c.unit_code
                           AND o.field = coalesce(c.field, '')
        WHERE ${fieldFilter}),
      overdue_at AS (
        SELECT i.instant_index, d.unit_code, u.former_province, coalesce(d.field, '') AS field, 1 AS overdue
        FROM unnest(${params.value(instants.map((i) => i.toISOString()))}::timestamptz[])
               WITH ORDINALITY AS i(at, instant_index)
        JOIN dossiers d ON ${overdueSpan}
         AND tstzrange(d.due_at, coalesce(d.resolved_at, d.closed_at), '[)') @> i.at
        JOIN units u ON u.code = d.unit_code
        WHERE ${inFields('d.field')}),
      overdue_now AS (
        SELECT 0 AS instant_index, d.unit_code, u.former_province, coalesce(d.field, '') AS field, 1 AS overdue
        FROM dossiers d JOIN units u ON u.code = d.unit_code
        WHERE d.${OPEN_DOSSIER_SQL} AND ${overdueAtSql(at, 'd.')} AND ${inFields('d.field')})
      SELECT (${grouped('cells', [...countColumns, 'open_overdue'], 'range_index')}) AS cells,
             (${grouped('overdue_at', ['overdue'], 'instant_index')}) AS "overdueAt",
             (${grouped('overdue_now', ['overdue'], 'instant_index')}) AS "overdueNow"`;
    const [row] = await manager.query<
      [{ cells: RawCell[] | null; overdueAt: RawCell[] | null; overdueNow: RawCell[] | null }]
    >(sql, params.values);
    const cells = (row.cells ?? []).map(toCellRow);
    const result: ReportCounts = {
      ranges: ranges.map(() => []),
      overdueAt: instants.map(() => []),
      overdueNow: [],
    };
    for (const { index, values, ...cell } of cells) {
      const [received, resolved, resolvedInTime, open, online, ...rest] = values;
      result.ranges[index!]!.push({
        cell,
        counts: {
          received: received!,
          resolved: resolved!,
          resolvedInTime: resolvedInTime!,
          open: open!,
          online: online!,
          workingTimeClasses: rest.slice(0, WORKING_TIME_CLASS_COUNT),
          openOverdue: rest[WORKING_TIME_CLASS_COUNT]!,
        },
      });
    }
    for (const { index, values, ...cell } of (row.overdueAt ?? []).map(toCellRow)) {
      // WITH ORDINALITY counts from 1.
      result.overdueAt[index! - 1]!.push({ cell, overdue: values[0]! });
    }
    result.overdueNow = (row.overdueNow ?? []).map(toCellRow).map(({ values, ...cell }) => ({
      cell: { unitCode: cell.unitCode, formerProvince: cell.formerProvince, field: cell.field },
      overdue: values[0]!,
    }));
    return result;
  }
}

type RawCell = [number | null, string | null, string | null, string | null, number[]];

function toCellRow([index, unitCode, formerProvince, field, values]: RawCell): CellRow {
  return { index, unitCode, formerProvince, field, values };
}
