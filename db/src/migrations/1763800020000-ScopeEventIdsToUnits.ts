import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event ids are unique per unit, not province-wide (issue 12): keyed by `id` alone, one unit's
 * key could send another unit's (predictable) id and make that unit's real event a silent
 * `duplicate`, and two communes on the same vendor software collided by accident.
 *
 * Every claimed id keeps its claim: it takes the unit of its stored event. An id whose event is
 * no longer stored (dropped by retention) cannot be placed; it keeps blocking that id for every
 * unit under the unit code '' (never a real one, UNIT_CODE_PATTERN), as it did before.
 */
export class ScopeEventIdsToUnits1763800020000 implements MigrationInterface {
  name = 'ScopeEventIdsToUnits1763800020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ingested_event_ids ADD COLUMN unit_code text');
    for (const table of ['dossier_events', 'feedback']) {
      await queryRunner.query(
        `UPDATE ingested_event_ids i SET unit_code = e.unit_code
         FROM ${table} e WHERE e.id = i.id AND i.unit_code IS NULL`,
      );
    }
    await queryRunner.query(`UPDATE ingested_event_ids SET unit_code = '' WHERE unit_code IS NULL`);
    await queryRunner.query(`
      ALTER TABLE ingested_event_ids
        ALTER COLUMN unit_code SET NOT NULL,
        DROP CONSTRAINT ingested_event_ids_pkey,
        ADD PRIMARY KEY (unit_code, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one namespace: of an id claimed by several units, one claim remains.
    await queryRunner.query(`
      DELETE FROM ingested_event_ids a USING ingested_event_ids b
      WHERE a.id = b.id AND a.unit_code > b.unit_code`);
    await queryRunner.query(`
      ALTER TABLE ingested_event_ids
        DROP CONSTRAINT ingested_event_ids_pkey,
        DROP COLUMN unit_code,
        ADD PRIMARY KEY (id)`);
  }
}
