import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service index's counts per unit and Vietnam day of receipt. Rejected and withdrawn dossiers
 * owe no result and are left out; every other received dossier is resolved or open. The same
 * definitions are used by the explain drill-down (server/src/rankings/service-index.sql.ts).
 *
 * Refreshed every 5 minutes over the whole history (start_offset NULL): a refresh only redoes
 * the days that changed, and a dossier received long ago can still be resolved today. Real-time
 * aggregation adds the days not materialised yet, so today's receipts count at once; a change
 * to an older dossier shows after the next refresh.
 */
export class CreateUnitDailyDossierFacts1763800012000 implements MigrationInterface {
  name = 'CreateUnitDailyDossierFacts1763800012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_daily_dossier_facts
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 day', received_at, 'Asia/Ho_Chi_Minh') AS day,
             unit_code,
             count(*) AS received,
             count(*) FILTER (WHERE status IN ('resolved', 'returned')) AS resolved,
             count(*) FILTER (WHERE status IN ('resolved', 'returned')
                                AND outcome IN ('early', 'on_time') AND pause_count <= 1) AS resolved_in_time,
             count(*) FILTER (WHERE status IN ('received', 'in_process', 'paused')) AS open,
             count(*) FILTER (WHERE status IN ('resolved', 'returned') AND synced) AS synced,
             count(*) FILTER (WHERE full_process) AS full_process,
             count(*) FILTER (WHERE full_process AND channel = 'online') AS full_process_online,
             count(*) FILTER (WHERE digitized) AS digitized,
             count(*) FILTER (WHERE status IN ('resolved', 'returned') AND e_result) AS e_result,
             count(*) FILTER (WHERE fee_required) AS fee_required,
             count(*) FILTER (WHERE fee_required AND paid_online) AS paid_online
      FROM dossier_facts
      WHERE status NOT IN ('rejected', 'withdrawn', 'unreceived')
      GROUP BY 1, 2
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_continuous_aggregate_policy('unit_daily_dossier_facts',
        start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP MATERIALIZED VIEW unit_daily_dossier_facts');
  }
}
