import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drill-down shows, for each event of a dossier, when it arrived and with which ingest key
 * (issue 14). `ingested_at` was stored from the start; the key was only in `ingest_audit`, per
 * request, and no event can be traced back to its request. From now on each stored event keeps
 * its key's id; events stored before show no key (`key: null`), there is nothing to derive it from.
 * A nullable column without a default: TimescaleDB adds it to compressed chunks without rewriting them.
 */
export class RecordIngestKeyPerEvent1763800060000 implements MigrationInterface {
  name = 'RecordIngestKeyPerEvent1763800060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE dossier_events ADD COLUMN key_id uuid');
    await queryRunner.query('ALTER TABLE feedback ADD COLUMN key_id uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE feedback DROP COLUMN key_id');
    await queryRunner.query('ALTER TABLE dossier_events DROP COLUMN key_id');
  }
}
