import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The appointment date printed on the receipt, kept as computed the first time, so that a later
 * calendar edit does not move it when the dossier's state is derived again.
 */
export class AddStatutoryDueAtToDossiers1763800006000 implements MigrationInterface {
  name = 'AddStatutoryDueAtToDossiers1763800006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE dossiers ADD COLUMN statutory_due_at timestamptz');
    // Without a pause the current deadline is the printed one; paused dossiers get theirs at their next event.
    await queryRunner.query('UPDATE dossiers SET statutory_due_at = due_at WHERE pause_count = 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE dossiers DROP COLUMN statutory_due_at');
  }
}
