import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wall's alert rules as data (`wall_alert_rules`): what needs a leader now, and from which
 * threshold, is the province's call and changes without a deploy (`PUT /api/v1/admin/alert-rules/:code`).
 * Seeded with defaults. The anomaly-storm rule counts a window of minutes of `dossier_anomalies`
 * by time: an index on `at` keeps that to the window's rows.
 */
export class CreateWallAlertRules1763800041000 implements MigrationInterface {
  name = 'CreateWallAlertRules1763800041000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE wall_alert_rules (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        kind text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        severity text NOT NULL,
        params jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `INSERT INTO wall_alert_rules (code, kind, severity, params)
       SELECT r->>'code', r->>'kind', r->>'severity', r->'params' FROM jsonb_array_elements($1::jsonb) AS r`,
      [JSON.stringify(DEFAULT_RULES)],
    );
    await queryRunner.query('CREATE INDEX dossier_anomalies_at ON dossier_anomalies (at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossier_anomalies_at');
    await queryRunner.query('DROP TABLE wall_alert_rules');
  }
}

const DEFAULT_RULES = [
  { code: 'silent-units', kind: 'unit-silent', severity: 'warning', params: { minUnits: 1 } },
  {
    code: 'overdue-surge-province',
    kind: 'overdue-surge',
    severity: 'critical',
    params: { scope: 'province', windowMinutes: 60, minIncrease: 50, minIncreaseShare: 0.1 },
  },
  {
    code: 'overdue-surge-unit',
    kind: 'overdue-surge',
    severity: 'warning',
    params: { scope: 'unit', windowMinutes: 60, minIncrease: 10, minIncreaseShare: 0.5 },
  },
  {
    code: 'anomaly-storm',
    kind: 'anomaly-storm',
    severity: 'warning',
    params: { windowMinutes: 60, minAnomalies: 20 },
  },
];
