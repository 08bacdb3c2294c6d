import type { LiveFigures } from '@ioc/shared';
import { formatCount, formatRating, formatShare } from '../../format/figures';
import type { MessageKey, MessageParams } from '../../i18n/messages';

export type KpiTileId =
  'backlog' | 'overdue' | 'dueSoon' | 'receivedToday' | 'resolvedToday' | 'onTimeRate30d' | 'rating';

export interface KpiTileView {
  id: KpiTileId;
  label: MessageKey;
  /** Already formatted (vi-VN); figures do not change with the wall's language. */
  value: string;
  /** Written after the value, smaller (e.g. "/ 5"). */
  unit: MessageKey | null;
  detail: { key: MessageKey; params: MessageParams } | null;
  /** Red accent: something needs a leader's attention. */
  alert: boolean;
}

/** The province's headline figures, straight from its live entry (the server sums the units). */
export function prepareKpiTiles(province: LiveFigures): KpiTileView[] {
  const plain = { unit: null, detail: null, alert: false };
  return [
    {
      ...plain,
      id: 'backlog',
      label: 'kpi.backlog',
      value: formatCount(province.backlog),
      detail: { key: 'kpi.pausedDetail', params: { count: formatCount(province.paused) } },
    },
    {
      ...plain,
      id: 'overdue',
      label: 'kpi.overdue',
      value: formatCount(province.overdue),
      detail: { key: 'kpi.lateWithoutApology', params: { count: formatCount(province.lateWithoutApology) } },
      alert: province.overdue > 0,
    },
    {
      ...plain,
      id: 'dueSoon',
      label: 'kpi.dueSoon',
      value: formatCount(province.dueWithinOneWorkingDay),
      detail: { key: 'kpi.dueSoonDetail', params: {} },
    },
    {
      ...plain,
      id: 'receivedToday',
      label: 'kpi.receivedToday',
      value: formatCount(province.receivedToday),
      detail: { key: 'kpi.onlineShare', params: { share: formatShare(province.onlineShareToday) } },
    },
    {
      ...plain,
      id: 'resolvedToday',
      label: 'kpi.resolvedToday',
      value: formatCount(province.resolvedToday),
      detail: { key: 'kpi.onTimeToday', params: { share: formatShare(province.onTimeRateToday) } },
    },
    {
      ...plain,
      id: 'onTimeRate30d',
      label: 'kpi.onTimeRate30d',
      value: formatShare(province.onTimeRate30d),
      detail: { key: 'kpi.onTimeDetail', params: { count: formatCount(province.resolved30d) } },
    },
    {
      ...plain,
      id: 'rating',
      label: 'kpi.rating',
      value: formatRating(province.ratingAverage30d),
      unit: province.ratingAverage30d === null ? null : 'kpi.ratingOutOf',
      detail: {
        key: 'kpi.ratingDetail',
        params: { count: formatCount(province.ratings30d), low: formatShare(province.lowRatingShare30d) },
      },
    },
  ];
}
