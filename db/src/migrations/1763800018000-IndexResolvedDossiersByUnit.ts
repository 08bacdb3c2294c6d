import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A live recount of one unit (its deadline just passed) counts its dossiers resolved in the last
 * 30 days. With only `dossiers_resolved (resolved_at)` and the unit's receipts to intersect, it
 * read every dossier the province resolved in those days and every one the unit ever received.
 */
export class IndexResolvedDossiersByUnit1763800018000 implements MigrationInterface {
  name = 'IndexResolvedDossiersByUnit1763800018000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX dossiers_unit_resolved ON dossiers (unit_code, resolved_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_unit_resolved');
  }
}
