import type { MeetingReport, ReportRow } from '@ioc/shared';

/** Rows of units a page of the projector shows at its large type. */
export const UNITS_PER_PAGE = 18;

export type PresentationPage =
  | { kind: 'cover' }
  | { kind: 'headline' }
  | { kind: 'areas' }
  | { kind: 'units'; rows: ReportRow[]; first: number; last: number }
  | { kind: 'movers' }
  | { kind: 'fields' }
  | { kind: 'on-time' }
  | { kind: 'map' };

/**
 * The pages of a report on the projector, in the order a meeting reads it: the cover, what the
 * chair reads aloud, the areas, the units in rank order a page at a time, who moved and why, the
 * fields, the trend, the map. Pages with nothing to show (no movers for a unit officer) are left out.
 */
export function presentationPages(report: MeetingReport): PresentationPage[] {
  const pages: PresentationPage[] = [{ kind: 'cover' }, { kind: 'headline' }, { kind: 'areas' }];
  for (let start = 0; start < report.units.length; start += UNITS_PER_PAGE) {
    const rows = report.units.slice(start, start + UNITS_PER_PAGE);
    pages.push({ kind: 'units', rows, first: start + 1, last: start + rows.length });
  }
  if (report.movers.risers.length + report.movers.fallers.length > 0) pages.push({ kind: 'movers' });
  if (report.byField.length > 0) pages.push({ kind: 'fields' });
  pages.push({ kind: 'on-time' }, { kind: 'map' });
  return pages;
}
