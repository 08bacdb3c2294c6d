import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dossier events per unit, per Vietnam day and per type: the base of daily and period figures. */
export class CreateUnitDailyDossierEvents1763800003000 implements MigrationInterface {
  name = 'CreateUnitDailyDossierEvents1763800003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_daily_dossier_events
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 day', at, 'Asia/Ho_Chi_Minh') AS day,
             unit_code,
             type,
             count(*) AS events
      FROM dossier_events
      GROUP BY 1, 2, 3
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_continuous_aggregate_policy('unit_daily_dossier_events',
        start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP MATERIALIZED VIEW unit_daily_dossier_events');
  }
}
