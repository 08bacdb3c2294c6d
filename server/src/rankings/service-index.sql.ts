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
