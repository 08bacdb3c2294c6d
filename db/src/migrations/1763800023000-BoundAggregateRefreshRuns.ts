import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The span one refresh step takes, a whole number of the aggregate's buckets. A week of a daily
 * aggregate is ~12,000 raw events in the refresh benchmark's import (0.1–0.2 s on the embedded
 * engine); a quarter of a monthly rollup reads ~11,000 daily rows.
 */
const WINDOWS = [
  { view: 'unit_daily_feedback', window: '7 days' },
  { view: 'unit_daily_dossier_events', window: '7 days' },
  { view: 'unit_daily_dossier_facts', window: '7 days' },
  { view: 'unit_monthly_dossier_facts', window: '3 months' },
  { view: 'unit_monthly_feedback', window: '3 months' },
] as const;

/**
 * The pending refresh of an aggregate, as windows of `config.window` (aligned to its buckets in
 * Vietnam time, like `time_bucket`) up to the start of the bucket `end_offset` ago: every window
 * that holds a change its aggregate has not taken in. The changes are those of the two logs the
 * ranking's coverage check reads (RankingsRepository), inclusive bounds in Unix microseconds.
 * The logs mark "from here to the end of time" with the largest bigint and a view never refreshed
 * with "since the beginning of time": clipped to the refresh's end and to the first chunk of the
 * hypertable the aggregate reads, where its data begins.
 */
const REFRESH_WINDOWS = `
  CREATE FUNCTION ioc_refresh_windows(config jsonb)
  RETURNS TABLE (window_start timestamptz, window_end timestamptz) LANGUAGE sql STABLE AS $$
    WITH aggregate AS (
      SELECT c.raw_hypertable_id, c.mat_hypertable_id, (config->>'window')::interval AS step,
             time_bucket((config->>'bucket')::interval, now() - (config->>'end_offset')::interval,
                         'Asia/Ho_Chi_Minh') AS refreshed_to
      FROM _timescaledb_catalog.continuous_agg c
      WHERE c.user_view_name = config->>'view'),
    bounds AS (
      SELECT a.*, _timescaledb_functions.to_unix_microseconds(a.refreshed_to) AS hi,
             (SELECT _timescaledb_functions.to_unix_microseconds(min(ch.range_start))
              FROM _timescaledb_catalog.hypertable h
              JOIN timescaledb_information.chunks ch
                ON ch.hypertable_schema = h.schema_name AND ch.hypertable_name = h.table_name
              WHERE h.id = a.raw_hypertable_id) AS lo
      FROM aggregate a),
    pending AS (
      SELECT b.step, b.refreshed_to, b.lo, greatest(i.lowest, b.lo) AS lowest, least(i.greatest, b.hi - 1) AS greatest
      FROM bounds b
      CROSS JOIN LATERAL (
        SELECT lowest_modified_value AS lowest, greatest_modified_value AS greatest
        FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log
        WHERE hypertable_id = b.raw_hypertable_id
        UNION ALL
        SELECT lowest_modified_value, greatest_modified_value
        FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log
        WHERE materialization_id = b.mat_hypertable_id) AS i
      -- No chunk: nothing to refresh (the final whole refresh of a run sees to the rest).
      WHERE b.lo IS NOT NULL),
    spans AS (
      SELECT step, refreshed_to, lo, unnest(range_agg(int8range(lowest, greatest, '[]'))) AS span
      FROM pending WHERE lowest <= greatest
      GROUP BY step, refreshed_to, lo),
    windows AS (
      SELECT DISTINCT local_start AT TIME ZONE 'Asia/Ho_Chi_Minh' AS start,
             least((local_start + step) AT TIME ZONE 'Asia/Ho_Chi_Minh', refreshed_to) AS "end",
             _timescaledb_functions.to_timestamp(lo) AS data_start
      FROM spans
      CROSS JOIN LATERAL generate_series(
        time_bucket(step, _timescaledb_functions.to_timestamp(lower(span)), 'Asia/Ho_Chi_Minh')
          AT TIME ZONE 'Asia/Ho_Chi_Minh',
        _timescaledb_functions.to_timestamp(upper(span) - 1) AT TIME ZONE 'Asia/Ho_Chi_Minh',
        step) AS local_start)
    -- The window where the data begins starts at the beginning of time (NULL): nothing lies
    -- before it, and a refresh from there also takes the "since the beginning of time" marks off
    -- the logs (from a window's start they stay, and become pending again when older data comes).
    SELECT CASE WHEN start > data_start THEN start END, "end" FROM windows
  $$`;

/**
 * The refresh job, one window at a time, each committed: before a window is refreshed, the
 * buckets in which a pending change ends inside it are forced (the TimescaleDB 2.28 workaround of
 * RefreshAggregatesThroughBucketStarts, unchanged). With `config.budget` (an interval) the run
 * stops after the window during which the budget ran out (so every run takes one at least) and
 * leaves the rest in the logs for the next run; without it, or when every window fits, it ends
 * with the whole refresh the job always did, cheap by then (nothing is left below its end).
 *
 * Oldest first: the engine logs a change that reaches a window's end with a one-microsecond
 * remainder at the next window's start (the first bucket after the change), which the next window
 * then takes in the same run. Newest first, each window left one behind for the next run.
 */
const BOUNDED_REFRESH = `
  CREATE OR REPLACE PROCEDURE ioc_refresh_aggregate(job_id int, config jsonb) LANGUAGE plpgsql AS $$
  DECLARE
    aggregate regclass := (config->>'view')::regclass;
    width interval := (config->>'bucket')::interval;
    window_end timestamptz := now() - (config->>'end_offset')::interval;
    budget interval := (config->>'budget')::interval;
    started timestamptz := clock_timestamp();
    pending record;
    bucket timestamptz;
  BEGIN
    FOR pending IN SELECT * FROM ioc_refresh_windows(config) ORDER BY window_start NULLS FIRST LOOP
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
        WHERE c.user_view_name = config->>'view'
          AND (pending.window_start IS NULL
               OR i.greatest >= _timescaledb_functions.to_unix_microseconds(pending.window_start))
          AND i.greatest < _timescaledb_functions.to_unix_microseconds(pending.window_end)
      LOOP
        CALL refresh_continuous_aggregate(aggregate, bucket,
          (bucket AT TIME ZONE 'Asia/Ho_Chi_Minh' + width) AT TIME ZONE 'Asia/Ho_Chi_Minh', force => true);
        COMMIT;
      END LOOP;
      CALL refresh_continuous_aggregate(aggregate, pending.window_start, pending.window_end);
      COMMIT;
      IF clock_timestamp() - started >= budget THEN
        RETURN;
      END IF;
    END LOOP;
    CALL refresh_continuous_aggregate(aggregate, NULL, window_end);
  END $$`;

/** The procedure as RefreshAggregatesThroughBucketStarts created it, for down(). */
const WHOLE_REFRESH = `
  CREATE OR REPLACE PROCEDURE ioc_refresh_aggregate(job_id int, config jsonb) LANGUAGE plpgsql AS $$
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
      WHERE c.user_view_name = config->>'view' AND i.greatest < 9223372036854775807
    LOOP
      bucket_end := (bucket AT TIME ZONE 'Asia/Ho_Chi_Minh' + width) AT TIME ZONE 'Asia/Ho_Chi_Minh';
      IF bucket_end <= window_end THEN
        CALL refresh_continuous_aggregate(aggregate, bucket, bucket_end, force => true);
        COMMIT;
      END IF;
    END LOOP;
    CALL refresh_continuous_aggregate(aggregate, NULL, window_end);
  END $$`;

/**
 * A refresh run takes a bounded share of the pending history and leaves the rest for the next.
 *
 * Why: one run refreshed every invalidated day in one call. After a legacy import back to 2024,
 * or a late event hundreds of days old, that is seconds to minutes of work, and on the embedded
 * engine minutes of its one connection, with every ingest request queued behind it. Now the
 * refresh goes window by window (a week of a daily aggregate, a quarter of a monthly rollup),
 * each committed; the embedded server gives each run a time budget (TimescaleJobsService) and
 * runs the job again a few seconds later while windows are left. A real server's scheduler runs
 * the job on a worker and connection of its own, with no budget: everything in one run, as
 * before. Partial progress is safe: a ranking counts every day still in the logs from the raw
 * rows (aggregate-coverage.ts), so no figure depends on how far a refresh has come.
 */
export class BoundAggregateRefreshRuns1763800023000 implements MigrationInterface {
  name = 'BoundAggregateRefreshRuns1763800023000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REFRESH_WINDOWS);
    await queryRunner.query(BOUNDED_REFRESH);
    for (const { view, window } of WINDOWS) {
      await this.setConfig(queryRunner, view, `config || jsonb_build_object('window', '${window}')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { view } of WINDOWS) await this.setConfig(queryRunner, view, `config - 'window'`);
    await queryRunner.query(WHOLE_REFRESH);
    await queryRunner.query('DROP FUNCTION ioc_refresh_windows(jsonb)');
  }

  private async setConfig(queryRunner: QueryRunner, view: string, config: string): Promise<void> {
    await queryRunner.query(
      `SELECT alter_job(job_id, config => ${config})
       FROM timescaledb_information.jobs
       WHERE proc_name = 'ioc_refresh_aggregate' AND config->>'view' = '${view}'`,
    );
  }
}
