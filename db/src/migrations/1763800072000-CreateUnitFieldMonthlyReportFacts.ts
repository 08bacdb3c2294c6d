import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The classes of processing time of CreateUnitFieldDailyReportFacts. */
const CLASS_SUMS = Array.from({ length: 48 }, (_, i) => `sum(wt_${i})::bigint AS wt_${i}`).join(
  ',\n             ',
);

/**
 * The report's daily facts rolled up per unit, field and Vietnam month (issue 15), as
 * CreateUnitMonthlyDossierFacts rolls up the index's: a year to date reads 11 rows per unit and
 * field here and only its odd days from the daily aggregate. Materialised only, read up to its
 * watermark (ReportsRepository), refreshed a quarter a window after the daily one.
 */
export class CreateUnitFieldMonthlyReportFacts1763800072000 implements MigrationInterface {
  name = 'CreateUnitFieldMonthlyReportFacts1763800072000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_field_monthly_report_facts
      WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
      SELECT time_bucket(INTERVAL '1 month', day, 'Asia/Ho_Chi_Minh') AS month,
             unit_code,
             field,
             sum(received)::bigint AS received,
             sum(resolved)::bigint AS resolved,
             sum(resolved_in_time)::bigint AS resolved_in_time,
             sum(open)::bigint AS open,
             sum(online)::bigint AS online,
             ${CLASS_SUMS}
      FROM unit_field_daily_report_facts
      GROUP BY 1, 2, 3
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_job('ioc_refresh_aggregate', INTERVAL '5 minutes',
        config => jsonb_build_object('view', 'unit_field_monthly_report_facts', 'bucket', '1 month',
                                     'end_offset', '1 hour', 'window', '3 months'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `SELECT delete_job(job_id) FROM timescaledb_information.jobs
       WHERE proc_name = 'ioc_refresh_aggregate' AND config->>'view' = 'unit_field_monthly_report_facts'`,
    );
    await queryRunner.query('DROP MATERIALIZED VIEW unit_field_monthly_report_facts');
  }
}
