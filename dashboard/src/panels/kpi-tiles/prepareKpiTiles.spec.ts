import { describe, expect, it } from '@jest/globals';
import { buildFigures } from '../../testing/builders';
import { prepareKpiTiles, type KpiTileId, type KpiTileView } from './prepareKpiTiles';

const tile = (tiles: KpiTileView[], id: KpiTileId): KpiTileView => {
  const found = tiles.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ${id} tile`);
  return found;
};

describe('prepareKpiTiles', () => {
  it('shows the province figures in the wall order', () => {
    expect(prepareKpiTiles(buildFigures()).map((view) => view.id)).toEqual([
      'backlog',
      'overdue',
      'dueSoon',
      'receivedToday',
      'resolvedToday',
      'onTimeRate30d',
      'rating',
    ]);
  });

  it('writes the figures the Vietnamese way, with the detail that explains each', () => {
    const tiles = prepareKpiTiles(
      buildFigures({
        backlog: 1234,
        paused: 56,
        overdue: 3,
        lateWithoutApology: 2,
        receivedToday: 42,
        onlineShareToday: 0.381,
        resolvedToday: 36,
        onTimeRateToday: 0.9722,
        onTimeRate30d: 0.9337,
        resolved30d: 122384,
      }),
    );
    expect(tile(tiles, 'backlog')).toMatchObject({ value: '1.234', detail: { params: { count: '56' } } });
    expect(tile(tiles, 'overdue')).toMatchObject({ value: '3', detail: { params: { count: '2' } } });
    expect(tile(tiles, 'receivedToday')).toMatchObject({ value: '42', detail: { params: { share: '38%' } } });
    expect(tile(tiles, 'resolvedToday')).toMatchObject({ value: '36', detail: { params: { share: '97%' } } });
    expect(tile(tiles, 'onTimeRate30d')).toMatchObject({
      value: '93%',
      detail: { params: { count: '122.384' } },
    });
  });

  it('puts the red accent on overdue only when something is overdue', () => {
    const late = prepareKpiTiles(buildFigures({ backlog: 5, overdue: 1 }));
    const onTime = prepareKpiTiles(buildFigures({ backlog: 5, overdue: 0 }));
    expect(tile(late, 'overdue').alert).toBe(true);
    expect(tile(onTime, 'overdue').alert).toBe(false);
    expect(late.filter((view) => view.alert).map((view) => view.id)).toEqual(['overdue']);
  });

  it('shows the rating with one decimal, its count and the share of low ratings', () => {
    const rating = tile(
      prepareKpiTiles(buildFigures({ ratingAverage30d: 4.5, ratings30d: 4, lowRatingShare30d: 0.25 })),
      'rating',
    );
    expect(rating.value).toBe('4,5');
    expect(rating.unit).toBe('kpi.ratingOutOf');
    expect(rating.detail).toEqual({ key: 'kpi.ratingDetail', params: { count: '4', low: '25%' } });
  });

  it('shows a dash, not a score or 0 %, when there is nothing to divide', () => {
    const tiles = prepareKpiTiles(buildFigures());
    expect(tile(tiles, 'rating').value).toBe('—');
    expect(tile(tiles, 'rating').unit).toBeNull();
    expect(tile(tiles, 'onTimeRate30d').value).toBe('—');
    expect(tile(tiles, 'receivedToday').detail?.params).toEqual({ share: '—' });
  });
});
