import type { MigrationInterface, QueryRunner } from 'typeorm';

const VIEWS = ['unit_daily_feedback', 'unit_daily_dossier_events'];

/**
 * Refresh the daily event aggregates over the whole history (start_offset NULL), as the dossier
 * facts aggregates are: a refresh redoes only the days invalidated since the last one, so the
 * wider window costs nothing until an event arrives for an old day. With a 35-day window a
 * rating that arrived later than that was never materialised, and a late one for a day already
 * materialised vanished from the real-time view at the next refresh (issue 16). The first
 * refresh after this migration also materialises the history older than 35 days, which the old
 * window never did.
 */
export class RefreshDailyAggregatesOverWholeHistory1763800019000 implements MigrationInterface {
  name = 'RefreshDailyAggregatesOverWholeHistory1763800019000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) await this.setPolicy(queryRunner, view, 'NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) await this.setPolicy(queryRunner, view, `INTERVAL '35 days'`);
  }

  private async setPolicy(queryRunner: QueryRunner, view: string, startOffset: string): Promise<void> {
    await queryRunner.query(`SELECT remove_continuous_aggregate_policy('${view}')`);
    await queryRunner.query(
      `SELECT add_continuous_aggregate_policy('${view}', start_offset => ${startOffset},
         end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`,
    );
  }
}
