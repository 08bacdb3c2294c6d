import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dossier's timeline (its events as jsonb, ~1 KB) moves to its own table. In `dossiers` it made
 * every row ~1.4 KB, just under the size PostgreSQL moves out of line, so the live figures and
 * the ranking, which count tens of thousands of dossiers by status and dates, read five times
 * the pages they need. Only ingest reads a timeline, by key, for the dossiers it re-derives.
 */
export class MoveDossierTimelinesOutOfDossiers1763800014000 implements MigrationInterface {
  name = 'MoveDossierTimelinesOutOfDossiers1763800014000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_timelines (
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        timeline jsonb NOT NULL,
        PRIMARY KEY (unit_code, dossier_code)
      )`);
    await queryRunner.query(
      `INSERT INTO dossier_timelines (unit_code, dossier_code, timeline) SELECT unit_code, code, timeline FROM dossiers`,
    );
    await queryRunner.query('ALTER TABLE dossiers DROP COLUMN timeline');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN timeline jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(
      `UPDATE dossiers d SET timeline = t.timeline FROM dossier_timelines t
       WHERE t.unit_code = d.unit_code AND t.dossier_code = d.code`,
    );
    await queryRunner.query('ALTER TABLE dossiers ALTER COLUMN timeline DROP DEFAULT');
    await queryRunner.query('DROP TABLE dossier_timelines');
  }
}
