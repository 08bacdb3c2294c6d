import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People, displays and their sessions (issue 13). Secrets are never stored: a password as its
 * argon2id hash, a session or display token as its SHA-256 (256 random bits need no slow hash).
 * Times come from the server's clock as parameters, so tests can move it.
 */
export class CreateAccessTables1763800050000 implements MigrationInterface {
  name = 'CreateAccessTables1763800050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL UNIQUE CHECK (login = lower(login)),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'leader', 'department-head', 'unit-officer')),
        fields text[] NOT NULL DEFAULT '{}',
        unit_code text REFERENCES units (code),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        -- What a role sees is decided by these columns: a role without them would see nothing
        -- (or, worse, be read as everything), so the table refuses such a row.
        CONSTRAINT users_unit_officer_has_unit CHECK ((role = 'unit-officer') = (unit_code IS NOT NULL)),
        CONSTRAINT users_department_head_has_fields
          CHECK ((role = 'department-head') = (cardinality(fields) > 0))
      )`);
    await queryRunner.query(`
      CREATE TABLE displays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        pairing text NOT NULL CHECK (pairing IN ('code', 'token')),
        token_hash text UNIQUE,
        show_comments boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz,
        revoked_at timestamptz,
        CHECK ((pairing = 'token') = (token_hash IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE display_pairings (
        code text PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        display_id uuid REFERENCES displays (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        display_id uuid REFERENCES displays (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz,
        ended_at timestamptz,
        end_reason text,
        CHECK ((user_id IS NULL) <> (display_id IS NULL)),
        CHECK (display_id IS NOT NULL OR expires_at IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_open_by_user ON sessions (user_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX sessions_open_by_display ON sessions (display_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE access_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        actor_kind text NOT NULL,
        actor_id text,
        actor_name text,
        target text,
        address text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX access_audit_by_action ON access_audit (action, id DESC)`);
    await queryRunner.query(`CREATE INDEX access_audit_by_actor ON access_audit (actor_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX access_audit_by_target ON access_audit (target, id DESC)`);
    await queryRunner.query(`CREATE INDEX access_audit_by_time ON access_audit (at DESC)`);
    // Evidence, like ingest_audit: rows may be added, never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION refuse_access_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_audit is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER access_audit_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON access_audit
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER access_audit_append_only ON access_audit');
    await queryRunner.query('DROP FUNCTION refuse_access_audit_change()');
    await queryRunner.query('DROP TABLE access_audit');
    await queryRunner.query('DROP TABLE sessions');
    await queryRunner.query('DROP TABLE display_pairings');
    await queryRunner.query('DROP TABLE displays');
    await queryRunner.query('DROP TABLE users');
  }
}
