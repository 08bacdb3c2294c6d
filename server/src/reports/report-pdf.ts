import PDFDocument from 'pdfkit';
import {
  formatDate,
  formatDateTime,
  formatInteger,
  formatPeriod,
  formatPoints,
  formatPointsChange,
  formatShare,
  NO_FIGURE,
  vietnamDate,
  type ReportSnapshot,
} from '@ioc/shared';
import { reportTables, type ReportTable, type TableCell } from './report-tables';

/**
 * The snapshot as a PDF for the meeting (issue 15): A4 landscape, the formal header, the
 * headline, the charts drawn here (index by unit, on-time share over 12 months; the map as a
 * ranked list), then every table of `reportTables` — the same cells as the XLSX, their text from
 * the shared formatter. Fonts: DejaVu Sans (Condensed) and Serif from the `dejavu-fonts-ttf`
 * package (Bitstream Vera licence, public-domain changes), embedded as subsets; they carry every
 * Vietnamese letter.
 */

const FONT_DIR = 'dejavu-fonts-ttf/ttf';
const FONTS = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
} as const;
type Font = keyof typeof FONTS;

const MARGIN = { top: 40, bottom: 44, left: 36, right: 36 };
const COLOURS = {
  ink: '#1a1a1a',
  muted: '#5f6b7a',
  rule: '#c9d1db',
  headerFill: '#e8eef5',
  stripe: '#f6f8fb',
  bar: '#2f6db5',
  barLow: '#9aa7b6',
  line: '#c0392b',
  link: '#1f5fa8',
};
const TABLE_FONT_SIZE = 6.6;
const ROW_HEIGHT = 10.2;
const HEADER_HEIGHT = 19;

export async function renderReportPdf(snapshot: ReportSnapshot): Promise<Buffer> {
  const { report } = snapshot;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `Báo cáo ${formatPeriod(report.period)}`,
      Author: 'Ủy ban nhân dân tỉnh Lâm Đồng — Trung tâm điều hành thông minh (IOC)',
      Subject: `Bản chốt số liệu ${snapshot.id}, SHA-256 ${snapshot.contentHash}`,
      CreationDate: new Date(snapshot.takenAt),
    },
  });
  for (const [name, file] of Object.entries(FONTS))
    doc.registerFont(name, require.resolve(`${FONT_DIR}/${file}`));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const page = new PageWriter(doc);
  page.formalHeader(snapshot);
  page.headline(snapshot);
  page.notes(snapshot);
  doc.addPage();
  page.indexBars(snapshot);
  doc.addPage();
  page.onTimeLine(snapshot);
  for (const table of reportTables(snapshot).slice(1)) page.table(table);
  page.footers(snapshot);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

class PageWriter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  private font(font: Font, size: number, colour: string = COLOURS.ink): PDFKit.PDFDocument {
    return this.doc.font(font).fontSize(size).fillColor(colour);
  }

  /** One line of text at (x, y), never wrapped: a cell, a label. */
  private cell(
    text: string,
    x: number,
    y: number,
    width: number,
    align: 'left' | 'right' | 'center',
    link?: string,
  ): void {
    this.doc.text(text, x, y, {
      width,
      // One line: a text wider than its cell is cut with "…", never wrapped over the next row.
      height: this.doc.currentLineHeight(true),
      align,
      lineBreak: false,
      ellipsis: true,
      ...(link ? { link, underline: true } : {}),
    });
  }

  formalHeader(snapshot: ReportSnapshot): void {
    const { report } = snapshot;
    const left = MARGIN.left;
    const half = this.width / 2;
    this.font('serifBold', 11).text('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG', left, MARGIN.top, {
      width: half - 20,
      align: 'center',
    });
    this.font('regular', 9, COLOURS.muted).text(
      'Trung tâm Giám sát, điều hành thông minh',
      left,
      MARGIN.top + 16,
      {
        width: half - 20,
        align: 'center',
      },
    );
    this.font('serifBold', 11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, MARGIN.top, {
      width: half,
      align: 'center',
    });
    this.font('serifBold', 10).text('Độc lập - Tự do - Hạnh phúc', left + half, MARGIN.top + 16, {
      width: half,
      align: 'center',
      underline: true,
    });
    const taken = vietnamDate(Date.parse(snapshot.takenAt));
    this.font('italic', 9).text(
      `Lâm Đồng, ngày ${taken.slice(8, 10)} tháng ${taken.slice(5, 7)} năm ${taken.slice(0, 4)}`,
      left + half,
      MARGIN.top + 34,
      { width: half, align: 'center' },
    );
    this.font('serifBold', 15).text('BÁO CÁO', left, MARGIN.top + 62, { width: this.width, align: 'center' });
    this.font('bold', 11).text(
      'Kết quả giải quyết thủ tục hành chính và Chỉ số phục vụ người dân, doanh nghiệp',
      left,
      MARGIN.top + 82,
      { width: this.width, align: 'center' },
    );
    this.font('bold', 11).text(
      `${formatPeriod(report.period)} — ${report.headline.scopeName}`,
      left,
      MARGIN.top + 98,
      {
        width: this.width,
        align: 'center',
      },
    );
    const fields = report.filter.fields ? `; lĩnh vực: ${report.filter.fields.join(', ')}` : '';
    this.font('regular', 9, COLOURS.muted).text(
      `So sánh với kỳ trước (${formatPeriod(report.previousPeriod)}) và cùng kỳ năm trước (${formatPeriod(report.lastYearPeriod)})${fields}`,
      left,
      MARGIN.top + 114,
      { width: this.width, align: 'center' },
    );
    this.doc.y = MARGIN.top + 140;
  }

  headline(snapshot: ReportSnapshot): void {
    const h = snapshot.report.headline;
    const change = (value: number | null, against: string) =>
      value === null ? `chưa có số liệu ${against}` : `${formatPointsChange(value)} điểm so với ${against}`;
    const ranked = (units: typeof h.best) =>
      units.length === 0
        ? NO_FIGURE
        : units.map((u) => `${u.rank}. ${u.unitName} (${formatPoints(u.total)})`).join('; ');
    const lines = [
      `Chỉ số phục vụ của ${h.scopeName}: ${formatPoints(h.index)} điểm (${change(h.indexChange.previous, 'kỳ trước')}; ${change(h.indexChange.lastYear, 'cùng kỳ năm trước')}).`,
      `Tiếp nhận ${formatInteger(h.received)} hồ sơ; tỷ lệ giải quyết đúng hạn ${formatShare(h.onTimeShare)}.`,
      `Hồ sơ quá hạn tại thời điểm cuối kỳ: ${formatInteger(h.overdueAtEnd)}; hiện tại: ${formatInteger(h.overdueNow)}.`,
      `Ba đơn vị dẫn đầu: ${ranked(h.best)}.`,
      `Ba đơn vị cuối bảng: ${ranked(h.worst)}.`,
    ];
    this.font('bold', 11).text('I. TÓM TẮT', MARGIN.left, this.doc.y);
    this.doc.moveDown(0.3);
    for (const line of lines) {
      this.font('regular', 10).text(`•  ${line}`, MARGIN.left + 8, this.doc.y, { width: this.width - 8 });
      this.doc.moveDown(0.25);
    }
    const { risers, fallers } = snapshot.report.movers;
    const moved = (title: string, movers: typeof risers) => {
      if (movers.length === 0) return;
      this.doc.moveDown(0.2);
      this.font('bold', 10).text(title, MARGIN.left + 8, this.doc.y);
      for (const m of movers) {
        const why = m.indicators
          .slice(0, 3)
          .map((i) => `${i.name.vi} ${formatPointsChange(i.change)}`)
          .join(', ');
        this.font('regular', 9).text(
          `•  ${m.unitName}: hạng ${m.previousRank} → ${m.rank}, chỉ số ${formatPoints(m.previousTotal)} → ${formatPoints(m.total)}${why ? ` (${why})` : ''}.`,
          MARGIN.left + 16,
          this.doc.y,
          { width: this.width - 16 },
        );
      }
    };
    moved('Tăng hạng nhiều nhất:', risers.slice(0, 3));
    moved('Giảm hạng nhiều nhất:', fallers.slice(0, 3));
  }

  notes(snapshot: ReportSnapshot): void {
    const { report } = snapshot;
    this.doc.moveDown(0.8);
    this.font('bold', 9, COLOURS.muted).text('Ghi chú', MARGIN.left, this.doc.y);
    const notes = [
      'Hồ sơ được tính là hồ sơ tiếp nhận trong kỳ (trừ hồ sơ bị từ chối, công dân rút), chấm theo tình trạng tại thời điểm chốt số liệu; “—” là không có số liệu (không có hồ sơ), khác với 0.',
      'Quá hạn cuối kỳ: hồ sơ đang giải quyết và đã quá hạn tại thời điểm kết thúc kỳ (kỳ chưa kết thúc: tại thời điểm chốt). Thời gian xử lý trung vị tính theo giờ làm việc, không kể thời gian chờ bổ sung; làm tròn đến giờ (dưới 1 ngày), nửa ngày (đến 10 ngày), ngày (đến 30 ngày).',
      report.filter.fields
        ? 'Lọc theo lĩnh vực: số liệu hồ sơ chỉ gồm các lĩnh vực đã chọn; Chỉ số phục vụ, hạng và đánh giá hài lòng vẫn là của cả đơn vị (chỉ số không chấm theo lĩnh vực).'
        : 'Chỉ số phục vụ chấm theo Quyết định 766/QĐ-TTg; đơn vị có ít hơn ' +
          `${report.minDossiers} hồ sơ được ghi “ít hồ sơ”, có điểm nhưng không xếp hạng.`,
      `Bản chốt ${snapshot.id}, lúc ${formatDateTime(snapshot.takenAt)}, người chốt: ${snapshot.takenBy.name ?? NO_FIGURE}; quy định áp dụng (hiệu lực từ): ${snapshot.rulesVersions.map(formatDate).join(', ') || NO_FIGURE}.`,
    ];
    for (const note of notes) {
      this.font('regular', 8, COLOURS.muted).text(`–  ${note}`, MARGIN.left + 8, this.doc.y, {
        width: this.width - 8,
      });
    }
  }

  private title(text: string, needed: number): void {
    if (this.doc.y + needed > this.bottom) this.doc.addPage();
    this.font('bold', 10).text(text, MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  /** Index by unit, best first, as horizontal bars in two columns. */
  indexBars(snapshot: ReportSnapshot): void {
    const units = snapshot.report.charts.indexByUnit;
    this.title('II. CHỈ SỐ PHỤC VỤ THEO ĐƠN VỊ (từ cao đến thấp)', 20);
    const top = this.doc.y + 2;
    const perColumn = Math.ceil(units.length / 2) || 1;
    // The legend below the bars stays on the page.
    const rowHeight = Math.min(12, (this.bottom - top - 16) / perColumn);
    const columnWidth = (this.width - 20) / 2;
    const labelWidth = 128;
    const valueWidth = 34;
    const barWidth = columnWidth - labelWidth - valueWidth - 8;
    units.forEach((u, i) => {
      const x = MARGIN.left + (i >= perColumn ? columnWidth + 20 : 0);
      const y = top + (i % perColumn) * rowHeight;
      const size = Math.min(6.5, rowHeight * 0.75);
      this.font('condensed', size);
      this.cell(`${u.rank ?? '·'} ${u.unitName}`, x, y, labelWidth, 'left');
      if (u.total !== null) {
        this.doc
          .rect(x + labelWidth + 4, y + rowHeight * 0.1, (barWidth * u.total) / 100, rowHeight * 0.7)
          .fill(u.lowVolume ? COLOURS.barLow : COLOURS.bar);
      }
      this.font('condensed', size);
      this.cell(formatPoints(u.total), x + labelWidth + barWidth + 8, y, valueWidth, 'right');
    });
    this.doc.y = top + perColumn * rowHeight + 6;
    this.font('regular', 7, COLOURS.muted).text(
      'Thanh xám: đơn vị ít hồ sơ (không xếp hạng); “·”: không xếp hạng.',
      MARGIN.left,
      this.doc.y,
    );
  }

  /** The on-time share of the 12 months, as a line. */
  onTimeLine(snapshot: ReportSnapshot): void {
    const months = snapshot.report.charts.onTimeByMonth;
    this.title(`III. TỶ LỆ GIẢI QUYẾT ĐÚNG HẠN 12 THÁNG — ${snapshot.report.headline.scopeName}`, 200);
    const box = { x: MARGIN.left + 40, y: this.doc.y + 6, width: this.width - 60, height: 170 };
    const values = months.map((m) => m.onTimeShare).filter((v): v is number => v !== null);
    // The axis starts at the nearest 10 % below the lowest month, so that a change of a point shows.
    const floor = values.length === 0 ? 0 : Math.max(0, Math.floor(Math.min(...values) * 10) / 10 - 0.1);
    const yOf = (share: number) => box.y + box.height - ((share - floor) / (1 - floor)) * box.height;
    const xOf = (i: number) => box.x + (i + 0.5) * (box.width / months.length);
    this.doc.lineWidth(0.5);
    for (let tick = 0; tick <= 4; tick++) {
      const share = floor + ((1 - floor) * tick) / 4;
      const y = yOf(share);
      this.doc
        .moveTo(box.x, y)
        .lineTo(box.x + box.width, y)
        .strokeColor(COLOURS.rule)
        .stroke();
      this.font('condensed', 7, COLOURS.muted);
      this.cell(formatShare(share), box.x - 40, y - 3, 36, 'right');
    }
    let previous: { x: number; y: number } | null = null;
    months.forEach((m, i) => {
      const x = xOf(i);
      this.font('condensed', 7, COLOURS.muted);
      this.cell(
        `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`,
        x - 20,
        box.y + box.height + 4,
        40,
        'center',
      );
      if (m.onTimeShare === null) {
        previous = null;
        return;
      }
      const point = { x, y: yOf(m.onTimeShare) };
      if (previous)
        this.doc
          .moveTo(previous.x, previous.y)
          .lineTo(point.x, point.y)
          .lineWidth(1.5)
          .strokeColor(COLOURS.line)
          .stroke();
      this.doc.circle(point.x, point.y, 2).fill(COLOURS.line);
      this.font('condensed', 7);
      this.cell(formatShare(m.onTimeShare), x - 24, point.y - 11, 48, 'center');
      previous = point;
    });
    this.doc.lineWidth(1);
    this.doc.y = box.y + box.height + 22;
    this.doc.x = MARGIN.left;
  }

  table(table: ReportTable): void {
    this.doc.moveDown(0.6);
    this.title(table.title, HEADER_HEIGHT + ROW_HEIGHT * 3 + 14);
    const total = table.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = table.columns.map((c) => (c.width / total) * this.width);
    const header = () => {
      const y = this.doc.y;
      this.doc.rect(MARGIN.left, y, this.width, HEADER_HEIGHT).fill(COLOURS.headerFill);
      let x = MARGIN.left;
      table.columns.forEach((c, i) => {
        this.font('condensedBold', TABLE_FONT_SIZE).text(c.header, x + 2, y + 2, {
          width: widths[i]! - 4,
          height: HEADER_HEIGHT - 2,
          align: c.kind === 'text' ? 'left' : 'right',
        });
        x += widths[i]!;
      });
      this.doc.y = y + HEADER_HEIGHT;
    };
    header();
    table.rows.forEach((row, r) => {
      if (this.doc.y + ROW_HEIGHT > this.bottom) {
        this.doc.addPage();
        header();
      }
      const y = this.doc.y;
      if (r % 2 === 1) this.doc.rect(MARGIN.left, y, this.width, ROW_HEIGHT).fill(COLOURS.stripe);
      let x = MARGIN.left;
      row.forEach((cell: TableCell, i) => {
        this.font('condensed', TABLE_FONT_SIZE, cell.link ? COLOURS.link : COLOURS.ink);
        this.cell(
          cell.text,
          x + 2,
          y + 2,
          widths[i]! - 4,
          cell.kind === 'text' ? 'left' : 'right',
          cell.link,
        );
        x += widths[i]!;
      });
      this.doc.y = y + ROW_HEIGHT;
    });
    this.doc
      .moveTo(MARGIN.left, this.doc.y)
      .lineTo(MARGIN.left + this.width, this.doc.y)
      .strokeColor(COLOURS.rule)
      .stroke();
    this.doc.x = MARGIN.left;
  }

  /** On every page: the running title (after the first), the snapshot's time and hash, the page number. */
  footers(snapshot: ReportSnapshot): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Written in the margins: without this pdfkit would start a new page below the bottom margin.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, top: 0, bottom: 0 };
      const y = this.doc.page.height - MARGIN.bottom + 16;
      if (i > range.start) {
        this.font('regular', 7, COLOURS.muted);
        this.cell(
          `UBND tỉnh Lâm Đồng — Báo cáo ${formatPeriod(snapshot.report.period)} — ${snapshot.report.headline.scopeName}`,
          MARGIN.left,
          18,
          this.width,
          'left',
        );
      }
      this.doc
        .moveTo(MARGIN.left, y - 4)
        .lineTo(MARGIN.left + this.width, y - 4)
        .strokeColor(COLOURS.rule)
        .lineWidth(0.5)
        .stroke();
      this.font('regular', 7, COLOURS.muted);
      this.cell(
        `Số liệu chốt lúc ${formatDateTime(snapshot.takenAt)} — SHA-256: ${snapshot.contentHash}`,
        MARGIN.left,
        y,
        this.width - 80,
        'left',
      );
      this.cell(`Trang ${i - range.start + 1}/${range.count}`, MARGIN.left + this.width - 80, y, 80, 'right');
      this.doc.page.margins = margins;
    }
  }
}
