import {
  SERVICE_INDEX_GROUP_IDS,
  type Ranking,
  type RankingEntry,
  type ServiceIndexGroupId,
} from '@ioc/shared';
import { formatCount, MISSING_FIGURE } from '../../format/figures';
import { shortUnitName } from '../../units/unitName';

const POINTS_LOCALE = 'vi-VN';

export type RankChange = 'up' | 'down' | 'same' | 'new';

export interface RankingRowView {
  unitCode: string;
  name: string;
  /** Without "Phường"/"Xã": the name whole in its column. */
  shortName: string;
  /** The rank, or a dash for a unit not ranked (low volume, or no dossiers). */
  rank: string;
  change: RankChange;
  /** Places gained (positive) or lost since the previous period; null when not ranked then. */
  changeBy: number | null;
  /** "▲3", "▼2", "=" or "·" (not ranked in the previous period). */
  changeLabel: string;
  /** Points, or a dash when there is nothing to score (no dossier in the period): no data is not zero. */
  total: string;
  /** Points per group, in `SERVICE_INDEX_GROUP_IDS` order; dashes when there is nothing to score. */
  groups: string[];
  dossiers: string;
  /** Fewer dossiers than the minimum: scored, not ranked. */
  lowVolume: boolean;
  /** No dossier in the period. */
  noDossiers: boolean;
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
  /** This page's units, in the ranking's order, split into the screen's columns. */
  columns: RankingRowView[][];
  page: number;
  pages: number;
  /** 1-based positions of the page's first and last units in the whole list. */
  first: number;
  last: number;
  units: number;
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

/** A score's group points; all dashes when the score has no total (nothing was scored). */
function groupPoints(total: number | null, groups: readonly { id: string; points: number }[]): string[] {
  return SERVICE_INDEX_GROUP_IDS.map((id) => {
    const group = groups.find((g) => g.id === id);
    return total === null || !group ? MISSING_FIGURE : formatPoints(group.points);
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
    shortName: shortUnitName(entry.unitName),
    rank: entry.rank === null ? MISSING_FIGURE : String(entry.rank),
    change,
    changeBy: entry.rankChange,
    changeLabel: entry.rank === null ? '' : changeLabelOf(entry.rankChange),
    total: formatPoints(entry.total),
    groups: groupPoints(entry.total, entry.groups),
    dossiers: formatCount(entry.dossiers),
    lowVolume: entry.lowVolume,
    noDossiers: entry.total === null,
  };
}

/** Ranked units by rank, then low-volume units, then units without dossiers (by name): every unit listed. */
function orderedUnits(units: readonly RankingEntry[]): RankingEntry[] {
  const tier = (entry: RankingEntry) => (entry.rank !== null ? 0 : entry.total !== null ? 1 : 2);
  return [...units].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.rank ?? 0) - (b.rank ?? 0) ||
      (b.total ?? 0) - (a.total ?? 0) ||
      a.unitName.localeCompare(b.unitName, 'vi'),
  );
}

/**
 * The ranking screen: the province and former provinces, then one page of every unit in ranking
 * order (low-volume and dossier-less units last, marked, never ranked), in `columnCount` columns.
 */
export function prepareRanking(
  ranking: Ranking,
  page: number,
  pageSize: number,
  columnCount: number,
): RankingView {
  const all = orderedUnits(ranking.units);
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * pageSize;
  const rows = all.slice(start, start + pageSize).map(row);
  const perColumn = Math.ceil(pageSize / columnCount);
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
      groups: groupPoints(area.score.total, area.score.groups),
    })),
    columns: Array.from({ length: columnCount }, (_, index) =>
      rows.slice(index * perColumn, (index + 1) * perColumn),
    ).filter((column) => column.length > 0),
    page: current,
    pages,
    first: rows.length === 0 ? 0 : start + 1,
    last: start + rows.length,
    units: all.length,
    ranked: all.filter((u) => u.rank !== null).length,
    lowVolume: all.filter((u) => u.lowVolume).length,
    withoutDossiers: all.filter((u) => u.total === null).length,
    minDossiers: ranking.minDossiers,
  };
}
