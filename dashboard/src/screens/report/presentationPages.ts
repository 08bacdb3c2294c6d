import type { MeetingReport, ReportCharts, ReportRow } from '@ioc/shared';

/** Rows of units a page of the projector shows at its large type. */
export const UNITS_PER_PAGE = 18;
/** Bars of the index chart a page holds, each unit's name readable at the projector's type. */
export const INDEX_BARS_PER_PAGE = 31;

export type PresentationPage =
  | { kind: 'cover' }
  | { kind: 'headline' }
  | { kind: 'areas' }
  | { kind: 'units'; rows: ReportRow[]; first: number; last: number }
  | { kind: 'movers' }
  | { kind: 'fields' }
  /** Scored units `first`–`last` (best first) of `total`, as bars. */
  | { kind: 'index'; units: ReportCharts['indexByUnit']; first: number; last: number; total: number }
  | { kind: 'on-time' }
  | { kind: 'map' };

/**
 * The pages of a report on the projector, in the order a meeting reads it: the cover, what the
 * chair reads aloud, the areas, the units in rank order a page at a time, who moved and why, the
 * fields, the index of every scored unit as bars a page at a time, the trend, the map. Pages with
 * nothing to show (no movers for a unit officer, no bars where no unit has a score) are left out.
 */
export function presentationPages(report: MeetingReport): PresentationPage[] {
  const pages: PresentationPage[] = [{ kind: 'cover' }, { kind: 'headline' }, { kind: 'areas' }];
  for (let start = 0; start < report.units.length; start += UNITS_PER_PAGE) {
    const rows = report.units.slice(start, start + UNITS_PER_PAGE);
    pages.push({ kind: 'units', rows, first: start + 1, last: start + rows.length });
  }
  if (report.movers.risers.length + report.movers.fallers.length > 0) pages.push({ kind: 'movers' });
  if (report.byField.length > 0) pages.push({ kind: 'fields' });
  const scored = report.charts.indexByUnit.filter((unit) => unit.total !== null);
  for (let start = 0; start < scored.length; start += INDEX_BARS_PER_PAGE) {
    const units = scored.slice(start, start + INDEX_BARS_PER_PAGE);
    pages.push({ kind: 'index', units, first: start + 1, last: start + units.length, total: scored.length });
  }
  pages.push({ kind: 'on-time' }, { kind: 'map' });
  return pages;
}
