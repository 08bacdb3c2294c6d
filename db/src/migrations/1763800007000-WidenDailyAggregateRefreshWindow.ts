import type { MigrationInterface, QueryRunner } from 'typeorm';

const VIEWS = ['unit_daily_feedback', 'unit_daily_dossier_events'];

/**
 * Refresh the daily aggregates over 35 days, not 7: real-time aggregation only adds raw rows
 * newer than what is materialised, so a rating that arrives 8–30 days late (after a commune's
 * outage) would otherwise never reach the 30-day figures.
 */
export class WidenDailyAggregateRefreshWindow1763800007000 implements MigrationInterface {
  name = 'WidenDailyAggregateRefreshWindow1763800007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) await this.setPolicy(queryRunner, view, '35 days');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) await this.setPolicy(queryRunner, view, '7 days');
  }

  private async setPolicy(queryRunner: QueryRunner, view: string, startOffset: string): Promise<void> {
    await queryRunner.query(`SELECT remove_continuous_aggregate_policy('${view}')`);
    await queryRunner.query(
      `SELECT add_continuous_aggregate_policy('${view}', start_offset => INTERVAL '${startOffset}',
         end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`,
    );
  }
}
