import type { Unit } from '@ioc/shared';
import type { UnitLiveMetrics } from '../../live/unitMetrics';
import { formatCount } from '../../format/figures';
import { formatVietnamDayTime } from '../../format/vietnamTime';
import type { Translate } from '../../i18n/messages';
import { compareUnitNames, shortUnitName } from '../../units/unitName';

/** The three provinces merged into Lam Dong on 1 July 2025, the seat's province first. */
export const FORMER_PROVINCE_ORDER: readonly string[] = ['Lâm Đồng', 'Bình Thuận', 'Đắk Nông'];

/**
 * 'no-data': the unit never sent an event, which must not look like a unit with nothing to do.
 * 'silent': it did send events, but nothing for a working stretch of office hours, so its figures
 * (still shown, overdue in red included) may be stale; it wins over 'overdue' for the tile's look.
 */
export type UnitTileState = 'overdue' | 'normal' | 'silent' | 'no-data';

export interface UnitTileView {
  code: string;
  name: string;
  shortName: string;
  state: UnitTileState;
  /** vi-VN formatted backlog; null when the unit has no data. */
  backlog: string | null;
  /** vi-VN formatted overdue count; null when nothing is overdue. */
  overdue: string | null;
  /** Vietnam time of a silent unit's last event ("14:05 23/11"); null for any other state. */
  lastEvent: string | null;
}

export interface UnitGroupView {
  formerProvince: string;
  tiles: UnitTileView[];
  /** Tile columns of this group; the groups stand side by side and share the wall's width. */
  columns: number;
}

export interface UnitGridView {
  groups: UnitGroupView[];
  noDataCount: number;
  silentCount: number;
  total: number;
}

function tileState(live: UnitLiveMetrics): UnitTileState {
  if (live.silent) return 'silent';
  return live.overdue > 0 ? 'overdue' : 'normal';
}

function toTile(unit: Unit, live: UnitLiveMetrics | undefined): UnitTileView {
  const base = { code: unit.code, name: unit.name, shortName: shortUnitName(unit.name) };
  if (!live || live.lastEventAt === null)
    return { ...base, state: 'no-data', backlog: null, overdue: null, lastEvent: null };
  const state = tileState(live);
  return {
    ...base,
    state,
    backlog: formatCount(live.backlog),
    overdue: live.overdue > 0 ? formatCount(live.overdue) : null,
    lastEvent: state === 'silent' ? formatVietnamDayTime(Date.parse(live.lastEventAt)) : null,
  };
}

/** The tile's hover text: its full name, and for a silent unit when it last sent an event. */
export function tileTitle(tile: UnitTileView, t: Translate): string {
  return tile.lastEvent === null
    ? tile.name
    : `${tile.name}\n${t('grid.lastEvent', { time: tile.lastEvent })}`;
}

const provinceRank = (province: string): number => {
  const index = FORMER_PROVINCE_ORDER.indexOf(province);
  return index === -1 ? FORMER_PROVINCE_ORDER.length : index;
};

/**
 * Shares `totalColumns` between groups in proportion to their tile counts (largest remainder,
 * at least one each), so side-by-side groups end at about the same row and all 124 tiles fit the screen.
 */
export function shareColumns(tileCounts: readonly number[], totalColumns: number): number[] {
  const budget = Math.max(totalColumns, tileCounts.length);
  const totalTiles = tileCounts.reduce((sum, count) => sum + count, 0);
  if (totalTiles === 0) return tileCounts.map(() => 1);
  const spare = budget - tileCounts.length;
  const exact = tileCounts.map((count) => (count / totalTiles) * spare);
  const columns = exact.map((share) => 1 + Math.floor(share));
  let left = budget - columns.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    columns[index] = (columns[index] ?? 0) + 1;
    left -= 1;
  }
  return columns;
}

/**
 * Tiles grouped by former province and sorted by name, so each unit keeps its place on the wall
 * and people find theirs where they left it.
 */
export function prepareUnitGrid(
  units: readonly Unit[],
  metrics: ReadonlyMap<string, UnitLiveMetrics>,
  totalColumns: number,
): UnitGridView {
  const byProvince = new Map<string, Unit[]>();
  for (const unit of units) {
    const group = byProvince.get(unit.formerProvince) ?? [];
    group.push(unit);
    byProvince.set(unit.formerProvince, group);
  }
  const provinces = [...byProvince.entries()].sort(
    ([a], [b]) => provinceRank(a) - provinceRank(b) || compareUnitNames(a, b),
  );
  const columns = shareColumns(
    provinces.map(([, members]) => members.length),
    totalColumns,
  );
  const groups = provinces.map(([formerProvince, members], index) => ({
    formerProvince,
    tiles: members
      .map((unit) => toTile(unit, metrics.get(unit.code)))
      .sort((a, b) => compareUnitNames(a.shortName, b.shortName)),
    columns: columns[index] ?? 1,
  }));
  const tiles = groups.flatMap((group) => group.tiles);
  const countOf = (state: UnitTileState): number => tiles.filter((tile) => tile.state === state).length;
  return { groups, noDataCount: countOf('no-data'), silentCount: countOf('silent'), total: units.length };
}
