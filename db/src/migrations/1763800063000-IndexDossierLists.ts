import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drill-down's lists (issue 14) are read a page at a time by keyset, in the order of an
 * index. A field's dossiers by receipt (a department head's list, his fields across units) had
 * none; the unit and code end its key so that a page boundary inside equal times is read from
 * the index too. The others have theirs: the province's by receipt `dossiers_received`, a unit's
 * `dossiers_unit_received`, the overdue ones `dossiers_open_due` and `dossiers_open`, resolutions
 * `dossiers_unit_resolved` and `dossiers_resolved`.
 */
export class IndexDossierLists1763800063000 implements MigrationInterface {
  name = 'IndexDossierLists1763800063000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX dossiers_field_received ON dossiers (field, received_at, unit_code, code)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_field_received');
  }
}
