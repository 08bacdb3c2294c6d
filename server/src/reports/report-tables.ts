import {
  formatAverage,
  formatDateTime,
  formatInteger,
  formatPeriod,
  formatPoints,
  formatPointsChange,
  formatRankChange,
  formatRelativeChange,
  formatShare,
  formatShareChange,
  formatWorkingTime,
  NO_FIGURE,
  workingTimeHours,
  type FieldRow,
  type MeetingReport,
  type PeriodFigures,
  type ReportRow,
  type ReportSnapshot,
  type RowChange,
  type RowPeriod,
  type SERVICE_INDEX_GROUP_IDS,
  type WorkingTimeMedian,
} from '@ioc/shared';

/**
 * The snapshot's tables, as the PDF draws them and the XLSX lays them out, one definition for
 * both: each cell holds the snapshot's number (`value`, what the spreadsheet types) and its text
 * from the shared formatter (`text`, what the PDF prints). Nothing is computed here but the order.
 */

export type CellKind =
  | 'text'
  | 'integer'
  | 'share'
  | 'points'
  | 'average'
  | 'hours'
  | 'share-change'
  | 'points-change'
  | 'relative-change'
  | 'rank-change';

export interface TableCell {
  kind: CellKind;
  /** The snapshot's figure (null: there is none, printed `—`). */
  value: string | number | null;
  text: string;
  /** A link (the dossiers behind a mover's indicator). */
  link?: string;
}

export interface TableColumn {
  header: string;
  kind: CellKind;
  /** Relative width on the PDF page. */
  width: number;
}

export interface ReportTable {
  id: string;
  title: string;
  /** The XLSX sheet's name (at most 31 characters). */
  sheet: string;
  columns: TableColumn[];
  rows: TableCell[][];
}

export const text = (value: string | null): TableCell => ({ kind: 'text', value, text: value ?? NO_FIGURE });
export const integer = (value: number | null): TableCell => ({
  kind: 'integer',
  value,
  text: formatInteger(value),
});
const share = (value: number | null): TableCell => ({ kind: 'share', value, text: formatShare(value) });
const points = (value: number | null): TableCell => ({ kind: 'points', value, text: formatPoints(value) });
const average = (value: number | null): TableCell => ({ kind: 'average', value, text: formatAverage(value) });
const hours = (median: WorkingTimeMedian | null): TableCell => ({
  kind: 'hours',
  value: workingTimeHours(median),
  text: formatWorkingTime(median),
});
const shareChange = (value: number | null): TableCell => ({
  kind: 'share-change',
  value,
  text: formatShareChange(value),
});
const pointsChange = (value: number | null): TableCell => ({
  kind: 'points-change',
  value,
  text: formatPointsChange(value),
});
const relativeChange = (value: number | null): TableCell => ({
  kind: 'relative-change',
  value,
  text: formatRelativeChange(value),
});
const rankChange = (value: number | null): TableCell => ({
  kind: 'rank-change',
  value,
  text: formatRankChange(value),
});

const column = (header: string, kind: CellKind, width = 1): TableColumn => ({ header, kind, width });

const GROUP_HEADERS: Record<(typeof SERVICE_INDEX_GROUP_IDS)[number], string> = {
  transparency: 'Công khai (18)',
  progress: 'Tiến độ (20)',
  'online-services': 'DVC trực tuyến (12)',
  digitisation: 'Số hóa (22)',
  satisfaction: 'Hài lòng (18)',
  'online-payment': 'Thanh toán (10)',
};

/** The dossier figures of a period, in the columns every figures table uses. */
const FIGURE_COLUMNS = [
  column('Tiếp nhận', 'integer'),
  column('Đã giải quyết', 'integer'),
  column('Đúng hạn', 'share'),
  column('Quá hạn cuối kỳ', 'integer'),
  column('TG xử lý trung vị', 'hours'),
  column('Trực tuyến', 'share'),
  column('Số đánh giá', 'integer'),
  column('Hài lòng TB', 'average'),
  column('Đánh giá 1–2', 'share'),
];

function figureCells(f: PeriodFigures): TableCell[] {
  return [
    integer(f.received),
    integer(f.resolved),
    share(f.onTimeShare),
    integer(f.overdueAtEnd),
    hours(f.medianWorkingTime),
    share(f.onlineShare),
    integer(f.ratings),
    average(f.satisfactionAverage),
    share(f.poorRatingShare),
  ];
}

const periodName = (report: MeetingReport, compared: 'current' | 'previous' | 'lastYear') =>
  compared === 'current'
    ? `Kỳ báo cáo: ${formatPeriod(report.period)}`
    : compared === 'previous'
      ? `Kỳ trước: ${formatPeriod(report.previousPeriod)}`
      : `Cùng kỳ năm trước: ${formatPeriod(report.lastYearPeriod)}`;

const COMPARED = ['current', 'previous', 'lastYear'] as const;
const SHORT_PERIOD_NAMES = {
  current: 'Kỳ báo cáo',
  previous: 'Kỳ trước',
  lastYear: 'Cùng kỳ năm trước',
} as const;

function changeCells(c: RowChange): TableCell[] {
  return [
    relativeChange(c.received),
    shareChange(c.onTimeShare),
    integer(c.overdueAtEnd),
    pointsChange(c.index),
    rankChange(c.rank),
  ];
}

const CHANGE_COLUMNS = [
  column('Tiếp nhận (%)', 'relative-change'),
  column('Đúng hạn (điểm %)', 'share-change'),
  column('Quá hạn cuối kỳ', 'integer'),
  column('Chỉ số (điểm)', 'points-change'),
  column('Hạng', 'rank-change'),
];

function unitTable(
  report: MeetingReport,
  compared: (typeof COMPARED)[number],
  id: string,
  sheet: string,
): ReportTable {
  const current = compared === 'current';
  return {
    id,
    title: `Các đơn vị — ${periodName(report, compared)}`,
    sheet,
    columns: [
      column('Hạng', 'integer', 0.6),
      column('Đơn vị', 'text', 2.6),
      column('Tỉnh cũ', 'text', 1.2),
      ...FIGURE_COLUMNS,
      ...(current ? [column('Quá hạn hiện tại', 'integer')] : []),
      column('Chỉ số', 'points'),
      ...(current
        ? [
            column('± Chỉ số kỳ trước', 'points-change'),
            column('± Hạng kỳ trước', 'rank-change'),
            column('± Chỉ số cùng kỳ', 'points-change'),
          ]
        : []),
    ],
    rows: report.units.map((u) => {
      const p: RowPeriod = u[compared];
      return [
        integer(p.index?.rank ?? null),
        text(u.name),
        text(u.formerProvince),
        ...figureCells(p.figures),
        ...(current ? [integer(u.overdueNow)] : []),
        points(p.index?.total ?? null),
        ...(current
          ? [
              pointsChange(u.change.previous.index),
              rankChange(u.change.previous.rank),
              pointsChange(u.change.lastYear.index),
            ]
          : []),
      ];
    }),
  };
}

function fieldTable(report: MeetingReport, fields: FieldRow[]): ReportTable {
  return {
    id: 'fields',
    title: `Theo lĩnh vực — ${report.headline.scopeName}`,
    sheet: 'Lĩnh vực',
    columns: [
      column('Lĩnh vực', 'text', 1.6),
      column('Kỳ', 'text', 1.2),
      ...FIGURE_COLUMNS.slice(0, 6),
      column('Quá hạn hiện tại', 'integer'),
    ],
    rows: fields.flatMap((f) =>
      COMPARED.map((c) => [
        text(f.name),
        text(SHORT_PERIOD_NAMES[c]),
        ...figureCells(f[c]).slice(0, 6),
        integer(c === 'current' ? f.overdueNow : null),
      ]),
    ),
  };
}

/** The headline, as label and figure (the PDF words it; the XLSX lists it). */
export function headlineTable(snapshot: ReportSnapshot): ReportTable {
  const { report } = snapshot;
  const h = report.headline;
  const named = (units: MeetingReport['headline']['best']) =>
    units.map((u) => `${u.rank}. ${u.unitName} (${formatPoints(u.total)})`).join('; ') || NO_FIGURE;
  return {
    id: 'headline',
    title: 'Tổng hợp',
    sheet: 'Tổng hợp',
    columns: [column('Nội dung', 'text', 2), column('Số liệu', 'text', 3)],
    rows: [
      [text('Kỳ báo cáo'), text(formatPeriod(report.period))],
      [text('Kỳ trước'), text(formatPeriod(report.previousPeriod))],
      [text('Cùng kỳ năm trước'), text(formatPeriod(report.lastYearPeriod))],
      [text('Phạm vi'), text(h.scopeName)],
      [text('Lĩnh vực'), text(report.filter.fields?.join(', ') ?? 'Tất cả')],
      [text(`Chỉ số phục vụ của ${h.scopeName}`), points(h.index)],
      [text('± so với kỳ trước (điểm)'), pointsChange(h.indexChange.previous)],
      [text('± so với cùng kỳ năm trước (điểm)'), pointsChange(h.indexChange.lastYear)],
      [text('Hồ sơ tiếp nhận'), integer(h.received)],
      [text('Tỷ lệ đúng hạn'), share(h.onTimeShare)],
      [text('Hồ sơ quá hạn cuối kỳ'), integer(h.overdueAtEnd)],
      [text('Hồ sơ quá hạn hiện tại'), integer(h.overdueNow)],
      [text('Ba đơn vị dẫn đầu'), text(named(h.best))],
      [text('Ba đơn vị cuối bảng'), text(named(h.worst))],
      [text('Thời điểm chốt số liệu'), text(formatDateTime(snapshot.takenAt))],
      [text('Người chốt'), text(snapshot.takenBy.name)],
      [text('Mã kiểm tra (SHA-256)'), text(snapshot.contentHash)],
      [text('Quy định chỉ số áp dụng (hiệu lực từ)'), text(snapshot.rulesVersions.join(', '))],
    ],
  };
}

/** Every table of a snapshot, in the order the PDF prints them (and the XLSX's sheets). */
export function reportTables(snapshot: ReportSnapshot): ReportTable[] {
  const { report } = snapshot;
  const areas: ReportRow[] = [report.province, ...report.formerProvinces];
  return [
    headlineTable(snapshot),
    {
      id: 'areas',
      title: `Toàn tỉnh và các tỉnh cũ — ${periodName(report, 'current')}; ${periodName(report, 'previous')}; ${periodName(report, 'lastYear')}`,
      sheet: 'Toàn tỉnh',
      columns: [
        column('Địa bàn', 'text', 1.6),
        column('Kỳ', 'text', 1.6),
        ...FIGURE_COLUMNS,
        column('Quá hạn hiện tại', 'integer'),
        column('Chỉ số', 'points'),
      ],
      rows: areas.flatMap((a) =>
        COMPARED.map((c) => [
          text(a.name),
          text(SHORT_PERIOD_NAMES[c]),
          ...figureCells(a[c].figures),
          integer(c === 'current' ? a.overdueNow : null),
          points(a[c].index?.total ?? null),
        ]),
      ),
    },
    {
      id: 'areas-change',
      title: 'Toàn tỉnh và các tỉnh cũ — thay đổi',
      sheet: 'Thay đổi',
      columns: [column('Địa bàn', 'text', 1.6), column('So với', 'text', 1.6), ...CHANGE_COLUMNS.slice(0, 4)],
      rows: areas.flatMap((a) => [
        [text(a.name), text('Kỳ trước'), ...changeCells(a.change.previous).slice(0, 4)],
        [text(a.name), text('Cùng kỳ năm trước'), ...changeCells(a.change.lastYear).slice(0, 4)],
      ]),
    },
    unitTable(report, 'current', 'units', 'Đơn vị'),
    {
      id: 'units-index',
      title: 'Chỉ số phục vụ theo nhóm — kỳ báo cáo',
      sheet: 'Chỉ số theo nhóm',
      columns: [
        column('Hạng', 'integer', 0.6),
        column('Đơn vị', 'text', 2.6),
        ...Object.values(GROUP_HEADERS).map((h) => column(h, 'points')),
        column('Tổng', 'points'),
        column('Hồ sơ', 'integer'),
        column('Ít hồ sơ', 'text', 0.7),
        column('Hạng kỳ trước', 'integer'),
        column('± Hạng', 'rank-change'),
      ],
      rows: report.units.map((u) => {
        const index = u.current.index;
        const groups = Object.keys(GROUP_HEADERS).map(
          (id) => index?.groups.find((g) => g.id === id)?.points ?? null,
        );
        return [
          integer(index?.rank ?? null),
          text(u.name),
          ...groups.map(points),
          points(index?.total ?? null),
          integer(index?.dossiers ?? null),
          text(index?.lowVolume ? 'có' : ''),
          integer(u.previous.index?.rank ?? null),
          rankChange(u.change.previous.rank),
        ];
      }),
    },
    unitTable(report, 'previous', 'units-previous', 'Đơn vị - kỳ trước'),
    unitTable(report, 'lastYear', 'units-last-year', 'Đơn vị - cùng kỳ'),
    fieldTable(report, report.byField),
    {
      id: 'movers',
      title: 'Đơn vị tăng, giảm hạng nhiều nhất và lý do (so với kỳ trước)',
      sheet: 'Biến động',
      columns: [
        column('Đơn vị', 'text', 2.2),
        column('Hạng', 'integer', 0.6),
        column('Hạng kỳ trước', 'integer', 0.8),
        column('± Hạng', 'rank-change', 0.7),
        column('± Chỉ số', 'points-change', 0.8),
        column('Chỉ tiêu', 'text', 2.6),
        column('Điểm', 'points', 0.7),
        column('Kỳ trước', 'points', 0.7),
        column('± Điểm', 'points-change', 0.7),
        column('Hồ sơ làm mất điểm', 'text', 1.2),
      ],
      rows: [...report.movers.risers, ...report.movers.fallers].flatMap((m) => {
        const unit = [
          text(m.unitName),
          integer(m.rank),
          integer(m.previousRank),
          rankChange(m.rankChange),
          pointsChange(m.indexChange),
        ];
        if (m.indicators.length === 0)
          return [[...unit, text(null), points(null), points(null), pointsChange(null), text(null)]];
        return m.indicators.map((i) => [
          ...unit,
          text(i.name.vi),
          points(i.points),
          points(i.previousPoints),
          pointsChange(i.change),
          { kind: 'text' as const, value: i.lostDossiers, text: 'Danh sách hồ sơ', link: i.lostDossiers },
        ]);
      }),
    },
    {
      id: 'on-time-months',
      title: `Tỷ lệ giải quyết đúng hạn 12 tháng — ${report.headline.scopeName}`,
      sheet: 'Đúng hạn 12 tháng',
      columns: [column('Tháng', 'text'), column('Tiếp nhận', 'integer'), column('Đúng hạn', 'share')],
      rows: report.charts.onTimeByMonth.map((m) => [
        text(`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`),
        integer(m.received),
        share(m.onTimeShare),
      ]),
    },
    {
      id: 'index-change',
      title: 'Thay đổi chỉ số phục vụ theo đơn vị so với kỳ trước (thay cho bản đồ)',
      sheet: 'Thay đổi chỉ số',
      columns: [
        column('STT', 'integer', 0.5),
        column('Đơn vị', 'text', 2.6),
        column('Tỉnh cũ', 'text', 1.2),
        column('Chỉ số', 'points'),
        column('± Chỉ số', 'points-change'),
      ],
      rows: report.charts.indexChangeByUnit.map((u, i) => [
        integer(i + 1),
        text(u.unitName),
        text(u.formerProvince),
        points(u.total),
        pointsChange(u.change),
      ]),
    },
  ];
}
