import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AlertRuleInput } from '@ioc/shared';

/** A row of `wall_alert_rules`, not yet checked against the rule schema. */
export interface StoredAlertRule {
  code: string;
  kind: string;
  enabled: boolean;
  severity: string;
  params: unknown;
  updatedAt: string;
}

interface Row {
  code: string;
  kind: string;
  enabled: boolean;
  severity: string;
  params: unknown;
  updated_at: Date;
}

@Injectable()
export class AlertRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<StoredAlertRule[]> {
    const rows = await this.dataSource.query<Row[]>(
      'SELECT code, kind, enabled, severity, params, updated_at FROM wall_alert_rules ORDER BY code',
    );
    return rows.map(fromRow);
  }

  async upsert(code: string, rule: AlertRuleInput): Promise<StoredAlertRule> {
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO wall_alert_rules (code, kind, enabled, severity, params, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now())
       ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, enabled = excluded.enabled,
         severity = excluded.severity, params = excluded.params, updated_at = excluded.updated_at
       RETURNING code, kind, enabled, severity, params, updated_at`,
      [code, rule.kind, rule.enabled, rule.severity, JSON.stringify(rule.params)],
    );
    return fromRow(row!);
  }

  async remove(code: string): Promise<boolean> {
    // A bare DELETE through TypeORM answers [rows, count], never an empty list: select the result.
    const rows = await this.dataSource.query<unknown[]>(
      `WITH deleted AS (DELETE FROM wall_alert_rules WHERE code = $1 RETURNING code) SELECT code FROM deleted`,
      [code],
    );
    return rows.length > 0;
  }
}

function fromRow(row: Row): StoredAlertRule {
  return {
    code: row.code,
    kind: row.kind,
    enabled: row.enabled,
    severity: row.severity,
    params: row.params,
    updatedAt: row.updated_at.toISOString(),
  };
}
