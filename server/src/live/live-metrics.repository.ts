import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LIVE_COUNT_KEYS, RATED_30D_KEYS, RATED_TODAY_KEYS, type LiveCounts } from '@ioc/shared';
import { OPEN_DOSSIER_SQL, overdueAtSql } from './dossier-predicates.sql';

/** The counts of one unit in one field; `field` null holds dossiers and ratings with no known field. */
export interface LiveCell {
  unitCode: string;
  field: string | null;
  counts: LiveCounts;
}

export interface UnitClock {
  unitCode: string;
  lastEventAt: string | null;
  /** The earliest deadline among open, unpaused dossiers not yet overdue: when `overdue` changes next. */
  nextDueAt: number | null;
  /** The earliest such deadline beyond the "due within one working day" horizon: when that count changes. */
  nextDueSoonAt: number | null;
}

export interface LiveCountWindow {
  now: Date;
  /** Vietnam midnight of today. */
  dayStart: Date;
  /** Vietnam midnight 29 days before today: the 30-day window includes today. */
  windowStart: Date;
  /** `now` plus one working day of office time. */
  dueSoonUntil: Date;
}

const SNAKE: Record<keyof LiveCounts, string> = Object.fromEntries(
  LIVE_COUNT_KEYS.map((key) => [key, key.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`)]),
) as Record<keyof LiveCounts, string>;
/** The levels of a rating, in the order of RATED_TODAY_KEYS and RATED_30D_KEYS. */
const RATING_LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * Counts every live figure per unit and field in ONE statement, so that all of them describe the
 * same moment of the database (a dossier resolved by a concurrent ingest is never counted both
 * as open and as resolved).
 */
@Injectable()
export class LiveMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countCells(
    unitCodes: string[] | null,
    window: LiveCountWindow,
  ): Promise<{ cells: LiveCell[]; clocks: UnitClock[] }> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH scope AS (
         SELECT code FROM units WHERE $1::text[] IS NULL OR code = ANY($1::text[])
       ),
       open_dossiers AS (
         SELECT unit_code, coalesce(field, '') AS field, status, due_at, apologized_at, ${overdueAtSql('$2')} AS overdue
         FROM dossiers
         WHERE ${OPEN_DOSSIER_SQL} AND unit_code IN (SELECT code FROM scope)
       ),
       open_counts AS (
         SELECT unit_code, coalesce(field, '') AS field,
                count(*) AS backlog,
                count(*) FILTER (WHERE status = 'in_process') AS in_process,
                count(*) FILTER (WHERE status = 'paused') AS paused,
                count(*) FILTER (WHERE overdue) AS overdue,
                count(*) FILTER (WHERE NOT overdue AND status <> 'paused' AND due_at <= $5) AS due_within_one_working_day,
                count(*) FILTER (WHERE overdue AND apologized_at IS NULL) AS late_without_apology
         FROM open_dossiers GROUP BY 1, 2
       ),
       received AS (
         SELECT unit_code, coalesce(field, '') AS field,
                count(*) FILTER (WHERE received_at >= $3) AS received_today,
                count(*) FILTER (WHERE received_at >= $3 AND channel = 'online') AS received_online_today,
                count(*) AS received_30d,
                count(*) FILTER (WHERE channel = 'online') AS received_online_30d
         FROM dossiers
         WHERE received_at >= $4 AND received_at <= $2 AND unit_code IN (SELECT code FROM scope)
         GROUP BY 1, 2
       ),
       resolved AS (
         SELECT unit_code, coalesce(field, '') AS field,
                count(*) FILTER (WHERE resolved_at >= $3 AND outcome = 'early') AS resolved_early_today,
                count(*) FILTER (WHERE resolved_at >= $3 AND outcome = 'on_time') AS resolved_on_time_today,
                count(*) FILTER (WHERE resolved_at >= $3 AND outcome = 'late') AS resolved_late_today,
                count(*) AS resolved_30d,
                count(*) FILTER (WHERE outcome IN ('early', 'on_time')) AS resolved_in_time_30d
         FROM dossiers
         WHERE resolved_at >= $4 AND resolved_at <= $2 AND status <> 'unreceived'
           AND unit_code IN (SELECT code FROM scope)
         GROUP BY 1, 2
       ),
       ratings AS (
         -- A rating counts for the field of the dossier it names, when that dossier is known.
         SELECT f.unit_code, coalesce(d.field, '') AS field,
                count(*) FILTER (WHERE f.at >= $3) AS ratings_today,
                coalesce(sum(f.rating) FILTER (WHERE f.at >= $3), 0) AS rating_sum_today,
                count(*) FILTER (WHERE f.at >= $3 AND f.rating <= 2) AS low_ratings_today,
                count(*) AS ratings_30d,
                sum(f.rating) AS rating_sum_30d,
                count(*) FILTER (WHERE f.rating <= 2) AS low_ratings_30d,
                ${RATING_LEVELS.map(
                  (level, i) =>
                    `count(*) FILTER (WHERE f.at >= $3 AND f.rating = ${level}) AS ${SNAKE[RATED_TODAY_KEYS[i]!]},
                count(*) FILTER (WHERE f.rating = ${level}) AS ${SNAKE[RATED_30D_KEYS[i]!]}`,
                ).join(',\n                ')}
         FROM feedback f
         LEFT JOIN dossiers d ON d.unit_code = f.unit_code AND d.code = f.dossier_code
         WHERE f.at >= $4 AND f.at <= $2 AND f.unit_code IN (SELECT code FROM scope)
         GROUP BY 1, 2
       ),
       anomalies AS (
         SELECT a.unit_code, coalesce(d.field, '') AS field, count(*) AS anomalies_today
         FROM dossier_anomalies a
         LEFT JOIN dossiers d ON d.unit_code = a.unit_code AND d.code = a.dossier_code
         WHERE a.at >= $3 AND a.at <= $2 AND a.unit_code IN (SELECT code FROM scope)
         GROUP BY 1, 2
       ),
       cells AS (
         SELECT unit_code, field FROM open_counts
         UNION SELECT unit_code, field FROM received
         UNION SELECT unit_code, field FROM resolved
         UNION SELECT unit_code, field FROM ratings
         UNION SELECT unit_code, field FROM anomalies
       ),
       -- One pass over the open dossiers for every unit's next deadlines, not a scan per unit.
       next_deadlines AS (
         SELECT unit_code,
                min(due_at) FILTER (WHERE due_at > $2) AS next_due_at,
                min(due_at) FILTER (WHERE due_at > $5) AS next_due_soon_at
         FROM open_dossiers WHERE status <> 'paused'
         GROUP BY unit_code
       ),
       clocks AS (
         SELECT s.code AS unit_code, n.next_due_at, n.next_due_soon_at
         FROM scope s LEFT JOIN next_deadlines n ON n.unit_code = s.code
       )
       SELECT c.unit_code, c.field, false AS is_clock,
              ${LIVE_COUNT_KEYS.map((key) => `coalesce(${SNAKE[key]}, 0)::float8 AS ${SNAKE[key]}`).join(',\n              ')},
              NULL::timestamptz AS last_event_at, NULL::timestamptz AS next_due_at, NULL::timestamptz AS next_due_soon_at
       FROM cells c
       LEFT JOIN open_counts USING (unit_code, field)
       LEFT JOIN received USING (unit_code, field)
       LEFT JOIN resolved USING (unit_code, field)
       LEFT JOIN ratings USING (unit_code, field)
       LEFT JOIN anomalies USING (unit_code, field)
       UNION ALL
       SELECT k.unit_code, NULL, true,
              ${LIVE_COUNT_KEYS.map(() => '0').join(', ')},
              f.last_event_at, k.next_due_at, k.next_due_soon_at
       FROM clocks k LEFT JOIN unit_freshness f ON f.unit_code = k.unit_code`,
      [unitCodes, window.now, window.dayStart, window.windowStart, window.dueSoonUntil],
    );
    const cells: LiveCell[] = [];
    const clocks: UnitClock[] = [];
    for (const row of rows) {
      const unitCode = row.unit_code as string;
      if (row.is_clock) {
        clocks.push({
          unitCode,
          lastEventAt: row.last_event_at ? (row.last_event_at as Date).toISOString() : null,
          nextDueAt: row.next_due_at ? (row.next_due_at as Date).getTime() : null,
          nextDueSoonAt: row.next_due_soon_at ? (row.next_due_soon_at as Date).getTime() : null,
        });
        continue;
      }
      const counts = {} as LiveCounts;
      for (const key of LIVE_COUNT_KEYS) counts[key] = Number(row[SNAKE[key]]);
      cells.push({ unitCode, field: (row.field as string) || null, counts });
    }
    return { cells, clocks };
  }
}
