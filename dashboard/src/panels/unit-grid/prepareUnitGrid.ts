import type { Unit } from '@ioc/shared';
import { formatCount, formatShare } from '../../format/figures';
import { formatVietnamDayTime } from '../../format/vietnamTime';
import type { Translate } from '../../i18n/messages';
import { overdueShare, type UnitLiveMetrics } from '../../live/entries';
import { overdueShareBand } from '../../ui/theme';
import { compareFormerProvinces } from '../../units/formerProvinces';
import { compareUnitNames, shortUnitName } from '../../units/unitName';

/**
 * 'no-data': the unit never sent an event, which must not look like a unit with nothing to do.
 * 'silent': it did send events, but nothing for a working stretch of office hours, so its figures
 * (still shown and coloured) may be stale.
 */
export type UnitTileState = 'normal' | 'silent' | 'no-data';

export interface UnitTileView {
  code: string;
  name: string;
  shortName: string;
  state: UnitTileState;
  /** Index into the theme's overdue-share bands; null without data or with nothing open. */
  band: number | null;
  /** vi-VN formatted backlog; null when the unit has no data. */
  backlog: string | null;
  /** vi-VN formatted overdue count; null when nothing is overdue. */
  overdue: string | null;
  /** The overdue share as a percentage; null when nothing is overdue. */
  overdueShare: string | null;
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
  /** Tile rows of the tallest group: every group is drawn with as many, so rows line up. */
  rows: number;
  noDataCount: number;
  silentCount: number;
  total: number;
}

function toTile(unit: Unit, live: UnitLiveMetrics | undefined): UnitTileView {
  const base = { code: unit.code, name: unit.name, shortName: shortUnitName(unit.name) };
  if (!live || live.lastEventAt === null) {
    return {
      ...base,
      state: 'no-data',
      band: null,
      backlog: null,
      overdue: null,
      overdueShare: null,
      lastEvent: null,
    };
  }
  const share = overdueShare(live);
  return {
    ...base,
    state: live.silent ? 'silent' : 'normal',
    band: overdueShareBand(share),
    backlog: formatCount(live.backlog),
    overdue: live.overdue > 0 ? formatCount(live.overdue) : null,
    overdueShare: live.overdue > 0 ? formatShare(share) : null,
    lastEvent: live.silent ? formatVietnamDayTime(Date.parse(live.lastEventAt)) : null,
  };
}

/** The tile's hover text: its full name, and for a silent unit when it last sent an event. */
export function tileTitle(tile: UnitTileView, t: Translate): string {
  return tile.lastEvent === null
    ? tile.name
    : `${tile.name}\n${t('grid.lastEvent', { time: tile.lastEvent })}`;
}

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
 * and people find theirs where they left it; coloured by overdue share on the theme's fixed bands.
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
  const provinces = [...byProvince.entries()].sort(([a], [b]) => compareFormerProvinces(a, b));
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
  return {
    groups,
    rows: Math.max(1, ...groups.map((group) => Math.ceil(group.tiles.length / group.columns))),
    noDataCount: countOf('no-data'),
    silentCount: countOf('silent'),
    total: units.length,
  };
}
