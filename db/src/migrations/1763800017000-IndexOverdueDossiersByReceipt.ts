import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ranking's "overdue now" count (RankingsRepository, `openOverdueSplitSql`) reads two kinds of
 * open dossiers of a period: those past their deadline, found by receipt and deadline together in
 * one index (the deadline no longer checked on every open dossier's row: a month just ended has
 * ten thousand open, a few hundred overdue), and the few asked for supplements more than once.
 */
export class IndexOverdueDossiersByReceipt1763800017000 implements MigrationInterface {
  name = 'IndexOverdueDossiersByReceipt1763800017000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_open_received');
    await queryRunner.query(
      `CREATE INDEX dossiers_open_received_due ON dossiers (received_at, due_at) WHERE status IN ('received', 'in_process', 'paused')`,
    );
    await queryRunner.query(
      `CREATE INDEX dossiers_open_resupplied ON dossiers (received_at) WHERE status IN ('received', 'in_process', 'paused') AND pause_count > 1`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_open_resupplied');
    await queryRunner.query('DROP INDEX dossiers_open_received_due');
    await queryRunner.query(
      `CREATE INDEX dossiers_open_received ON dossiers (received_at) WHERE status IN ('received', 'in_process', 'paused')`,
    );
  }
}
