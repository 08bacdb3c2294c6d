import {
  formatDateTime,
  formatPoints,
  formatShare,
  type LostPointDossier,
  type LostPointReason,
  type UnitIndex,
} from '@ioc/shared';
import type { MessageKey } from '../../i18n/messages';

export const LOST_POINT_REASON_KEYS: Record<LostPointReason, MessageKey> = {
  late: 'lost.reason.late',
  'overdue-open': 'lost.reason.overdue-open',
  'supplement-more-than-once': 'lost.reason.supplement-more-than-once',
  'not-synced': 'lost.reason.not-synced',
  'not-filed-online': 'lost.reason.not-filed-online',
  'not-digitized': 'lost.reason.not-digitized',
  'no-e-result': 'lost.reason.no-e-result',
  'not-paid-online': 'lost.reason.not-paid-online',
  'poor-rating': 'lost.reason.poor-rating',
};

/** An indicator of the unit's index as the list beside the dossiers shows it. */
export interface IndicatorChoice {
  id: string;
  name: string;
  group: string;
  /** `7,50 / 10,00` */
  points: string;
  /** The rate the points were given for (`82,0%`); `—` for an indicator without dossiers. */
  rate: string;
  lostPoints: number;
}

/**
 * The unit's indicators that communes are scored on, most points lost first: what a department
 * head reads down to find why the unit fell. (The others cost a commune nothing: no dossier to list.)
 */
export function indicatorChoices(index: UnitIndex, language: 'vi' | 'en'): IndicatorChoice[] {
  return index.score.groups
    .flatMap((group) =>
      group.indicators
        .filter((indicator) => indicator.appliesToCommunes)
        .map((indicator) => ({
          id: indicator.id,
          name: indicator.name[language],
          group: group.name[language],
          points: `${formatPoints(indicator.points)} / ${formatPoints(indicator.maxPoints)}`,
          rate: formatShare(indicator.rate),
          lostPoints: indicator.lostPoints,
        })),
    )
    .sort((a, b) => b.lostPoints - a.lostPoints);
}

export interface LostDossierRow {
  key: string;
  /** Null for a poor rating not tied to a dossier. */
  dossierCode: string | null;
  field: string | null;
  received: string;
  due: string;
  resolved: string;
  reason: MessageKey;
  rating: string;
}

const at = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '');

export function prepareLostDossiers(items: readonly LostPointDossier[], offset: number): LostDossierRow[] {
  return items.map((item, position) => ({
    key: `${offset + position}:${item.dossierCode ?? item.ratedAt ?? ''}`,
    dossierCode: item.dossierCode,
    field: item.field,
    received: at(item.receivedAt),
    due: at(item.dueAt),
    resolved: at(item.resolvedAt),
    reason: LOST_POINT_REASON_KEYS[item.reason],
    rating: item.rating === undefined ? '' : `${item.rating} ★ ${at(item.ratedAt)}`,
  }));
}
