import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFERENCE_SERVICE_INDEX_RULES } from '../reference/reference-data';

/**
 * The service index rules, one row per version in force from `effective_from` (a Vietnam date):
 * the national rules change, so weights and caps are data the province edits, and a period is
 * scored with the versions in force on its days.
 */
export class CreateServiceIndexRules1763800010000 implements MigrationInterface {
  name = 'CreateServiceIndexRules1763800010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_index_rules (
        effective_from date PRIMARY KEY,
        rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `INSERT INTO service_index_rules (effective_from, rules)
       SELECT (r->>'effectiveFrom')::date, r FROM jsonb_array_elements($1::jsonb) AS r`,
      [JSON.stringify(REFERENCE_SERVICE_INDEX_RULES)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE service_index_rules');
  }
}
