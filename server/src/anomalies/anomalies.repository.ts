import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AnomalyKind, AnomalyList, AnomalyListItem } from '@ioc/shared';

export interface AnomalyFilter {
  unitCode: string | null;
  kind: AnomalyKind | null;
  limit: number;
}

@Injectable()
export class AnomaliesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AnomalyFilter): Promise<AnomalyList> {
    const params = [filter.unitCode, filter.kind];
    const where = `($1::text IS NULL OR unit_code = $1) AND ($2::text IS NULL OR kind = $2)`;
    const byUnit = await this.dataSource.query<AnomalyList['byUnit']>(
      `SELECT unit_code AS "unitCode", count(*)::int AS count FROM dossier_anomalies WHERE ${where}
       GROUP BY unit_code ORDER BY count DESC, unit_code`,
      params,
    );
    const rows = await this.dataSource.query<(Omit<AnomalyListItem, 'at'> & { at: Date })[]>(
      `SELECT unit_code AS "unitCode", dossier_code AS "dossierCode", event_id AS "eventId", kind, at, detail
       FROM dossier_anomalies WHERE ${where} ORDER BY at DESC, event_id LIMIT $3`,
      [...params, filter.limit],
    );
    return {
      byUnit,
      total: byUnit.reduce((sum, u) => sum + u.count, 0),
      items: rows.map((row) => ({ ...row, at: row.at.toISOString() })),
    };
  }
}
