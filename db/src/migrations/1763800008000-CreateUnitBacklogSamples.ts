import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backlog and overdue counts of every unit every 5 minutes, so that the wall can draw trends
 * (90 days and more) without replaying events. Kept 3 years, compressed after 30 days.
 */
export class CreateUnitBacklogSamples1763800008000 implements MigrationInterface {
  name = 'CreateUnitBacklogSamples1763800008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit_backlog_samples (
        at timestamptz NOT NULL,
        unit_code text NOT NULL,
        backlog integer NOT NULL,
        overdue integer NOT NULL,
        paused integer NOT NULL,
        PRIMARY KEY (unit_code, at)
      )`);
    await queryRunner.query(
      `SELECT create_hypertable('unit_backlog_samples', by_range('at', INTERVAL '30 days'))`,
    );
    await queryRunner.query(
      `ALTER TABLE unit_backlog_samples SET (timescaledb.compress, timescaledb.compress_segmentby = 'unit_code', timescaledb.compress_orderby = 'at DESC')`,
    );
    await queryRunner.query(
      `SELECT add_compression_policy('unit_backlog_samples', compress_after => INTERVAL '30 days')`,
    );
    await queryRunner.query(
      `SELECT add_retention_policy('unit_backlog_samples', drop_after => INTERVAL '3 years')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE unit_backlog_samples');
  }
}
