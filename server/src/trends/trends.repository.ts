import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { KpiMoment } from '@ioc/shared';
import { SAMPLE_LOOKBACK_MINUTES } from '../alerts/alert-measurements.repository';

/** A moment to compare with, and the Vietnam midnight that starts its day. */
export interface ComparedMoment {
  at: Date;
  dayStart: Date;
}

/** Received and resolved dossiers of one Vietnam day (its midnight, as an instant). */
export interface DailyFlowRow {
  day: Date;
  received: number;
  resolved: number;
}

/** What the wall compares its live KPIs with, and its daily flow chart. */
@Injectable()
export class TrendsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The same figures at earlier moments, in ONE statement, for a unit or (null) the province:
   * backlog and overdue from the latest 5-minute sample at or before each moment (at most
   * SAMPLE_LOOKBACK_MINUTES older; null without one), and the dossiers received, resolved and
   * resolved in time from that day's Vietnam midnight up to the moment, counted like the live
   * figures count today's (index ranges on receipt and resolution times).
   */
  async momentFigures(unitCode: string | null, moments: readonly ComparedMoment[]): Promise<KpiMoment[]> {
    const rows = await this.dataSource.query<
      {
        backlog: number | null;
        overdue: number | null;
        received: number;
        resolved: number;
        resolved_in_time: number;
      }[]
    >(
      `SELECT b.backlog, b.overdue, r.received, s.resolved, s.resolved_in_time
       FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS m(at, day_start, i)
       CROSS JOIN LATERAL (
         SELECT sum(x.backlog)::int AS backlog, sum(x.overdue)::int AS overdue
         FROM unit_backlog_samples x
         WHERE x.at = (SELECT y.at FROM unit_backlog_samples y
                       WHERE y.at <= m.at AND y.at > m.at - make_interval(mins => $4)
                         AND ($1::text IS NULL OR y.unit_code = $1)
                       ORDER BY y.at DESC LIMIT 1)
           AND ($1::text IS NULL OR x.unit_code = $1)
       ) b
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS received FROM dossiers d
         WHERE d.received_at >= m.day_start AND d.received_at <= m.at AND ($1::text IS NULL OR d.unit_code = $1)
       ) r
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS resolved,
                count(*) FILTER (WHERE d.outcome IN ('early', 'on_time'))::int AS resolved_in_time
         FROM dossiers d
         WHERE d.resolved_at >= m.day_start AND d.resolved_at <= m.at AND d.status <> 'unreceived'
           AND ($1::text IS NULL OR d.unit_code = $1)
       ) s
       ORDER BY m.i`,
      [unitCode, moments.map((m) => m.at), moments.map((m) => m.dayStart), SAMPLE_LOOKBACK_MINUTES],
    );
    return rows.map((row, i) => ({
      at: moments[i]!.at.toISOString(),
      backlog: row.backlog,
      overdue: row.overdue,
      receivedSoFar: row.received,
      resolvedSoFar: row.resolved,
      resolvedInTimeSoFar: row.resolved_in_time,
    }));
  }

  /**
   * `dossier.received` and `dossier.resolved` events per Vietnam day from `from` (a Vietnam
   * midnight) on, from the daily continuous aggregate (real-time: the days it has not
   * materialised yet are counted from the raw events by the view itself). Days without events
   * are absent.
   */
  async dailyFlow(unitCode: string | null, from: Date): Promise<DailyFlowRow[]> {
    const rows = await this.dataSource.query<{ day: Date; received: number; resolved: number }[]>(
      `SELECT day,
              coalesce(sum(events) FILTER (WHERE type = 'dossier.received'), 0)::int AS received,
              coalesce(sum(events) FILTER (WHERE type = 'dossier.resolved'), 0)::int AS resolved
       FROM unit_daily_dossier_events
       WHERE day >= $2 AND type IN ('dossier.received', 'dossier.resolved')
         AND ($1::text IS NULL OR unit_code = $1)
       GROUP BY day ORDER BY day`,
      [unitCode, from],
    );
    return rows;
  }
}
