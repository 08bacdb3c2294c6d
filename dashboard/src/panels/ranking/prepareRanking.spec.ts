import { describe, expect, it } from '@jest/globals';
import type { AreaScore, Ranking, RankingEntry } from '@ioc/shared';
import { prepareRanking } from './prepareRanking';

const groups = (points: number) =>
  ['transparency', 'progress', 'online-services', 'digitisation', 'satisfaction', 'online-payment'].map(
    (id) => ({ id, points, maxPoints: 10 }),
  ) as RankingEntry['groups'];

function entry(rank: number | null, overrides: Partial<RankingEntry> = {}): RankingEntry {
  const code = String(20000 + (rank ?? 900));
  return {
    rank,
    previousRank: rank,
    rankChange: rank === null ? null : 0,
    unitCode: code,
    unitName: `Xã ${code}`,
    unitType: 'xã',
    formerProvince: 'Lâm Đồng',
    total: rank === null ? null : 100 - rank,
    groups: groups(5),
    dossiers: 100,
    lowVolume: false,
    ...overrides,
  };
}

const area = (scope: AreaScore['scope'], name: string, total: number): AreaScore =>
  ({ scope, name, score: { total, groups: groups(7.25) } }) as unknown as AreaScore;

function ranking(units: RankingEntry[]): Ranking {
  return {
    period: { kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    previousPeriod: { kind: 'month', label: '2026-10', from: '2026-10-01', to: '2026-10-31' },
    evaluatedAt: '2026-11-23T02:00:00.000Z',
    minDossiers: 30,
    units,
    province: area('province', 'province', 81.84),
    formerProvinces: [area('former-province', 'Lâm Đồng', 81.5)],
  };
}

describe('prepareRanking', () => {
  const ranked = Array.from({ length: 25 }, (_, i) => entry(i + 1));
  const lowVolume = entry(null, { unitCode: '29998', total: 99, dossiers: 3, lowVolume: true });
  const empty = entry(null, { unitCode: '29999', total: null, dossiers: 0 });

  it('lists the first ten and the last ten ranked units, never a low-volume one on top', () => {
    const view = prepareRanking(ranking([lowVolume, ...ranked.slice().reverse(), empty]));
    expect(view.top.map((r) => r.rank)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(view.bottom.map((r) => r.rank)).toEqual([
      '16',
      '17',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
    ]);
    expect([...view.top, ...view.bottom].some((r) => r.unitCode === '29998')).toBe(false);
    expect(view).toMatchObject({
      ranked: 25,
      lowVolume: 1,
      withoutDossiers: 1,
      minDossiers: 30,
      period: '2026-11',
    });
  });

  it('does not repeat a unit in both lists when few are ranked', () => {
    const view = prepareRanking(ranking(ranked.slice(0, 14)));
    expect(view.top).toHaveLength(10);
    expect(view.bottom.map((r) => r.rank)).toEqual(['11', '12', '13', '14']);
  });

  it('writes points the Vietnamese way and says who rose, fell or is new', () => {
    const view = prepareRanking(
      ranking([
        entry(1, { total: 85.24, rankChange: 3 }),
        entry(2, { rankChange: -2 }),
        entry(3, { rankChange: null, previousRank: null }),
      ]),
    );
    expect(view.top.map((r) => [r.total, r.change, r.changeBy])).toEqual([
      ['85,2', 'up', 3],
      ['98,0', 'down', -2],
      ['97,0', 'new', null],
    ]);
    expect(view.top.map((r) => r.changeLabel)).toEqual(['▲3', '▼2', '·']);
    expect(view.top[0]!.groups).toEqual(['5,0', '5,0', '5,0', '5,0', '5,0', '5,0']);
    expect(view.areas[0]).toEqual({
      name: 'province',
      isProvince: true,
      total: '81,8',
      groups: ['7,3', '7,3', '7,3', '7,3', '7,3', '7,3'],
    });
  });
});
