import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BacklogHistoryPoint } from '@ioc/shared';
import { OPEN_DOSSIER_SQL, overdueAtSql } from './dossier-predicates.sql';

@Injectable()
export class BacklogHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Samples every unit's backlog at `at`, counted from the dossiers table itself (not from
   * memory). A second sample of the same instant is ignored, so a restart cannot double it.
   */
  async recordSample(at: Date): Promise<number> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO unit_backlog_samples (at, unit_code, backlog, overdue, paused)
       SELECT $1, u.code,
              count(d.code)::int,
              count(d.code) FILTER (WHERE ${overdueAtSql('$1', 'd.')})::int,
              count(d.code) FILTER (WHERE d.status = 'paused')::int
       FROM units u
       LEFT JOIN dossiers d ON d.unit_code = u.code AND d.${OPEN_DOSSIER_SQL}
       GROUP BY u.code
       ON CONFLICT DO NOTHING
       RETURNING unit_code`,
      [at],
    );
    return rows.length;
  }

  /** Highest sampled backlog per bucket, for one unit or summed over the province. */
  async history(unitCode: string | null, since: Date, bucketMinutes: number): Promise<BacklogHistoryPoint[]> {
    const rows = await this.dataSource.query<{ at: Date; backlog: number; overdue: number }[]>(
      `WITH per_sample AS (
         SELECT at, sum(backlog)::int AS backlog, sum(overdue)::int AS overdue
         FROM unit_backlog_samples
         WHERE at >= $2 AND ($1::text IS NULL OR unit_code = $1)
         GROUP BY at
       )
       SELECT time_bucket(make_interval(mins => $3), at, 'Asia/Ho_Chi_Minh') AS at,
              max(backlog)::int AS backlog, max(overdue)::int AS overdue
       FROM per_sample GROUP BY 1 ORDER BY 1`,
      [unitCode, since, bucketMinutes],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }
}
