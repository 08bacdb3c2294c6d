import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each continuous aggregate, its bucket and how often it is refreshed (as its policy was). */
const AGGREGATES = [
  { view: 'unit_daily_feedback', bucket: '1 day', every: '15 minutes' },
  { view: 'unit_daily_dossier_events', bucket: '1 day', every: '15 minutes' },
  { view: 'unit_daily_dossier_facts', bucket: '1 day', every: '5 minutes' },
  { view: 'unit_monthly_dossier_facts', bucket: '1 month', every: '5 minutes' },
  { view: 'unit_monthly_feedback', bucket: '1 month', every: '15 minutes' },
] as const;

/**
 * Replaces each aggregate's refresh policy by a job of our own, `ioc_refresh_aggregate`, that
 * first recomputes (`force`) every bucket in which a pending change ends, then refreshes as the
 * policy did (whole history, up to an hour ago).
 *
 * Why: TimescaleDB 2.28 drops the bucket that starts exactly at the greatest value of an
 * invalidation spanning several buckets — the change is taken off the log, the bucket is not
 * recomputed. Sparse on raw events (a change at 00:00:00 local, in one transaction with older
 * ones), but systematic for a monthly rollup on a daily aggregate: its changes are day starts,
 * and a refresh that rewrites 30 October – 1 November lost November (found by
 * late-events.int-spec on the real server). Forcing the bucket of each range's end costs one
 * bucket per pending change; the ranking's own coverage check (RankingsRepository) reads the
 * same logs, so nothing is counted from an aggregate before this job has run.
 */
export class RefreshAggregatesThroughBucketStarts1763800021000 implements MigrationInterface {
  name = 'RefreshAggregatesThroughBucketStarts1763800021000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE PROCEDURE ioc_refresh_aggregate(job_id int, config jsonb) LANGUAGE plpgsql AS $$
      DECLARE
        aggregate regclass := (config->>'view')::regclass;
        width interval := (config->>'bucket')::interval;
        window_end timestamptz := now() - (config->>'end_offset')::interval;
        bucket timestamptz;
        bucket_end timestamptz;
      BEGIN
        FOR bucket IN
          SELECT DISTINCT time_bucket(width, _timescaledb_functions.to_timestamp(i.greatest), 'Asia/Ho_Chi_Minh')
          FROM _timescaledb_catalog.continuous_agg c
          CROSS JOIN LATERAL (
            SELECT greatest_modified_value AS greatest
            FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log
            WHERE hypertable_id = c.raw_hypertable_id
            UNION ALL
            SELECT greatest_modified_value
            FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log
            WHERE materialization_id = c.mat_hypertable_id) AS i
          -- The logs mark "from here to the end of time" with the largest bigint: not a change.
          WHERE c.user_view_name = config->>'view' AND i.greatest < 9223372036854775807
        LOOP
          bucket_end := (bucket AT TIME ZONE 'Asia/Ho_Chi_Minh' + width) AT TIME ZONE 'Asia/Ho_Chi_Minh';
          -- A bucket not yet over is the view's real-time part (or the next run's).
          IF bucket_end <= window_end THEN
            CALL refresh_continuous_aggregate(aggregate, bucket, bucket_end, force => true);
            COMMIT;
          END IF;
        END LOOP;
        CALL refresh_continuous_aggregate(aggregate, NULL, window_end);
      END $$`);
    for (const { view, bucket, every } of AGGREGATES) {
      await queryRunner.query(`SELECT remove_continuous_aggregate_policy('${view}')`);
      await queryRunner.query(
        `SELECT add_job('ioc_refresh_aggregate', INTERVAL '${every}',
           config => jsonb_build_object('view', '${view}', 'bucket', '${bucket}', 'end_offset', '1 hour'))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `SELECT delete_job(job_id) FROM timescaledb_information.jobs WHERE proc_name = 'ioc_refresh_aggregate'`,
    );
    for (const { view, every } of AGGREGATES) {
      await queryRunner.query(
        `SELECT add_continuous_aggregate_policy('${view}', start_offset => NULL,
           end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '${every}')`,
      );
    }
    await queryRunner.query('DROP PROCEDURE ioc_refresh_aggregate(int, jsonb)');
  }
}
