import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UnitLiveMetrics } from '@ioc/shared';
import { OPEN_DOSSIER_SQL, overdueAtSql } from './dossier-predicates.sql';

export interface UnitLiveRow extends Omit<UnitLiveMetrics, 'silent'> {
  /** The earliest deadline among open, unpaused dossiers not yet overdue: the next moment overdue changes. */
  nextDueAt: number | null;
}

interface RawRow {
  unit_code: string;
  backlog: number;
  overdue: number;
  received_today: number;
  resolved_today: number;
  rating_sum: number | null;
  rating_count: number;
  last_event_at: Date | null;
  next_due_at: Date | null;
}

@Injectable()
export class LiveMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Live figures of the given units (all when null) at `now`. Today starts at `dayStart`
   * (Vietnam midnight); ratings come from the real-time daily continuous aggregate.
   */
  async computeUnits(
    unitCodes: string[] | null,
    now: Date,
    dayStart: Date,
    ratingWindowStart: Date,
  ): Promise<UnitLiveRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `WITH scope AS (
         SELECT code FROM units WHERE $1::text[] IS NULL OR code = ANY($1::text[])
       ),
       open_dossiers AS (
         SELECT unit_code,
                count(*)::int AS backlog,
                count(*) FILTER (WHERE ${overdueAtSql('$2')})::int AS overdue,
                min(due_at) FILTER (WHERE status <> 'paused' AND due_at > $2) AS next_due_at
         FROM dossiers
         WHERE ${OPEN_DOSSIER_SQL} AND unit_code IN (SELECT code FROM scope)
         GROUP BY unit_code
       ),
       received AS (
         SELECT unit_code, count(*)::int AS n FROM dossiers
         WHERE received_at >= $3 AND received_at <= $2 AND unit_code IN (SELECT code FROM scope)
         GROUP BY unit_code
       ),
       resolved AS (
         SELECT unit_code, count(*)::int AS n FROM dossiers
         WHERE resolved_at >= $3 AND resolved_at <= $2 AND status <> 'unreceived' AND unit_code IN (SELECT code FROM scope)
         GROUP BY unit_code
       ),
       ratings AS (
         SELECT unit_code, sum(rating_sum)::float8 AS rating_sum, sum(ratings)::int AS rating_count
         FROM unit_daily_feedback
         WHERE day >= $4 AND unit_code IN (SELECT code FROM scope)
         GROUP BY unit_code
       )
       SELECT s.code AS unit_code,
              coalesce(o.backlog, 0) AS backlog,
              coalesce(o.overdue, 0) AS overdue,
              coalesce(rc.n, 0) AS received_today,
              coalesce(rs.n, 0) AS resolved_today,
              r.rating_sum,
              coalesce(r.rating_count, 0) AS rating_count,
              f.last_event_at,
              o.next_due_at
       FROM scope s
       LEFT JOIN open_dossiers o ON o.unit_code = s.code
       LEFT JOIN received rc ON rc.unit_code = s.code
       LEFT JOIN resolved rs ON rs.unit_code = s.code
       LEFT JOIN ratings r ON r.unit_code = s.code
       LEFT JOIN unit_freshness f ON f.unit_code = s.code
       ORDER BY s.code`,
      [unitCodes, now, dayStart, ratingWindowStart],
    );
    return rows.map((row) => ({
      unitCode: row.unit_code,
      backlog: row.backlog,
      overdue: row.overdue,
      receivedToday: row.received_today,
      resolvedToday: row.resolved_today,
      ratingAverage30d:
        row.rating_count > 0 && row.rating_sum !== null ? round2(row.rating_sum / row.rating_count) : null,
      ratingCount30d: row.rating_count,
      lastEventAt: row.last_event_at ? row.last_event_at.toISOString() : null,
      nextDueAt: row.next_due_at ? row.next_due_at.getTime() : null,
    }));
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
