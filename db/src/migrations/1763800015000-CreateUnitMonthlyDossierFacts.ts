import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily dossier facts rolled up per unit and Vietnam month (a continuous aggregate on the
 * daily one). A ranking reads the whole months of its period here and only the days at its
 * edges from the daily aggregate: a year is 12 rows per unit instead of 365.
 *
 * Refreshed on the daily aggregate's schedule, after it: the daily refresh records which months
 * its rewritten days fall in, and this refresh redoes just those. Materialised only: a ranking
 * reads the months up to the watermark here and any later ones from the daily aggregate
 * (RankingsRepository), because the real-time part of a month, re-summed from a month of daily
 * rows at every read, cost more to plan and run than the whole rest of a ranking.
 */
export class CreateUnitMonthlyDossierFacts1763800015000 implements MigrationInterface {
  name = 'CreateUnitMonthlyDossierFacts1763800015000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_monthly_dossier_facts
      WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
      SELECT time_bucket(INTERVAL '1 month', day, 'Asia/Ho_Chi_Minh') AS month,
             unit_code,
             sum(received)::bigint AS received,
             sum(resolved)::bigint AS resolved,
             sum(resolved_in_time)::bigint AS resolved_in_time,
             sum(open)::bigint AS open,
             sum(synced)::bigint AS synced,
             sum(full_process)::bigint AS full_process,
             sum(full_process_online)::bigint AS full_process_online,
             sum(digitized)::bigint AS digitized,
             sum(e_result)::bigint AS e_result,
             sum(fee_required)::bigint AS fee_required,
             sum(paid_online)::bigint AS paid_online
      FROM unit_daily_dossier_facts
      GROUP BY 1, 2
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_continuous_aggregate_policy('unit_monthly_dossier_facts',
        start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP MATERIALIZED VIEW unit_monthly_dossier_facts');
  }
}
