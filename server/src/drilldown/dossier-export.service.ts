import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  VIETNAM_UTC_OFFSET_MS,
  duration,
  type DossierListItem,
  type DossierListQuery,
  type DossierListSort,
} from '@ioc/shared';
import type { AccessRestriction } from '../access/access-policy';
import { AuditService } from '../access/audit.service';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { ITEMS_PER_SLICE, yieldToEventLoop } from '../common/event-loop';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DrilldownException } from './drilldown.exception';
import { DossiersService, sortOf } from './dossiers.service';

export type ExportFormat = 'csv' | 'xlsx';

interface ExportColumn {
  header: string;
  width: number;
  type: 'text' | 'date' | 'number';
  value(item: DossierListItem): string | number | null;
}

const STATUS_VI: Record<DossierListItem['status'], string> = {
  received: 'Mới tiếp nhận',
  in_process: 'Đang xử lý',
  paused: 'Tạm dừng bổ sung',
  resolved: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  rejected: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
  unreceived: 'Chưa tiếp nhận',
};
const OUTCOME_VI = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Trễ hạn' } as const;
const CHANNEL_VI: Record<string, string> = { online: 'Trực tuyến', direct: 'Trực tiếp', postal: 'Bưu chính' };

/**
 * The columns of both exports, in order: one definition, so the CSV and the XLSX hold the same
 * cells as the list's rows (a test reads both back and compares them with the API).
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Mã đơn vị', width: 10, type: 'text', value: (d) => d.unitCode },
  { header: 'Đơn vị', width: 22, type: 'text', value: (d) => d.unitName },
  { header: 'Mã hồ sơ', width: 28, type: 'text', value: (d) => d.code },
  { header: 'Lĩnh vực', width: 16, type: 'text', value: (d) => d.field },
  { header: 'Mã thủ tục', width: 12, type: 'text', value: (d) => d.procedureCode },
  { header: 'Thủ tục', width: 48, type: 'text', value: (d) => d.procedureName },
  {
    header: 'Kênh',
    width: 12,
    type: 'text',
    value: (d) => (d.channel ? (CHANNEL_VI[d.channel] ?? d.channel) : null),
  },
  { header: 'Trạng thái', width: 18, type: 'text', value: (d) => STATUS_VI[d.status] },
  { header: 'Quá hạn', width: 9, type: 'text', value: (d) => (d.overdue ? 'Có' : 'Không') },
  { header: 'Kết quả', width: 11, type: 'text', value: (d) => (d.outcome ? OUTCOME_VI[d.outcome] : null) },
  { header: 'Ngày tiếp nhận', width: 17, type: 'date', value: (d) => d.receivedAt },
  { header: 'Hạn xử lý', width: 17, type: 'date', value: (d) => d.dueAt },
  { header: 'Ngày có kết quả', width: 17, type: 'date', value: (d) => d.resolvedAt },
  {
    header: 'Quá hạn (giờ làm việc)',
    width: 20,
    type: 'text',
    value: (d) => (d.overdueBy ? duration(d.overdueBy, true) : null),
  },
  {
    header: 'Quá hạn (phút làm việc)',
    width: 12,
    type: 'number',
    value: (d) => d.overdueBy?.workingMinutes ?? null,
  },
  {
    header: 'Tạm dừng (phút làm việc)',
    width: 12,
    type: 'number',
    value: (d) => d.pausedFor?.workingMinutes ?? null,
  },
  { header: 'Số lần tạm dừng', width: 10, type: 'number', value: (d) => d.pauseCount },
  { header: 'Ngày xin lỗi', width: 17, type: 'date', value: (d) => d.apologizedAt },
  { header: 'Hẹn lại', width: 17, type: 'date', value: (d) => d.apologyDueAt },
  { header: 'Đánh giá', width: 9, type: 'number', value: (d) => d.rating },
];

const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
/** 1-based numbers of the date columns (their cells get the date format). */
const DATE_COLUMNS = EXPORT_COLUMNS.flatMap((c, i) => (c.type === 'date' ? [i + 1] : []));

/** `dd/MM/yyyy HH:mm` in Vietnam time: what Excel and a person in Vietnam read as a date. */
export function exportDateText(isoInstant: string): string {
  const local = new Date(Date.parse(isoInstant) + VIETNAM_UTC_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** An instant as an Excel date: a spreadsheet has no time zone, so it holds Vietnam's wall time. */
export function excelDate(isoInstant: string): Date {
  return new Date(Date.parse(isoInstant) + VIETNAM_UTC_OFFSET_MS);
}

const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * Exports of a list filter (issue 14): the rows are read a batch at a time by keyset (never
 * the whole result in memory), each batch written before the next is read, and the next read
 * waits while the client is slower than the database (back-pressure). A filter over
 * IOC_EXPORT_MAX_ROWS is refused before anything is written. Every export is audited with its
 * filter and the rows written.
 */
@Injectable()
export class DossierExportService {
  private readonly logger = new Logger(DossierExportService.name);

  constructor(
    private readonly dossiers: DossiersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the filter and its size; returns the writer to call once the headers are sent. The
   * split lets a refusal be an ordinary error answer.
   */
  async prepare(
    format: ExportFormat,
    query: Omit<DossierListQuery, 'limit' | 'cursor'>,
    access: { principal: Principal | null; restrict: AccessRestriction },
    address: string | null,
  ): Promise<(out: Writable, aborted: () => boolean) => Promise<void>> {
    const now = this.clock.now();
    const filter = this.dossiers.resolveFilter(query, access.restrict, now);
    const sort = sortOf(query);
    const limit = this.config.exportMaxRows;
    const count = await this.dossiers.countUpTo(filter, limit);
    if (count > limit) {
      await this.record(format, query, access.principal, address, 0, 'failure', 'over the row limit');
      throw DrilldownException.exportTooLarge(limit);
    }
    return async (out, aborted) => {
      let rows = 0;
      let outcome: 'success' | 'failure' = 'failure';
      try {
        rows = await (format === 'csv' ? this.writeCsv : this.writeXlsx).call(
          this,
          out,
          filter,
          sort,
          now,
          aborted,
        );
        outcome = aborted() ? 'failure' : 'success';
      } finally {
        await this.record(
          format,
          query,
          access.principal,
          address,
          rows,
          outcome,
          aborted() ? 'client went away' : null,
        ).catch((error: unknown) => this.logger.error(`export not audited: ${(error as Error).message}`));
      }
    };
  }

  private async writeCsv(
    out: Writable,
    filter: Parameters<DossiersService['rows']>[0],
    sort: DossierListSort,
    now: number,
    aborted: () => boolean,
  ): Promise<number> {
    // The BOM makes Excel read UTF-8 (Vietnamese intact); CRLF is what it writes itself.
    await write(out, `\uFEFF${EXPORT_COLUMNS.map((c) => csvField(c.header)).join(',')}\r\n`);
    let rows = 0;
    for await (const batch of this.dossiers.rows(filter, sort, now)) {
      if (aborted()) break;
      const lines = batch.map(
        (item) =>
          EXPORT_COLUMNS.map((c) => {
            const value = c.value(item);
            return csvField(c.type === 'date' && typeof value === 'string' ? exportDateText(value) : value);
          }).join(',') + '\r\n',
      );
      await write(out, lines.join(''));
      rows += batch.length;
    }
    out.end();
    return rows;
  }

  private async writeXlsx(
    out: Writable,
    filter: Parameters<DossiersService['rows']>[0],
    sort: DossierListSort,
    now: number,
    aborted: () => boolean,
  ): Promise<number> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Hồ sơ', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_COLUMNS.map((c, i) => ({ key: String(i), width: c.width }));
    const header = sheet.addRow(EXPORT_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    let rows = 0;
    for await (const batch of this.dossiers.rows(filter, sort, now)) {
      if (aborted()) break;
      for (const [i, item] of batch.entries()) {
        // Formatting a row costs the server's loop: a few hundred at a time, then its turn.
        if (i % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) await yieldToEventLoop();
        const row = sheet.addRow(
          EXPORT_COLUMNS.map((c) => {
            const value = c.value(item);
            return c.type === 'date' && typeof value === 'string' ? excelDate(value) : value;
          }),
        );
        for (const column of DATE_COLUMNS) row.getCell(column).numFmt = DATE_FORMAT;
        row.commit();
      }
      rows += batch.length;
      // The zip stream is piped into the response: wait while the client has not taken what is written.
      await drained(out);
    }
    sheet.commit();
    await workbook.commit();
    return rows;
  }

  private record(
    format: ExportFormat,
    query: Omit<DossierListQuery, 'limit' | 'cursor'>,
    principal: Principal | null,
    address: string | null,
    rows: number,
    outcome: 'success' | 'failure',
    reason: string | null,
  ): Promise<void> {
    return this.audit.record({
      action: 'export',
      actor: principal ?? { kind: 'anonymous', name: null },
      outcome,
      target: `export:dossiers.${format}`,
      address,
      details: { format, filter: query, rows, ...(reason ? { reason } : {}) },
    });
  }
}

/** Writes a chunk and waits for the stream to take it when its buffer is full. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await drained(out);
}

async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
