import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drill-down's lists (issue 14) are read a page at a time by keyset, in the order of an
 * index: a unit's dossiers by receipt, and a field's (a department head's list) by receipt. The
 * province's by receipt uses `dossiers_received`, its overdue ones `dossiers_open_due`, a unit's
 * overdue ones `dossiers_open`; resolutions `dossiers_unit_resolved` and `dossiers_resolved`.
 * The code ends each key so that a page boundary inside equal times is read from the index too.
 */
export class IndexDossierLists1763800063000 implements MigrationInterface {
  name = 'IndexDossierLists1763800063000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX dossiers_unit_received ON dossiers (unit_code, received_at, code)');
    await queryRunner.query(
      'CREATE INDEX dossiers_field_received ON dossiers (field, received_at, unit_code, code)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_field_received');
    await queryRunner.query('DROP INDEX dossiers_unit_received');
  }
}
