import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratings per unit and Vietnam month, rolled up from `unit_daily_feedback` for the ranking's
 * whole months (see CreateUnitMonthlyDossierFacts), materialised only like it. Refreshed after
 * the daily aggregate, on its schedule: a late rating reaches the month once the daily refresh
 * has taken it in.
 */
export class CreateUnitMonthlyFeedback1763800016000 implements MigrationInterface {
  name = 'CreateUnitMonthlyFeedback1763800016000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_monthly_feedback
      WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
      SELECT time_bucket(INTERVAL '1 month', day, 'Asia/Ho_Chi_Minh') AS month,
             unit_code,
             sum(ratings)::bigint AS ratings,
             sum(rating_sum)::bigint AS rating_sum,
             sum(poor_ratings)::bigint AS poor_ratings
      FROM unit_daily_feedback
      GROUP BY 1, 2
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_continuous_aggregate_policy('unit_monthly_feedback',
        start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP MATERIALIZED VIEW unit_monthly_feedback');
  }
}
