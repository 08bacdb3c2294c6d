import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Raw events older than 30 days are compressed per unit (the live layer reads dossiers, not
 * the raw log); the raw log is kept 5 years, the daily aggregates 10, for period comparisons.
 */
export class AddCompressionAndRetentionPolicies1763800004000 implements MigrationInterface {
  name = 'AddCompressionAndRetentionPolicies1763800004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dossier_events', 'feedback']) {
      await queryRunner.query(
        `ALTER TABLE ${table} SET (timescaledb.compress, timescaledb.compress_segmentby = 'unit_code', timescaledb.compress_orderby = 'at DESC')`,
      );
      await queryRunner.query(
        `SELECT add_compression_policy('${table}', compress_after => INTERVAL '30 days')`,
      );
      await queryRunner.query(`SELECT add_retention_policy('${table}', drop_after => INTERVAL '5 years')`);
    }
    for (const view of ['unit_daily_feedback', 'unit_daily_dossier_events']) {
      await queryRunner.query(`SELECT add_retention_policy('${view}', drop_after => INTERVAL '10 years')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of ['unit_daily_feedback', 'unit_daily_dossier_events']) {
      await queryRunner.query(`SELECT remove_retention_policy('${view}')`);
    }
    for (const table of ['dossier_events', 'feedback']) {
      await queryRunner.query(`SELECT remove_retention_policy('${table}')`);
      await queryRunner.query(`SELECT remove_compression_policy('${table}')`);
      await queryRunner.query(`ALTER TABLE ${table} SET (timescaledb.compress = false)`);
    }
  }
}
