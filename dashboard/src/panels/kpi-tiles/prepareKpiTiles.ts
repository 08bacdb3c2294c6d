import type { KpiComparison, KpiMoment, LiveFigures } from '@ioc/shared';
import { formatCount, formatRating, formatShare, formatSignedCount } from '../../format/figures';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { overdueShare } from '../../live/entries';

export type KpiTileId =
  'backlog' | 'overdue' | 'dueSoon' | 'receivedToday' | 'resolvedToday' | 'onTimeRate30d' | 'rating';

/** Whether a rise is good news, bad news, or neither (more filings are demand, not performance). */
type Better = 'lower' | 'higher' | 'neither';
export type ChangeTone = 'better' | 'worse' | 'neutral';

export interface KpiChangeView {
  versus: 'yesterday' | 'lastWeek';
  /** `+12`, `−5`, `±0`. */
  delta: string;
  tone: ChangeTone;
  direction: 'up' | 'down' | 'flat';
}

export interface KpiTileView {
  id: KpiTileId;
  label: MessageKey;
  /** Already formatted (vi-VN); figures do not change with the wall's language. */
  value: string;
  /** Written after the value, smaller (e.g. "/ 5"). */
  unit: MessageKey | null;
  detail: { key: MessageKey; params: MessageParams } | null;
  /** Against the same time yesterday and a week ago; empty when there is nothing to compare with. */
  changes: KpiChangeView[];
  /** Red accent: something needs a leader's attention. */
  alert: boolean;
}

function change(
  versus: KpiChangeView['versus'],
  now: number,
  before: number | null,
  better: Better,
): KpiChangeView | null {
  if (before === null) return null;
  const delta = now - before;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const tone: ChangeTone =
    better === 'neither' || delta === 0 ? 'neutral' : delta < 0 === (better === 'lower') ? 'better' : 'worse';
  return { versus, delta: formatSignedCount(delta), tone, direction };
}

function changes(
  comparison: KpiComparison | null,
  now: number,
  of: (moment: KpiMoment) => number | null,
  better: Better,
): KpiChangeView[] {
  if (comparison === null) return [];
  return [
    change('yesterday', now, of(comparison.yesterday), better),
    change('lastWeek', now, of(comparison.lastWeek), better),
  ].filter((view): view is KpiChangeView => view !== null);
}

/**
 * The headline figures of an area (the province, a unit), straight from its live entry, each
 * with its change against the same time of day yesterday and a week ago where one is known.
 */
export function prepareKpiTiles(figures: LiveFigures, comparison: KpiComparison | null): KpiTileView[] {
  const plain = { unit: null, detail: null, alert: false, changes: [] };
  return [
    {
      ...plain,
      id: 'backlog',
      label: 'kpi.backlog',
      value: formatCount(figures.backlog),
      detail: { key: 'kpi.pausedDetail', params: { count: formatCount(figures.paused) } },
      changes: changes(comparison, figures.backlog, (moment) => moment.backlog, 'lower'),
    },
    {
      ...plain,
      id: 'overdue',
      label: 'kpi.overdue',
      value: formatCount(figures.overdue),
      detail: {
        key: 'kpi.overdueDetail',
        params: {
          share: formatShare(overdueShare(figures)),
          count: formatCount(figures.lateWithoutApology),
        },
      },
      changes: changes(comparison, figures.overdue, (moment) => moment.overdue, 'lower'),
      alert: figures.overdue > 0,
    },
    {
      ...plain,
      id: 'dueSoon',
      label: 'kpi.dueSoon',
      value: formatCount(figures.dueWithinOneWorkingDay),
      detail: { key: 'kpi.dueSoonDetail', params: {} },
    },
    {
      ...plain,
      id: 'receivedToday',
      label: 'kpi.receivedToday',
      value: formatCount(figures.receivedToday),
      detail: { key: 'kpi.onlineShare', params: { share: formatShare(figures.onlineShareToday) } },
      changes: changes(comparison, figures.receivedToday, (moment) => moment.receivedSoFar, 'neither'),
    },
    {
      ...plain,
      id: 'resolvedToday',
      label: 'kpi.resolvedToday',
      value: formatCount(figures.resolvedToday),
      detail: { key: 'kpi.onTimeToday', params: { share: formatShare(figures.onTimeRateToday) } },
      changes: changes(comparison, figures.resolvedToday, (moment) => moment.resolvedSoFar, 'higher'),
    },
    {
      ...plain,
      id: 'onTimeRate30d',
      label: 'kpi.onTimeRate30d',
      value: formatShare(figures.onTimeRate30d),
      detail: { key: 'kpi.onTimeDetail', params: { count: formatCount(figures.resolved30d) } },
    },
    {
      ...plain,
      id: 'rating',
      label: 'kpi.rating',
      value: formatRating(figures.ratingAverage30d),
      unit: figures.ratingAverage30d === null ? null : 'kpi.ratingOutOf',
      detail: {
        key: 'kpi.ratingDetail',
        params: { count: formatCount(figures.ratings30d), low: formatShare(figures.lowRatingShare30d) },
      },
    },
  ];
}
