import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest rating of each dossier, by its key: a list of dossiers shows it on every row. The
 * `feedback` hypertable is indexed by unit and time only, and compressed after 30 days per unit,
 * so finding one dossier's rating there decompresses the unit's whole history; ingest keeps this
 * row instead, in the same transaction as the rating.
 */
export class CreateDossierRatings1763800061000 implements MigrationInterface {
  name = 'CreateDossierRatings1763800061000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_ratings (
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        at timestamptz NOT NULL,
        PRIMARY KEY (unit_code, dossier_code)
      )`);
    await queryRunner.query(`
      INSERT INTO dossier_ratings (unit_code, dossier_code, rating, at)
      SELECT DISTINCT ON (unit_code, dossier_code) unit_code, dossier_code, rating, at
      FROM feedback WHERE dossier_code IS NOT NULL
      ORDER BY unit_code, dossier_code, at DESC, id DESC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_ratings');
  }
}
