import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Frozen meeting reports ("Chốt số liệu", issue 15): the report as data (jsonb), its periods,
 * filter and rules versions, when and by whom it was taken, and the SHA-256 of its canonical
 * JSON. A snapshot is never edited: a trigger refuses UPDATE (and TRUNCATE, which would bypass
 * the audited DELETE); deleting one is an administrator's action, audited by the server.
 */
export class CreateReportSnapshots1763800074000 implements MigrationInterface {
  name = 'CreateReportSnapshots1763800074000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taken_at timestamptz NOT NULL,
        taken_by_id text,
        taken_by_name text,
        period jsonb NOT NULL,
        previous_period jsonb NOT NULL,
        last_year_period jsonb NOT NULL,
        filter jsonb NOT NULL,
        rules_versions text[] NOT NULL,
        report jsonb NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(
      'CREATE INDEX report_snapshots_taken ON report_snapshots (taken_at DESC, id DESC)',
    );
    await queryRunner.query(`
      CREATE FUNCTION refuse_report_snapshot_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'report_snapshots are immutable: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER report_snapshots_immutable
      BEFORE UPDATE OR TRUNCATE ON report_snapshots
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_report_snapshot_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER report_snapshots_immutable ON report_snapshots');
    await queryRunner.query('DROP FUNCTION refuse_report_snapshot_change()');
    await queryRunner.query('DROP TABLE report_snapshots');
  }
}
