import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratings per unit per Vietnam day. Real-time (materialized_only = false) so today's
 * ratings appear before the refresh policy materializes them.
 */
export class CreateUnitDailyFeedback1763800002000 implements MigrationInterface {
  name = 'CreateUnitDailyFeedback1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW unit_daily_feedback
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 day', at, 'Asia/Ho_Chi_Minh') AS day,
             unit_code,
             count(*) AS ratings,
             sum(rating) AS rating_sum,
             count(*) FILTER (WHERE rating <= 2) AS poor_ratings
      FROM feedback
      GROUP BY 1, 2
      WITH NO DATA`);
    await queryRunner.query(`
      SELECT add_continuous_aggregate_policy('unit_daily_feedback',
        start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP MATERIALIZED VIEW unit_daily_feedback');
  }
}
