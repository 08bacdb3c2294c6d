import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The raw event log (two hypertables), the current state of each dossier, anomalies,
 * ingest keys and the append-only ingest audit.
 */
export class CreateIngestTables1763800001000 implements MigrationInterface {
  name = 'CreateIngestTables1763800001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    await queryRunner.query(`
      CREATE TABLE ingest_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        unit_code text REFERENCES units (code),
        key_prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    // A hypertable's unique indexes must include its time column, so idempotency on the
    // contract's event id lives in its own table.
    await queryRunner.query(`
      CREATE TABLE ingested_event_ids (
        id text PRIMARY KEY,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE dossier_events (
        at timestamptz NOT NULL,
        id text NOT NULL,
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        type text NOT NULL,
        event jsonb NOT NULL,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`SELECT create_hypertable('dossier_events', by_range('at', INTERVAL '7 days'))`);
    await queryRunner.query('CREATE INDEX dossier_events_unit_at ON dossier_events (unit_code, at DESC)');
    await queryRunner.query(`
      CREATE TABLE feedback (
        at timestamptz NOT NULL,
        id text NOT NULL,
        unit_code text NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        source text NOT NULL,
        dossier_code text,
        comment text,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`SELECT create_hypertable('feedback', by_range('at', INTERVAL '30 days'))`);
    await queryRunner.query('CREATE INDEX feedback_unit_at ON feedback (unit_code, at DESC)');
    await queryRunner.query(`
      CREATE TABLE dossiers (
        unit_code text NOT NULL,
        code text NOT NULL,
        procedure_code text,
        field text,
        channel text,
        status text NOT NULL,
        received_at timestamptz,
        due_at timestamptz,
        paused_at timestamptz,
        pause_count integer NOT NULL DEFAULT 0,
        resolved_at timestamptz,
        outcome text,
        closed_at timestamptz,
        department text,
        digitized boolean NOT NULL DEFAULT false,
        fee_required boolean NOT NULL DEFAULT false,
        e_result boolean NOT NULL DEFAULT false,
        paid_online boolean NOT NULL DEFAULT false,
        paid_at timestamptz,
        synced_at timestamptz,
        apologized_at timestamptz,
        apology_due_at timestamptz,
        last_event_at timestamptz NOT NULL,
        -- The dossier's own events, kept with its state so that an out-of-order event
        -- re-derives the state from one row instead of a scan of the event log.
        timeline jsonb NOT NULL,
        PRIMARY KEY (unit_code, code)
      )`);
    await queryRunner.query(
      `CREATE INDEX dossiers_open ON dossiers (unit_code, due_at) WHERE status IN ('received', 'in_process', 'paused')`,
    );
    await queryRunner.query('CREATE INDEX dossiers_received ON dossiers (received_at)');
    await queryRunner.query('CREATE INDEX dossiers_resolved ON dossiers (resolved_at)');
    await queryRunner.query(`
      CREATE TABLE dossier_anomalies (
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        event_id text NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        detail text NOT NULL,
        PRIMARY KEY (unit_code, dossier_code, event_id, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE unit_freshness (
        unit_code text PRIMARY KEY REFERENCES units (code),
        last_event_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ingest_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        key_id uuid,
        route text NOT NULL,
        unit_codes text[] NOT NULL,
        accepted integer NOT NULL,
        duplicate integer NOT NULL,
        rejected integer NOT NULL,
        status integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ingest_audit',
      'unit_freshness',
      'dossier_anomalies',
      'dossiers',
      'feedback',
      'dossier_events',
      'ingested_event_ids',
      'ingest_keys',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
