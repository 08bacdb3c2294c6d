import type { LiveFigures } from '@ioc/shared';
import { formatCount, formatRating, formatShare } from '../../format/figures';
import { overdueShare } from '../../live/entries';

export interface FieldRowView {
  field: string;
  backlog: string;
  overdue: string;
  overdueShare: string;
  overdueCount: number;
  dueSoon: string;
  receivedToday: string;
  resolvedToday: string;
  onTime30d: string;
  rating30d: string;
}

/** A unit's figures per field (lĩnh vực), the most overdue first: where its work is piling up. */
export function prepareUnitFields(fields: ReadonlyMap<string, LiveFigures>): FieldRowView[] {
  return [...fields.entries()]
    .sort(
      ([fieldA, a], [fieldB, b]) =>
        b.overdue - a.overdue || b.backlog - a.backlog || fieldA.localeCompare(fieldB),
    )
    .map(([field, figures]) => ({
      field,
      backlog: formatCount(figures.backlog),
      overdue: formatCount(figures.overdue),
      overdueShare: formatShare(overdueShare(figures)),
      overdueCount: figures.overdue,
      dueSoon: formatCount(figures.dueWithinOneWorkingDay),
      receivedToday: formatCount(figures.receivedToday),
      resolvedToday: formatCount(figures.resolvedToday),
      onTime30d: formatShare(figures.onTimeRate30d),
      rating30d: formatRating(figures.ratingAverage30d),
    }));
}
