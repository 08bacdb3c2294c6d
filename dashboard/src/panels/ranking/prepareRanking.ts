import {
  SERVICE_INDEX_GROUP_IDS,
  type Ranking,
  type RankingEntry,
  type ServiceIndexGroupId,
} from '@ioc/shared';
import { formatCount, MISSING_FIGURE } from '../../format/figures';

/** How many units the top and the bottom lists show: readable from across the room. */
export const RANKING_LIST_LENGTH = 10;
const POINTS_LOCALE = 'vi-VN';

export type RankChange = 'up' | 'down' | 'same' | 'new';

export interface RankingRowView {
  unitCode: string;
  name: string;
  rank: string;
  change: RankChange;
  /** Places gained (positive) or lost since the previous period; null when not ranked then. */
  changeBy: number | null;
  /** "▲3", "▼2", "=" or "·" (not ranked in the previous period). */
  changeLabel: string;
  total: string;
  /** Points per group, in `SERVICE_INDEX_GROUP_IDS` order. */
  groups: string[];
  dossiers: string;
}

export interface RankingAreaView {
  name: string;
  isProvince: boolean;
  total: string;
  groups: string[];
}

export interface RankingView {
  period: string;
  groups: { id: ServiceIndexGroupId; maxPoints: string }[];
  areas: RankingAreaView[];
  top: RankingRowView[];
  bottom: RankingRowView[];
  ranked: number;
  lowVolume: number;
  withoutDossiers: number;
  minDossiers: number;
}

/** Points with one decimal, the Vietnamese way (87,5). */
export function formatPoints(points: number | null): string {
  if (points === null) return MISSING_FIGURE;
  return points.toLocaleString(POINTS_LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function groupPoints(groups: readonly { id: string; points: number }[]): string[] {
  return SERVICE_INDEX_GROUP_IDS.map((id) => {
    const group = groups.find((g) => g.id === id);
    return group ? formatPoints(group.points) : MISSING_FIGURE;
  });
}

function changeLabelOf(rankChange: number | null): string {
  if (rankChange === null) return '·';
  if (rankChange === 0) return '=';
  return rankChange > 0 ? `▲${rankChange}` : `▼${-rankChange}`;
}

function row(entry: RankingEntry): RankingRowView {
  const change: RankChange =
    entry.rankChange === null ? 'new' : entry.rankChange > 0 ? 'up' : entry.rankChange < 0 ? 'down' : 'same';
  return {
    unitCode: entry.unitCode,
    name: entry.unitName,
    rank: entry.rank === null ? MISSING_FIGURE : String(entry.rank),
    change,
    changeBy: entry.rankChange,
    changeLabel: changeLabelOf(entry.rankChange),
    total: formatPoints(entry.total),
    groups: groupPoints(entry.groups),
    dossiers: formatCount(entry.dossiers),
  };
}

/**
 * The ranking screen: the province and former provinces, the first and the last ranked units.
 * Low-volume units are never in either list (they are not ranked), only counted.
 */
export function prepareRanking(ranking: Ranking, length = RANKING_LIST_LENGTH): RankingView {
  const ranked = ranking.units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const top = ranked.slice(0, length);
  const bottom = ranked.slice(Math.max(length, ranked.length - length));
  const maxPoints = ranking.province.score.groups;
  return {
    period: ranking.period.label,
    groups: SERVICE_INDEX_GROUP_IDS.map((id) => ({
      id,
      maxPoints: formatPoints(maxPoints.find((g) => g.id === id)?.maxPoints ?? null),
    })),
    areas: [ranking.province, ...ranking.formerProvinces].map((area) => ({
      name: area.name,
      isProvince: area.scope === 'province',
      total: formatPoints(area.score.total),
      groups: groupPoints(area.score.groups),
    })),
    top: top.map(row),
    bottom: bottom.map(row),
    ranked: ranked.length,
    lowVolume: ranking.units.filter((u) => u.lowVolume).length,
    withoutDossiers: ranking.units.filter((u) => u.total === null).length,
    minDossiers: ranking.minDossiers,
  };
}
