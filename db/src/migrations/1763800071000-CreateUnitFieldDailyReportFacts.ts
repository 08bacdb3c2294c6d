import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many classes of processing time the report counts (`WORKING_TIME_CLASSES` in shared/). */
const WORKING_TIME_CLASSES = 48;
const CLASS_COUNTS = Array.from(
  { length: WORKING_TIME_CLASSES },
  (_, i) => `count(*) FILTER (WHERE working_class = ${i}) AS wt_${i}`,
).join(',\n             ');

/**
 * The meeting report's dossier figures per unit, field and Vietnam day of receipt (issue 15):
 * received, resolved, resolved in time and open as the index counts them
 * (CreateUnitDailyDossierFacts, per field here), filed online, and the resolved dossiers per
 * class of processing time (`wt_0` … `wt_47`, `WORKING_TIME_CLASSES` in shared/): a median over
 * any period is read from these counts, summed, instead of sorting every dossier of the period
 * (a year to date is 800,000 dossiers, 1.4 s to sort on the embedded engine; its classes are
 * 12 monthly rows per unit and field). One row per class column, not per class value: a unit's
 * month is then one row whatever its spread of processing times.
 *
 * Refreshed like the index's aggregates by `ioc_refresh_aggregate` (a week a window), and read
 * like them: what a refresh has not taken in yet is counted from the raw rows (ReportsRepository).
 */
export class CreateUnitFieldDailyReportFacts1763800071000 implements MigrationInterface {
  name = 'CreateUnitFieldDailyReportFacts1763800071000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_field_daily_report_facts
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 day', received_at, 'Asia/Ho_Chi_Minh') AS day,
             unit_code,
             field,
             count(*) AS received,
             count(*) FILTER (WHERE status IN ('resolved', 'returned')) AS resolved,
             count(*) FILTER (WHERE status IN ('resolved', 'returned')
                                AND outcome IN ('early', 'on_time') AND pause_count <= 1) AS resolved_in_time,
             count(*) FILTER (WHERE status IN ('received', 'in_process', 'paused')) AS open,
             count(*) FILTER (WHERE channel = 'online') AS online,
             ${CLASS_COUNTS}
      FROM dossier_facts
      WHERE status NOT IN ('rejected', 'withdrawn', 'unreceived')
      GROUP BY 1, 2, 3
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_job('ioc_refresh_aggregate', INTERVAL '5 minutes',
        config => jsonb_build_object('view', 'unit_field_daily_report_facts', 'bucket', '1 day',
                                     'end_offset', '1 hour', 'window', '7 days'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `SELECT delete_job(job_id) FROM timescaledb_information.jobs
       WHERE proc_name = 'ioc_refresh_aggregate' AND config->>'view' = 'unit_field_daily_report_facts'`,
    );
    await queryRunner.query('DROP MATERIALIZED VIEW unit_field_daily_report_facts');
  }
}
