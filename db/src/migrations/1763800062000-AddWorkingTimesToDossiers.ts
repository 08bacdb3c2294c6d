import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar, type CalendarDay } from '@ioc/shared';

const BATCH = 5_000;

/**
 * Two figures of the fold (`deriveDossierState`) stored with each dossier (issue 14): the office
 * time of its supplement pauses (a list shows it) and the office time from receipt to result,
 * pauses left out (processing times: median and p90 per procedure and month). They depend on the
 * working calendar, so SQL cannot compute them; ingest writes them from now on, and the dossiers
 * already stored are computed here with the shared calendar code, a batch at a time. The office
 * hours are the default ones (`IOC_OFFICE_HOURS` is the server's setting, not the migration's):
 * a deployment with other hours gets exact values for every dossier touched again.
 *
 * For a stored dossier, the pauses' office time is the office time between its printed deadline
 * and its current one (each pause moved the deadline by exactly that), so no timeline is read.
 */
export class AddWorkingTimesToDossiers1763800062000 implements MigrationInterface {
  name = 'AddWorkingTimesToDossiers1763800062000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dossiers
        ADD COLUMN paused_working_ms bigint NOT NULL DEFAULT 0,
        ADD COLUMN resolution_working_ms bigint`);
    const days = (await queryRunner.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM working_calendar`,
    )) as Pick<CalendarDay, 'date' | 'kind' | 'name'>[];
    const calendar = new WorkingCalendar(days, DEFAULT_OFFICE_HOURS);
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT unit_code, code, received_at, resolved_at, statutory_due_at, due_at FROM dossiers
         WHERE (unit_code, code) > ($1, $2) ORDER BY unit_code, code LIMIT ${BATCH}`,
        after,
      )) as {
        unit_code: string;
        code: string;
        received_at: Date | null;
        resolved_at: Date | null;
        statutory_due_at: Date | null;
        due_at: Date | null;
      }[];
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = [last.unit_code, last.code];
      const changed = rows.flatMap((row) => {
        const paused =
          row.statutory_due_at && row.due_at
            ? calendar.workingTimeBetween(row.statutory_due_at.getTime(), row.due_at.getTime())
            : 0;
        const resolution =
          row.received_at && row.resolved_at
            ? Math.max(
                0,
                calendar.workingTimeBetween(row.received_at.getTime(), row.resolved_at.getTime()) - paused,
              )
            : null;
        return paused === 0 && resolution === null ? [] : [{ row, paused, resolution }];
      });
      if (changed.length === 0) continue;
      await queryRunner.query(
        `UPDATE dossiers d SET paused_working_ms = c.paused, resolution_working_ms = c.resolution
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS c(unit_code, code, paused, resolution)
         WHERE d.unit_code = c.unit_code AND d.code = c.code`,
        [
          changed.map((c) => c.row.unit_code),
          changed.map((c) => c.row.code),
          changed.map((c) => c.paused),
          changed.map((c) => c.resolution),
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE dossiers DROP COLUMN resolution_working_ms, DROP COLUMN paused_working_ms',
    );
  }
}
