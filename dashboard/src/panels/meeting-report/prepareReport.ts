import {
  formatAverage,
  formatInteger,
  formatPoints,
  formatPointsChange,
  formatRankChange,
  formatRelativeChange,
  formatShare,
  formatShareChange,
  formatWorkingTime,
  type ReportRow,
  type RowChange,
} from '@ioc/shared';
import type { Language, MessageKey } from '../../i18n/messages';

/** Which comparison period the change columns show. */
export type Comparison = 'previous' | 'lastYear';

/** The columns of a report table, in order; each sortable. */
export const REPORT_COLUMNS = [
  'received',
  'resolved',
  'onTimeShare',
  'overdueAtEnd',
  'overdueNow',
  'medianWorkingTime',
  'onlineShare',
  'satisfactionAverage',
  'poorRatingShare',
  'index',
  'rank',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export const COLUMN_LABELS: Record<ReportColumn, MessageKey> = {
  received: 'report.column.received',
  resolved: 'report.column.resolved',
  onTimeShare: 'report.column.onTimeShare',
  overdueAtEnd: 'report.column.overdueAtEnd',
  overdueNow: 'report.column.overdueNow',
  medianWorkingTime: 'report.column.medianWorkingTime',
  onlineShare: 'report.column.onlineShare',
  satisfactionAverage: 'report.column.satisfactionAverage',
  poorRatingShare: 'report.column.poorRatingShare',
  index: 'report.column.index',
  rank: 'report.column.rank',
};

/** The raw value a column sorts by; null sorts last whichever the direction. */
export function columnValue(row: ReportRow, column: ReportColumn): number | null {
  const { figures, index } = row.current;
  switch (column) {
    case 'overdueNow':
      return row.overdueNow;
    case 'medianWorkingTime':
      return figures.medianWorkingTime?.minutes ?? null;
    case 'index':
      return index?.total ?? null;
    case 'rank':
      return index?.rank ?? null;
    default:
      return figures[column];
  }
}

export interface ReportRowView {
  code: string;
  name: string;
  scope: ReportRow['scope'];
  cells: Record<ReportColumn, string>;
  /** The change against the comparison period, formatted: received %, on-time points, overdue, index, rank. */
  change: { received: string; onTimeShare: string; overdueAtEnd: string; index: string; rank: string };
  /** Which way the index moved: the cell's colour. */
  direction: 'up' | 'down' | 'flat' | 'none';
  lowVolume: boolean;
  /** No dossier in the period: nothing to score ("—", not 0). */
  noScore: boolean;
}

function changeOf(change: RowChange) {
  return {
    received: formatRelativeChange(change.received),
    onTimeShare: formatShareChange(change.onTimeShare),
    overdueAtEnd: formatRankChange(change.overdueAtEnd),
    index: formatPointsChange(change.index),
    rank: formatRankChange(change.rank),
  };
}

/** A row of a report table, every figure written by the report's one formatter (as the PDF prints it). */
export function prepareReportRow(row: ReportRow, comparison: Comparison, language: Language): ReportRowView {
  const { figures, index } = row.current;
  const change = row.change[comparison];
  return {
    code: row.code,
    name: row.name,
    scope: row.scope,
    cells: {
      received: formatInteger(figures.received),
      resolved: formatInteger(figures.resolved),
      onTimeShare: formatShare(figures.onTimeShare),
      overdueAtEnd: formatInteger(figures.overdueAtEnd),
      overdueNow: formatInteger(row.overdueNow),
      medianWorkingTime: formatWorkingTime(figures.medianWorkingTime, language),
      onlineShare: formatShare(figures.onlineShare),
      satisfactionAverage: formatAverage(figures.satisfactionAverage),
      poorRatingShare: formatShare(figures.poorRatingShare),
      index: formatPoints(index?.total ?? null),
      rank: index?.rank === null || index === null ? '—' : String(index.rank),
    },
    change: changeOf(change),
    direction: change.index === null ? 'none' : change.index > 0 ? 'up' : change.index < 0 ? 'down' : 'flat',
    lowVolume: index?.lowVolume ?? false,
    noScore: index?.total === null || index === null,
  };
}

/** Rows sorted by a column; rows without the figure last, ties by name (Vietnamese order). */
export function sortReportRows(
  rows: readonly ReportRow[],
  column: ReportColumn,
  descending: boolean,
): ReportRow[] {
  return [...rows].sort((a, b) => {
    const va = columnValue(a, column);
    const vb = columnValue(b, column);
    if (va === null || vb === null)
      return va === null ? (vb === null ? a.name.localeCompare(b.name, 'vi') : 1) : -1;
    return (descending ? vb - va : va - vb) || a.name.localeCompare(b.name, 'vi');
  });
}
