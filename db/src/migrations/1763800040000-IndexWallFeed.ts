import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wall's live lists (realtime scope `feed`) read the newest few rows of three small slices of
 * large tables after every live change: the open dossiers whose deadline just passed, the
 * dossiers resolved late, the ratings of 1–2. Each slice gets a partial index in the list's own
 * order, so a list is the first rows of one index (a year of 940,000 dossiers or not), and the
 * unit and code that follow the time break its ties: the same rows in the same order at every
 * recount, so an unchanged list is never sent again. The late resolutions' index holds its whole
 * condition, so their keys can be read from it alone; the planner may prefer the time index of all
 * resolutions, filtered and sorted, when recent pages are not yet all-visible: bounded by the 24
 * hours either way.
 */
export class IndexWallFeed1763800040000 implements MigrationInterface {
  name = 'IndexWallFeed1763800040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX dossiers_open_due ON dossiers (due_at, unit_code, code) WHERE status IN ('received', 'in_process', 'paused')`,
    );
    await queryRunner.query(
      `CREATE INDEX dossiers_resolved_late ON dossiers (resolved_at, unit_code, code) WHERE outcome = 'late' AND status <> 'unreceived'`,
    );
    await queryRunner.query(
      `CREATE INDEX feedback_low_ratings ON feedback (at, unit_code, id) WHERE rating <= 2`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX feedback_low_ratings');
    await queryRunner.query('DROP INDEX dossiers_resolved_late');
    await queryRunner.query('DROP INDEX dossiers_open_due');
  }
}
