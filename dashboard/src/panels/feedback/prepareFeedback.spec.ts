import { describe, expect, it } from '@jest/globals';
import { buildFigures, buildUnit } from '../../testing/builders';
import { prepareFeedback } from './prepareFeedback';

const units = new Map([['24781', buildUnit({ code: '24781', name: 'Phường Xuân Hương - Đà Lạt' })]]);

describe('prepareFeedback', () => {
  it('draws the share of each level, today and over 30 days, 5 stars first', () => {
    const view = prepareFeedback(
      buildFigures({
        ratingsToday: 4,
        ratedFiveToday: 2,
        ratedFourToday: 1,
        ratedOneToday: 1,
        ratings30d: 10,
        ratedFive30d: 5,
        ratedThree30d: 3,
        ratedTwo30d: 2,
      }),
      [],
      units,
    );
    expect(view.levels.map((level) => level.level)).toEqual([5, 4, 3, 2, 1]);
    expect(view.levels.map((level) => level.today.share)).toEqual(['50%', '25%', '0%', '0%', '25%']);
    expect(view.levels.map((level) => level.month.count)).toEqual(['5', '0', '3', '2', '0']);
    expect(view.levels[0]!.month.bar).toBeCloseTo(0.5);
  });

  it('shows dashes, not 0 %, for a window nobody rated in', () => {
    const view = prepareFeedback(buildFigures({ ratings30d: 1, ratedFour30d: 1 }), [], units);
    expect(view.levels.map((level) => level.today.share)).toEqual(['—', '—', '—', '—', '—']);
    expect(view.levels.every((level) => level.today.bar === 0)).toBe(true);
  });

  it('lists the latest poor ratings with their unit and words, newest first as sent', () => {
    const rating = (id: string, comment: string | null, unitCode = '24781') => ({
      id,
      unitCode,
      rating: 1,
      comment,
      at: '2026-11-23T07:05:00.000Z',
      dossierCode: null,
      source: 'kiosk',
    });
    const view = prepareFeedback(
      buildFigures(),
      [
        rating('a', 'Chờ quá lâu'),
        rating('b', '   '),
        rating('c', null, '99999'),
        rating('d', 'x'),
        rating('e', 'y'),
      ],
      units,
    );
    expect(view.latestLow.map((low) => [low.unitName, low.comment, low.at])).toEqual([
      ['Xuân Hương - Đà Lạt', 'Chờ quá lâu', '14:05 23/11'],
      ['Xuân Hương - Đà Lạt', null, '14:05 23/11'],
      ['99999', null, '14:05 23/11'],
      ['Xuân Hương - Đà Lạt', 'x', '14:05 23/11'],
    ]);
  });
});
