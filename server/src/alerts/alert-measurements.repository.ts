import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * A 5-minute sample stands for its moment only if it is at most this old: a baseline from before
 * an outage of the server would compare today with another day.
 */
export const SAMPLE_LOOKBACK_MINUTES = 15;

/** Per window of minutes, a count per unit. */
export type CountsByWindow = Map<number, Map<string, number>>;

/** What the alert rules measure in the database (the live figures give the rest). */
@Injectable()
export class AlertMeasurementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per window, each unit's overdue count from its latest backlog sample at or before
   * `now − window` (and at most SAMPLE_LOOKBACK_MINUTES older): one short index probe per unit and
   * window, on chunks of at most 30 days. A unit without such a sample is absent.
   */
  async overdueSampledBefore(now: Date, windowsMinutes: readonly number[]): Promise<CountsByWindow> {
    const rows = await this.dataSource.query<{ window: number; unit_code: string; overdue: number }[]>(
      `SELECT w.minutes AS window, u.code AS unit_code, s.overdue
       FROM unnest($2::int[]) AS w(minutes)
       CROSS JOIN units u
       CROSS JOIN LATERAL (
         SELECT b.overdue FROM unit_backlog_samples b
         WHERE b.unit_code = u.code
           AND b.at <= $1::timestamptz - make_interval(mins => w.minutes)
           AND b.at > $1::timestamptz - make_interval(mins => w.minutes + $3)
         ORDER BY b.at DESC LIMIT 1
       ) s`,
      [now, windowsMinutes, SAMPLE_LOOKBACK_MINUTES],
    );
    return byWindow(windowsMinutes, rows, (row) => row.overdue);
  }

  /** Per window, the anomalies of each unit whose event time lies in `(now − window, now]`. */
  async anomaliesWithin(now: Date, windowsMinutes: readonly number[]): Promise<CountsByWindow> {
    const rows = await this.dataSource.query<{ window: number; unit_code: string; anomalies: number }[]>(
      `SELECT w.minutes AS window, a.unit_code, count(*)::int AS anomalies
       FROM unnest($2::int[]) AS w(minutes)
       JOIN dossier_anomalies a ON a.at > $1::timestamptz - make_interval(mins => w.minutes) AND a.at <= $1
       GROUP BY 1, 2`,
      [now, windowsMinutes],
    );
    return byWindow(windowsMinutes, rows, (row) => row.anomalies);
  }
}

function byWindow<R extends { window: number; unit_code: string }>(
  windows: readonly number[],
  rows: R[],
  value: (row: R) => number,
): CountsByWindow {
  const counts: CountsByWindow = new Map(windows.map((w) => [w, new Map<string, number>()]));
  for (const row of rows) counts.get(Number(row.window))?.set(row.unit_code, Number(value(row)));
  return counts;
}
