import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ranking counts the period's open dossiers that are overdue now (becoming overdue is not an
 * event, so the continuous aggregate cannot hold it): this index lets that count read only the
 * open dossiers received in the period, instead of intersecting all receipts with all open ones.
 */
export class IndexOpenDossiersByReceipt1763800013000 implements MigrationInterface {
  name = 'IndexOpenDossiersByReceipt1763800013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX dossiers_open_received ON dossiers (received_at) WHERE status IN ('received', 'in_process', 'paused')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_open_received');
  }
}
