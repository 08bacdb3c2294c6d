import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each dossier that was ever overdue, by the span it was: from its deadline to its result (or
 * its rejection or withdrawal), open-ended while it is still open. "Overdue at the end of the
 * period" (the meeting report, issue 15) is then a stab into a GiST index — the dossiers whose
 * span holds that instant — for any instant of the past, instead of a walk of every dossier due
 * before it (a year of them) to find those not finished by then. Dossiers finished in time have
 * no span and stay out of the index. The deadline is the current one: a supplement pause that
 * began after the instant, while the dossier was already overdue, moved it later (rare; said in
 * docs/architecture.md).
 */
export class IndexDossiersOverdueSpan1763800073000 implements MigrationInterface {
  name = 'IndexDossiersOverdueSpan1763800073000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX dossiers_overdue_span ON dossiers
      USING gist (tstzrange(due_at, coalesce(resolved_at, closed_at), '[)'))
      WHERE status <> 'unreceived' AND received_at IS NOT NULL AND due_at IS NOT NULL
        AND (coalesce(resolved_at, closed_at) IS NULL OR coalesce(resolved_at, closed_at) > due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossiers_overdue_span');
  }
}
