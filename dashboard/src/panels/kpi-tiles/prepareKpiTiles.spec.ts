import { describe, expect, it } from '@jest/globals';
import { buildMetrics } from '../../testing/builders';
import { prepareKpiTiles, type KpiTileId, type KpiTileView } from './prepareKpiTiles';

const tile = (tiles: KpiTileView[], id: KpiTileId): KpiTileView => {
  const found = tiles.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ${id} tile`);
  return found;
};

describe('prepareKpiTiles', () => {
  it('shows the five province figures in the wall order', () => {
    expect(prepareKpiTiles([]).map((view) => view.id)).toEqual([
      'backlog',
      'overdue',
      'receivedToday',
      'resolvedToday',
      'rating',
    ]);
  });

  it('sums the units and writes the figures the Vietnamese way', () => {
    const tiles = prepareKpiTiles([
      buildMetrics({ unitCode: '22918', backlog: 1200, overdue: 3, receivedToday: 40, resolvedToday: 35 }),
      buildMetrics({ unitCode: '22924', backlog: 34, overdue: 0, receivedToday: 2, resolvedToday: 1 }),
    ]);
    expect(tile(tiles, 'backlog').value).toBe('1.234');
    expect(tile(tiles, 'overdue').value).toBe('3');
    expect(tile(tiles, 'receivedToday').value).toBe('42');
    expect(tile(tiles, 'resolvedToday').value).toBe('36');
  });

  it('puts the red accent on overdue only when something is overdue', () => {
    const late = prepareKpiTiles([buildMetrics({ unitCode: '22918', backlog: 5, overdue: 1 })]);
    const onTime = prepareKpiTiles([buildMetrics({ unitCode: '22918', backlog: 5, overdue: 0 })]);
    expect(tile(late, 'overdue').alert).toBe(true);
    expect(tile(onTime, 'overdue').alert).toBe(false);
    expect(late.filter((view) => view.alert).map((view) => view.id)).toEqual(['overdue']);
  });

  it('shows the rating weighted by the number of ratings, with one decimal and its count', () => {
    const tiles = prepareKpiTiles([
      buildMetrics({ unitCode: '22918', ratingAverage30d: 5, ratingCount30d: 3 }),
      buildMetrics({ unitCode: '22924', ratingAverage30d: 3, ratingCount30d: 1 }),
      buildMetrics({ unitCode: '22933', ratingAverage30d: null, ratingCount30d: 0 }),
    ]);
    const rating = tile(tiles, 'rating');
    expect(rating.value).toBe('4,5');
    expect(rating.unit).toBe('kpi.ratingOutOf');
    expect(rating.detail).toEqual({ key: 'kpi.ratingCount', params: { count: '4' } });
  });

  it('shows a dash, not a score, when nobody rated', () => {
    const rating = tile(prepareKpiTiles([buildMetrics({ unitCode: '22918' })]), 'rating');
    expect(rating.value).toBe('—');
    expect(rating.unit).toBeNull();
    expect(rating.detail?.params).toEqual({ count: '0' });
  });
});
