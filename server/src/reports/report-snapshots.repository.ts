import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MeetingReport, Period, SnapshotSummary } from '@ioc/shared';
import { returnedRows } from '../access/returned-rows';

export interface NewSnapshot {
  takenAt: Date;
  takenBy: { id: string | null; name: string | null };
  report: MeetingReport;
  rulesVersions: string[];
  contentHash: string;
}

interface SummaryRow {
  id: string;
  taken_at: Date;
  taken_by_id: string | null;
  taken_by_name: string | null;
  period: Period;
  previous_period: Period;
  last_year_period: Period;
  filter: MeetingReport['filter'];
  rules_versions: string[];
  content_hash: string;
}

const SUMMARY_COLUMNS = `id::text, taken_at, taken_by_id, taken_by_name, period, previous_period, last_year_period,
  filter, rules_versions, content_hash`;

/** The frozen meeting reports (`report_snapshots`: never updated, a trigger refuses it). */
@Injectable()
export class ReportSnapshotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(snapshot: NewSnapshot): Promise<SnapshotSummary> {
    const { report } = snapshot;
    const [row] = await this.dataSource.query<SummaryRow[]>(
      `INSERT INTO report_snapshots (taken_at, taken_by_id, taken_by_name, period, previous_period,
         last_year_period, filter, rules_versions, report, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${SUMMARY_COLUMNS}`,
      [
        snapshot.takenAt,
        snapshot.takenBy.id,
        snapshot.takenBy.name,
        JSON.stringify(report.period),
        JSON.stringify(report.previousPeriod),
        JSON.stringify(report.lastYearPeriod),
        JSON.stringify(report.filter),
        snapshot.rulesVersions,
        JSON.stringify(report),
        snapshot.contentHash,
      ],
    );
    return toSummary(row!);
  }

  /** Newest first, a page after the snapshot `before` (keyset on taken_at and id). */
  async list(limit: number, before: string | null): Promise<SnapshotSummary[]> {
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM report_snapshots
       WHERE $1::uuid IS NULL
          OR (taken_at, id) < (SELECT taken_at, id FROM report_snapshots WHERE id = $1::uuid)
       ORDER BY taken_at DESC, id DESC LIMIT $2`,
      [before, limit],
    );
    return rows.map(toSummary);
  }

  async find(id: string): Promise<(SnapshotSummary & { report: MeetingReport }) | null> {
    const [row] = await this.dataSource.query<(SummaryRow & { report: MeetingReport })[]>(
      `SELECT ${SUMMARY_COLUMNS}, report FROM report_snapshots WHERE id = $1::uuid`,
      [id],
    );
    return row ? { ...toSummary(row), report: row.report } : null;
  }

  /** Deletes a snapshot; its summary, or null when there was none. */
  async delete(id: string): Promise<SnapshotSummary | null> {
    const result = await this.dataSource.query<SummaryRow[] | [SummaryRow[], number]>(
      `DELETE FROM report_snapshots WHERE id = $1::uuid RETURNING ${SUMMARY_COLUMNS}`,
      [id],
    );
    const [row] = returnedRows(result);
    return row ? toSummary(row) : null;
  }
}

function toSummary(row: SummaryRow): SnapshotSummary {
  return {
    id: row.id,
    period: row.period,
    previousPeriod: row.previous_period,
    lastYearPeriod: row.last_year_period,
    filter: row.filter,
    rulesVersions: row.rules_versions,
    takenAt: row.taken_at.toISOString(),
    takenBy: { id: row.taken_by_id, name: row.taken_by_name },
    contentHash: row.content_hash,
  };
}
