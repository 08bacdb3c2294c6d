import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ingest audit is evidence: rows may be added, never changed or removed. */
export class MakeIngestAuditAppendOnly1763800005000 implements MigrationInterface {
  name = 'MakeIngestAuditAppendOnly1763800005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ingest_audit is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ingest_audit_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON ingest_audit
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER ingest_audit_append_only ON ingest_audit');
    await queryRunner.query('DROP FUNCTION refuse_audit_change()');
  }
}
