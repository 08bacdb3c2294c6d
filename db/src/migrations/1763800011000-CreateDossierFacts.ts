import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the service index needs of each received dossier, in a hypertable by receipt time so that
 * a continuous aggregate can sum it per unit and day (`unit_daily_dossier_facts`). Ingest writes
 * it in the same transaction as the dossier's state. Rows are updated as a dossier progresses
 * (resolved, synced, paid...): TimescaleDB records the invalidated days and the refresh redoes them.
 * Not compressed: a dossier received months ago may still be resolved today.
 */
export class CreateDossierFacts1763800011000 implements MigrationInterface {
  name = 'CreateDossierFacts1763800011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_facts (
        received_at timestamptz NOT NULL,
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        status text NOT NULL,
        outcome text,
        pause_count integer NOT NULL,
        channel text,
        -- The procedure is offered full-process online (toàn trình), per the catalogue at receipt.
        full_process boolean NOT NULL,
        digitized boolean NOT NULL,
        e_result boolean NOT NULL,
        fee_required boolean NOT NULL,
        paid_online boolean NOT NULL,
        synced boolean NOT NULL
      )`);
    await queryRunner.query(
      `SELECT create_hypertable('dossier_facts', by_range('received_at', INTERVAL '30 days'))`,
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX dossier_facts_dossier ON dossier_facts (unit_code, dossier_code, received_at)',
    );
    // The explain drill-down lists one unit's dossiers of a period from the dossiers table.
    await queryRunner.query('CREATE INDEX dossiers_unit_received ON dossiers (unit_code, received_at)');
    await queryRunner.query(`
      INSERT INTO dossier_facts (received_at, unit_code, dossier_code, status, outcome, pause_count, channel,
        full_process, digitized, e_result, fee_required, paid_online, synced)
      SELECT d.received_at, d.unit_code, d.code, d.status, d.outcome, d.pause_count, d.channel,
             coalesce(p.online = 'full', false), d.digitized, d.e_result, d.fee_required, d.paid_online,
             d.synced_at IS NOT NULL
      FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code
      WHERE d.received_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_unit_received');
    await queryRunner.query('DROP TABLE dossier_facts');
  }
}
