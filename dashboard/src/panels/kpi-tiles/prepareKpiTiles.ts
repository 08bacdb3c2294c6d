import { summarizeProvince, type UnitLiveMetrics } from '@ioc/shared';
import { formatCount, formatRating } from '../../format/figures';
import type { MessageKey, MessageParams } from '../../i18n/messages';

export type KpiTileId = 'backlog' | 'overdue' | 'receivedToday' | 'resolvedToday' | 'rating';

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

/** The province's headline figures, summed over all units by the shared `summarizeProvince`. */
export function prepareKpiTiles(metrics: Iterable<UnitLiveMetrics>): KpiTileView[] {
  const province = summarizeProvince([...metrics]);
  const plain = { unit: null, detail: null, alert: false };
  return [
    { ...plain, id: 'backlog', label: 'kpi.backlog', value: formatCount(province.backlog) },
    {
      ...plain,
      id: 'overdue',
      label: 'kpi.overdue',
      value: formatCount(province.overdue),
      alert: province.overdue > 0,
    },
    { ...plain, id: 'receivedToday', label: 'kpi.receivedToday', value: formatCount(province.receivedToday) },
    { ...plain, id: 'resolvedToday', label: 'kpi.resolvedToday', value: formatCount(province.resolvedToday) },
    {
      ...plain,
      id: 'rating',
      label: 'kpi.rating',
      value: formatRating(province.ratingAverage30d),
      unit: province.ratingAverage30d === null ? null : 'kpi.ratingOutOf',
      detail: { key: 'kpi.ratingCount', params: { count: formatCount(province.ratingCount30d) } },
    },
  ];
}
