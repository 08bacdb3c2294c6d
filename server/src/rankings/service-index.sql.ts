import { OPEN_DOSSIER_SQL, overdueAtSql } from '../live/dossier-predicates.sql';

/**
 * Which dossiers lost points, in SQL over the `dossiers` table (alias `d.`). These are the
 * definitions of the continuous aggregate `unit_daily_dossier_facts` (migration
 * CreateUnitDailyDossierFacts) read the other way round: the drill-down must list exactly the
 * dossiers the counts are missing.
 */
export const COUNTED_SQL = `d.status NOT IN ('rejected', 'withdrawn', 'unreceived')`;
export const RESOLVED_SQL = `d.status IN ('resolved', 'returned')`;
const RESOLVED_IN_TIME_SQL = `${RESOLVED_SQL} AND d.outcome IN ('early', 'on_time') AND d.pause_count <= 1`;

/** Open and past the deadline at `nowParam`, or asked for a supplement more than once (counted as overdue). */
export function openOverdueSql(nowParam: string): string {
  return `d.${OPEN_DOSSIER_SQL} AND ((${overdueAtSql(nowParam, 'd.')}) OR d.pause_count > 1)`;
}

/**
 * `openOverdueSql` as two disjoint conditions whose union it is, each of which an index serves
 * without reading the dossiers it rejects: past the deadline (`dossiers_open_received_due`), and
 * asked for supplements more than once while not past it (`dossiers_open_resupplied`). A count
 * sums both; an OR of the two would read every open dossier of the period.
 */
export function openOverdueSplitSql(nowParam: string): [pastDeadline: string, resupplied: string] {
  const pastDeadline = `d.${OPEN_DOSSIER_SQL} AND ${overdueAtSql(nowParam, 'd.')}`;
  return [
    pastDeadline,
    `d.${OPEN_DOSSIER_SQL} AND d.pause_count > 1 AND (${overdueAtSql(nowParam, 'd.')}) IS NOT TRUE`,
  ];
}

/** Not on time: resolved late (or after more than one supplement request), or open and overdue. */
export function notInTimeSql(nowParam: string): string {
  return `((${RESOLVED_SQL} AND NOT (${RESOLVED_IN_TIME_SQL})) OR (${openOverdueSql(nowParam)}))`;
}

export const NOT_IN_TIME_REASON_SQL = `CASE WHEN d.pause_count > 1 THEN 'supplement-more-than-once'
  WHEN d.${OPEN_DOSSIER_SQL} THEN 'overdue-open' ELSE 'late' END`;

/**
 * How a daily aggregate counts its raw rows, for the days a ranking reads from them
 * (RankingsRepository): the aggregate's own definition, column by column. The late-events
 * recount test fails if one drifts from its migration.
 */
export interface DailyCountsSql {
  table: string;
  /** The column the aggregate buckets by. */
  time: string;
  where: string;
  /** Each column of the aggregate a score reads, as an expression over the raw rows. */
  columns: Readonly<Record<string, string>>;
}

/** `unit_daily_dossier_facts` (migration CreateUnitDailyDossierFacts) over `dossier_facts`. */
export const DAILY_DOSSIER_FACTS_SQL: DailyCountsSql = {
  table: 'dossier_facts',
  time: 'received_at',
  where: `status NOT IN ('rejected', 'withdrawn', 'unreceived')`,
  columns: {
    received: 'count(*)',
    resolved: `count(*) FILTER (WHERE status IN ('resolved', 'returned'))`,
    resolved_in_time: `count(*) FILTER (WHERE status IN ('resolved', 'returned')
                         AND outcome IN ('early', 'on_time') AND pause_count <= 1)`,
    open: `count(*) FILTER (WHERE status IN ('received', 'in_process', 'paused'))`,
    synced: `count(*) FILTER (WHERE status IN ('resolved', 'returned') AND synced)`,
    full_process: 'count(*) FILTER (WHERE full_process)',
    full_process_online: `count(*) FILTER (WHERE full_process AND channel = 'online')`,
    digitized: 'count(*) FILTER (WHERE digitized)',
    e_result: `count(*) FILTER (WHERE status IN ('resolved', 'returned') AND e_result)`,
    fee_required: 'count(*) FILTER (WHERE fee_required)',
    paid_online: 'count(*) FILTER (WHERE fee_required AND paid_online)',
  },
};

/** `unit_daily_feedback` (migration CreateUnitDailyFeedback) over `feedback`: the columns a score reads. */
export const DAILY_FEEDBACK_SQL: DailyCountsSql = {
  table: 'feedback',
  time: 'at',
  where: 'TRUE',
  columns: {
    ratings: 'count(*)',
    poor_ratings: 'count(*) FILTER (WHERE rating <= 2)',
    rating_sum: 'sum(rating)',
  },
};
