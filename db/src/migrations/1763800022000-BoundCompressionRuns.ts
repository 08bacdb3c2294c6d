import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chunks one compression run takes at most; the next run goes on where it stopped. */
const CHUNKS_PER_RUN = 10;

/**
 * A compression run compresses every chunk old enough, in one go. After an import of old history
 * (up to ~150 weekly chunks of raw events, EARLIEST_IMPORTED_AT) that is minutes of work, and on
 * the embedded engine minutes of its one connection, during which every request queues. Bounded,
 * a run takes about a second; the chunks left wait for the next runs (every 12 hours to a day on
 * the policy's own schedule; the embedded server runs the job when it is due).
 */
export class BoundCompressionRuns1763800022000 implements MigrationInterface {
  name = 'BoundCompressionRuns1763800022000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.setConfig(queryRunner, `config || '{"maxchunks_to_compress": ${CHUNKS_PER_RUN}}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.setConfig(queryRunner, `config - 'maxchunks_to_compress'`);
  }

  private async setConfig(queryRunner: QueryRunner, config: string): Promise<void> {
    await queryRunner.query(
      `SELECT alter_job(job_id, config => ${config})
       FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression'`,
    );
  }
}
