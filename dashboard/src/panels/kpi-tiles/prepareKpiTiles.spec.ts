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
    expect(prepareKpiTiles(buildFigures(), null).map((view) => view.id)).toEqual([
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
      null,
    );
    expect(tile(tiles, 'backlog')).toMatchObject({ value: '1.234', detail: { params: { count: '56' } } });
    expect(tile(tiles, 'overdue')).toMatchObject({
      value: '3',
      detail: { params: { count: '2', share: '0%' } },
    });
    expect(tile(tiles, 'receivedToday')).toMatchObject({ value: '42', detail: { params: { share: '38%' } } });
    expect(tile(tiles, 'resolvedToday')).toMatchObject({ value: '36', detail: { params: { share: '97%' } } });
    expect(tile(tiles, 'onTimeRate30d')).toMatchObject({
      value: '93%',
      detail: { params: { count: '122.384' } },
    });
  });

  it('puts the red accent on overdue only when something is overdue', () => {
    const late = prepareKpiTiles(buildFigures({ backlog: 5, overdue: 1 }), null);
    const onTime = prepareKpiTiles(buildFigures({ backlog: 5, overdue: 0 }), null);
    expect(tile(late, 'overdue').alert).toBe(true);
    expect(tile(onTime, 'overdue').alert).toBe(false);
    expect(late.filter((view) => view.alert).map((view) => view.id)).toEqual(['overdue']);
  });

  it('shows the rating with one decimal, its count and the share of low ratings', () => {
    const rating = tile(
      prepareKpiTiles(buildFigures({ ratingAverage30d: 4.5, ratings30d: 4, lowRatingShare30d: 0.25 }), null),
      'rating',
    );
    expect(rating.value).toBe('4,5');
    expect(rating.unit).toBe('kpi.ratingOutOf');
    expect(rating.detail).toEqual({ key: 'kpi.ratingDetail', params: { count: '4', low: '25%' } });
  });

  it('shows a dash, not a score or 0 %, when there is nothing to divide', () => {
    const tiles = prepareKpiTiles(buildFigures(), null);
    expect(tile(tiles, 'rating').value).toBe('—');
    expect(tile(tiles, 'rating').unit).toBeNull();
    expect(tile(tiles, 'onTimeRate30d').value).toBe('—');
    expect(tile(tiles, 'receivedToday').detail?.params).toEqual({ share: '—' });
  });

  describe('the change since yesterday and since last week, at the same time of day', () => {
    const comparison = {
      unitCode: null,
      at: '2026-11-23T03:00:00.000Z',
      yesterday: {
        at: '',
        backlog: 120,
        overdue: 10,
        receivedSoFar: 40,
        resolvedSoFar: 30,
        resolvedInTimeSoFar: 28,
      },
      lastWeek: {
        at: '',
        backlog: null,
        overdue: null,
        receivedSoFar: 50,
        resolvedSoFar: 36,
        resolvedInTimeSoFar: 30,
      },
    };
    const tiles = prepareKpiTiles(
      buildFigures({ backlog: 100, overdue: 12, receivedToday: 50, resolvedToday: 33 }),
      comparison,
    );

    it('says which way each figure moved, and whether that is good news', () => {
      expect(tile(tiles, 'backlog').changes).toEqual([
        { versus: 'yesterday', delta: '−20', tone: 'better', direction: 'down' },
      ]);
      expect(tile(tiles, 'overdue').changes[0]).toEqual({
        versus: 'yesterday',
        delta: '+2',
        tone: 'worse',
        direction: 'up',
      });
      expect(tile(tiles, 'resolvedToday').changes.map((change) => [change.delta, change.tone])).toEqual([
        ['+3', 'better'],
        ['−3', 'worse'],
      ]);
    });

    it('calls more filings neither good nor bad, and no change flat', () => {
      expect(tile(tiles, 'receivedToday').changes).toEqual([
        { versus: 'yesterday', delta: '+10', tone: 'neutral', direction: 'up' },
        { versus: 'lastWeek', delta: '±0', tone: 'neutral', direction: 'flat' },
      ]);
    });

    it('shows no change where there was no sample to compare with, and none without a comparison', () => {
      expect(tile(tiles, 'backlog').changes.map((change) => change.versus)).toEqual(['yesterday']);
      expect(prepareKpiTiles(buildFigures(), null).every((view) => view.changes.length === 0)).toBe(true);
    });
  });
});
