import ExcelJS from 'exceljs';
import { VIETNAM_UTC_OFFSET_MS, vietnamMidnight, type ReportSnapshot } from '@ioc/shared';
import { reportTables, type CellKind, type ReportTable, type TableCell } from './report-tables';

/**
 * The snapshot as a spreadsheet (issue 15): one sheet per table of `reportTables` (the PDF's),
 * typed cells — numbers as numbers with their format (shares as percentages), dates as dates,
 * `—` where the snapshot has no figure — the title on the first row, the header frozen below it.
 * A first sheet "Bản chốt" holds the snapshot's identity with its dates as date cells.
 */

const FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  share: '0.0%',
  points: '0.00',
  average: '0.00',
  hours: '0.0',
  'share-change': '+0.0%;-0.0%;0.0%',
  'points-change': '+0.00;-0.00;0.00',
  'relative-change': '+0.0%;-0.0%;0.0%',
  'rank-change': '+0;-0;0',
};

/** The row of a sheet's header; its data begins on the next. */
export const XLSX_HEADER_ROW = 2;

/** An instant as the Vietnam wall time a spreadsheet shows (its dates carry no zone). */
const vietnamWallTime = (iso: string) => new Date(Date.parse(iso) + VIETNAM_UTC_OFFSET_MS);
/** A Vietnam date as a spreadsheet date (midnight of that day). */
const spreadsheetDate = (date: string) => new Date(vietnamMidnight(date) + VIETNAM_UTC_OFFSET_MS);

export async function renderReportXlsx(snapshot: ReportSnapshot): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'IOC Lâm Đồng';
  workbook.created = new Date(snapshot.takenAt);
  identitySheet(workbook, snapshot);
  for (const table of reportTables(snapshot)) tableSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function identitySheet(workbook: ExcelJS.Workbook, snapshot: ReportSnapshot): void {
  const { report } = snapshot;
  const sheet = workbook.addWorksheet('Bản chốt', { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }] });
  sheet.getCell('A1').value = 'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG — Bản chốt số liệu báo cáo';
  sheet.getCell('A1').font = { bold: true };
  sheet.getRow(XLSX_HEADER_ROW).values = ['Nội dung', 'Giá trị'];
  sheet.getRow(XLSX_HEADER_ROW).font = { bold: true };
  const dateFormat = 'dd/mm/yyyy';
  const rows: [string, ExcelJS.CellValue, string?][] = [
    ['Mã bản chốt', snapshot.id],
    ['Thời điểm chốt (giờ Việt Nam)', vietnamWallTime(snapshot.takenAt), 'dd/mm/yyyy hh:mm'],
    ['Người chốt', snapshot.takenBy.name ?? '—'],
    ['Mã kiểm tra SHA-256', snapshot.contentHash],
    ['Kỳ báo cáo: từ ngày', spreadsheetDate(report.period.from), dateFormat],
    ['Kỳ báo cáo: đến ngày', spreadsheetDate(report.period.to), dateFormat],
    ['Kỳ trước: từ ngày', spreadsheetDate(report.previousPeriod.from), dateFormat],
    ['Kỳ trước: đến ngày', spreadsheetDate(report.previousPeriod.to), dateFormat],
    ['Cùng kỳ năm trước: từ ngày', spreadsheetDate(report.lastYearPeriod.from), dateFormat],
    ['Cùng kỳ năm trước: đến ngày', spreadsheetDate(report.lastYearPeriod.to), dateFormat],
    ['Số liệu tính tại (giờ Việt Nam)', vietnamWallTime(report.evaluatedAt), 'dd/mm/yyyy hh:mm'],
    ['Số hồ sơ tối thiểu để xếp hạng', report.minDossiers, '#,##0'],
  ];
  rows.forEach(([label, value, format], i) => {
    const row = sheet.getRow(XLSX_HEADER_ROW + 1 + i);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    if (format) row.getCell(2).numFmt = format;
  });
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 70;
}

function tableSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }] });
  sheet.getCell('A1').value = table.title;
  sheet.getCell('A1').font = { bold: true };
  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = table.columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(8, Math.round(c.width * 11));
  });
  table.rows.forEach((cells, r) => {
    const row = sheet.getRow(XLSX_HEADER_ROW + 1 + r);
    cells.forEach((cell, c) => writeCell(row.getCell(c + 1), cell));
  });
}

function writeCell(target: ExcelJS.Cell, cell: TableCell): void {
  if (cell.value === null) {
    // No figure is not zero: the sheet says so as the PDF does.
    target.value = '—';
    target.alignment = { horizontal: cell.kind === 'text' ? 'left' : 'right' };
    return;
  }
  if (cell.link) {
    target.value = { text: cell.text, hyperlink: cell.link };
    return;
  }
  target.value = cell.value;
  const format = FORMATS[cell.kind];
  if (format && typeof cell.value === 'number') target.numFmt = format;
}
