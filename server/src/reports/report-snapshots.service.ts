import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canonicalJson,
  reportView,
  type MeetingReport,
  type ReportReader,
  type ReportSnapshot,
  type SnapshotList,
  type SnapshotListQuery,
} from '@ioc/shared';
import { AuditService } from '../access/audit.service';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { RankingReadsService } from '../rankings/ranking-reads.service';
import { renderReportPdf } from './report-pdf';
import { renderReportXlsx } from './report-xlsx';
import { ReportSnapshotsRepository } from './report-snapshots.repository';
import { ReportsException } from './reports.exception';
import { ReportsService } from './reports.service';

/** SHA-256 (hex) of the report's canonical JSON: what a snapshot's footer prints. */
export function contentHashOf(report: MeetingReport): string {
  return createHash('sha256').update(canonicalJson(report)).digest('hex');
}

export type ExportFormat = 'pdf' | 'xlsx';

/**
 * Frozen meeting reports ("Chốt số liệu"): the report computed once, stored as data with its
 * hash, and every later view, PDF and XLSX drawn from that data — later events never change
 * them. Taking and deleting one, and every export, leave an audit row.
 */
@Injectable()
export class ReportSnapshotsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly reads: RankingReadsService,
    private readonly repository: ReportSnapshotsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async take(
    query: Parameters<ReportsService['report']>[0],
    principal: Principal,
    address: string | null,
  ): Promise<ReportSnapshot> {
    const now = this.clock.now();
    // Computed afresh (never a kept result), at its turn behind writes like any expensive read.
    const report = await this.reads.uncached(() => this.reports.report(query, now));
    const contentHash = contentHashOf(report);
    const rulesVersions = [
      ...new Set(
        [...report.rules.current, ...report.rules.previous, ...report.rules.lastYear].map(
          (r) => r.effectiveFrom,
        ),
      ),
    ].sort();
    const summary = await this.repository.insert({
      takenAt: new Date(now),
      takenBy: takerOf(principal),
      report,
      rulesVersions,
      contentHash,
    });
    await this.audit.record({
      action: 'snapshot.create',
      actor: principal,
      target: `snapshot:${summary.id}`,
      address,
      details: { period: report.period.label, filter: report.filter, contentHash },
    });
    return { ...summary, view: { kind: 'full', omitted: [] }, report };
  }

  async list(query: SnapshotListQuery): Promise<SnapshotList> {
    const items = await this.repository.list(query.limit, query.before ?? null);
    return { items, next: items.length === query.limit ? items[items.length - 1]!.id : null };
  }

  /** A snapshot as `reader` may see it. */
  async get(id: string, reader: ReportReader): Promise<ReportSnapshot> {
    const stored = await this.repository.find(id);
    if (!stored) throw ReportsException.snapshotNotFound(id);
    const { report, ...summary } = stored;
    return { ...summary, ...reportView(report, reader) };
  }

  async delete(id: string, principal: Principal, address: string | null): Promise<void> {
    const deleted = await this.repository.delete(id);
    if (!deleted) throw ReportsException.snapshotNotFound(id);
    await this.audit.record({
      action: 'snapshot.delete',
      actor: principal,
      target: `snapshot:${id}`,
      address,
      details: { period: deleted.period.label, takenAt: deleted.takenAt, contentHash: deleted.contentHash },
    });
  }

  /** The snapshot's PDF or XLSX, as `reader` may see it; audited. */
  async export(
    id: string,
    format: ExportFormat,
    reader: ReportReader,
    principal: Principal,
    address: string | null,
  ): Promise<{ body: Buffer; filename: string }> {
    const snapshot = await this.get(id, reader);
    const body = format === 'pdf' ? await renderReportPdf(snapshot) : await renderReportXlsx(snapshot);
    await this.audit.record({
      action: 'export',
      actor: principal,
      target: `export:snapshot:${id}`,
      address,
      details: { format, view: snapshot.view.kind, contentHash: snapshot.contentHash, bytes: body.length },
    });
    return {
      body,
      filename: `bao-cao-${snapshot.report.period.label.replaceAll('..', '_')}-${id.slice(0, 8)}.${format}`,
    };
  }
}

function takerOf(principal: Principal): { id: string | null; name: string | null } {
  switch (principal.kind) {
    case 'user':
      return { id: principal.user.id, name: principal.user.displayName };
    case 'display':
      return { id: principal.display.id, name: principal.display.name };
    case 'admin-token':
      return { id: null, name: 'admin token' };
  }
}
