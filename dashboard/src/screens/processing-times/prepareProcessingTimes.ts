import type { ProcessingTimes } from '@ioc/shared';
import { formatCount, formatShare, MISSING_FIGURE } from '../../format/figures';
import { formatWorkingDuration } from '../../format/workingDuration';
import type { Language } from '../../i18n/messages';

/** A working day is 8 hours of office time (DOMAIN.md). */
const WORKING_DAY_MINUTES = 8 * 60;

/** Rows a screen lists: by procedure and unit a province has thousands; narrowing the filter shows the rest. */
export const PROCESSING_ROWS_SHOWN = 300;

type Row = ProcessingTimes['rows'][number];

export interface ProcessingTimeRowView {
  key: string;
  procedureCode: string | null;
  procedureName: string | null;
  unitCode: string | null;
  field: string | null;
  resolved: string;
  median: string;
  p90: string;
  onTime: string;
  previousResolved: string;
  previousMedian: string;
  previousOnTime: string;
  /** "−50%": the median against the year before; a dash where either year has none. */
  medianChange: string;
  /** Faster (the median fell), slower, or nothing to compare. */
  trend: 'faster' | 'slower' | 'same' | null;
  /** "+12": the on-time share's change in percentage points. */
  onTimeChange: string;
}

/** Working minutes (a percentile may fall between two dossiers) as people say them: "1 ngày 2 giờ". */
export function formatWorkingMinutes(minutes: number | null, language: Language): string {
  if (minutes === null) return MISSING_FIGURE;
  const whole = Math.round(minutes);
  return formatWorkingDuration(
    {
      workingMinutes: whole,
      days: Math.floor(whole / WORKING_DAY_MINUTES),
      hours: Math.floor((whole % WORKING_DAY_MINUTES) / 60),
      minutes: whole % 60,
    },
    language,
  );
}

/** A ratio's change as a signed whole percentage: −0.5 → "−50%", with a real minus sign. */
export function formatSignedShare(change: number | null): string {
  if (change === null) return MISSING_FIGURE;
  const percent = Math.round(change * 100);
  if (percent === 0) return '±0%';
  return `${percent > 0 ? '+' : '−'}${formatShare(Math.abs(percent) / 100)}`;
}

/** A change of a share in percentage points: 0.123 → "+12". */
export function formatSignedPoints(delta: number | null): string {
  if (delta === null) return MISSING_FIGURE;
  const points = Math.round(delta * 100);
  if (points === 0) return '±0';
  return `${points > 0 ? '+' : '−'}${formatCount(Math.abs(points))}`;
}

/**
 * The label of a period the API answered: a whole month, quarter or year by its name (`2026-11`,
 * `2026-Q4`, `2026`), any other span as `from..to` — what the report, the ranking and the dossiers
 * list take.
 */
export function periodLabelOf({ from, to }: { from: string; to: string }): string {
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = to.split('-').map(Number) as [number, number, number];
  const whole = fromDay === 1 && fromYear === toYear && toDay === lastDay(toYear, toMonth);
  if (whole && fromMonth === 1 && toMonth === 12) return String(fromYear);
  if (whole && fromMonth % 3 === 1 && toMonth === fromMonth + 2) return `${fromYear}-Q${(fromMonth + 2) / 3}`;
  if (whole && fromMonth === toMonth) return from.slice(0, 7);
  return `${from}..${to}`;
}

/** The rows as the table writes them, in the API's order (most resolved first). */
export function prepareProcessingTimes(rows: readonly Row[], language: Language): ProcessingTimeRowView[] {
  return rows.slice(0, PROCESSING_ROWS_SHOWN).map((row) => {
    const ratio = row.change.medianRatio;
    const rounded = ratio === null ? null : Math.round(ratio * 100);
    return {
      key: `${row.procedureCode ?? ''}/${row.unitCode ?? ''}/${row.field ?? ''}`,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      unitCode: row.unitCode,
      field: row.field,
      resolved: formatCount(row.total.resolved),
      median: formatWorkingMinutes(row.total.medianWorkingMinutes, language),
      p90: formatWorkingMinutes(row.total.p90WorkingMinutes, language),
      onTime: formatShare(row.total.onTimeShare),
      previousResolved: formatCount(row.previousYear.resolved),
      previousMedian: formatWorkingMinutes(row.previousYear.medianWorkingMinutes, language),
      previousOnTime: formatShare(row.previousYear.onTimeShare),
      medianChange: formatSignedShare(ratio),
      trend: rounded === null ? null : rounded < 0 ? 'faster' : rounded > 0 ? 'slower' : 'same',
      onTimeChange: formatSignedPoints(row.change.onTimeShareDelta),
    };
  });
}
