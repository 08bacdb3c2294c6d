import type { MigrationInterface, QueryRunner } from 'typeorm';
import { workingTimeClass } from '@ioc/shared';

const BATCH = 5_000;

/**
 * What the meeting report (issue 15) needs of each received dossier beside the index's facts:
 * its field (the report filters by field) and the office time from receipt to result, pauses
 * left out, with its class (`workingTimeClass`): the report's median processing time is read
 * from the classes counted per unit, field and day (CreateUnitFieldDailyReportFacts), not from
 * every dossier. The office time is the fold's, stored on `dossiers.resolution_working_ms` by
 * AddWorkingTimesToDossiers (it needs the working calendar, which SQL has not); ingest writes both
 * from now on. The class is the shared code's, so the stored dossiers are classed here a batch at
 * a time.
 */
export class AddReportFactsToDossierFacts1763800070000 implements MigrationInterface {
  name = 'AddReportFactsToDossierFacts1763800070000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dossier_facts
        ADD COLUMN field text,
        ADD COLUMN resolution_working_ms bigint,
        ADD COLUMN working_class smallint`);
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT unit_code, code, field, received_at, resolution_working_ms FROM dossiers
         WHERE (unit_code, code) > ($1, $2) AND received_at IS NOT NULL
         ORDER BY unit_code, code LIMIT ${BATCH}`,
        after,
      )) as {
        unit_code: string;
        code: string;
        field: string | null;
        received_at: Date;
        resolution_working_ms: string | null;
      }[];
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = [last.unit_code, last.code];
      // bigint arrives as a string; an office time fits a double exactly.
      const worked = rows.map((row) =>
        row.resolution_working_ms === null ? null : Number(row.resolution_working_ms),
      );
      await queryRunner.query(
        `UPDATE dossier_facts f SET field = n.field, resolution_working_ms = n.worked, working_class = n.class
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bigint[], $6::smallint[])
           AS n(unit_code, code, received_at, field, worked, class)
         WHERE f.unit_code = n.unit_code AND f.dossier_code = n.code AND f.received_at = n.received_at`,
        [
          rows.map((r) => r.unit_code),
          rows.map((r) => r.code),
          rows.map((r) => r.received_at),
          rows.map((r) => r.field),
          worked,
          worked.map((ms) => (ms === null ? null : workingTimeClass(ms))),
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE dossier_facts DROP COLUMN working_class, DROP COLUMN resolution_working_ms, DROP COLUMN field',
    );
  }
}
