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
  const ranked = Array.from({ length: 70 }, (_, i) => entry(i + 1));
  const lowVolume = entry(null, {
    unitCode: '29998',
    unitName: 'Xã Ít Hồ Sơ',
    total: 99,
    dossiers: 3,
    lowVolume: true,
  });
  const empty = entry(null, {
    unitCode: '29999',
    unitName: 'Xã Trống',
    total: null,
    dossiers: 0,
    groups: groups(0),
  });
  // The API lists units in any order; the screen's order is its own.
  const all = ranking([empty, lowVolume, ...[...ranked].reverse()]);

  it('reaches every unit through its pages: ranked first, then low-volume, then those without dossiers', () => {
    const first = prepareRanking(all, 1, 62, 2);
    const second = prepareRanking(all, 2, 62, 2);
    expect(first).toMatchObject({
      page: 1,
      pages: 2,
      first: 1,
      last: 62,
      units: 72,
      ranked: 70,
      lowVolume: 1,
      withoutDossiers: 1,
    });
    expect(first.columns.map((column) => column.length)).toEqual([31, 31]);
    expect(first.columns[0]![0]!.rank).toBe('1');
    const secondRows = second.columns.flat();
    expect(second).toMatchObject({ first: 63, last: 72 });
    expect(secondRows.map((row) => row.unitCode).slice(-2)).toEqual(['29998', '29999']);
    const seen = [...first.columns.flat(), ...secondRows].map((row) => row.unitCode);
    expect(new Set(seen).size).toBe(72);
  });

  it('keeps a page number in range', () => {
    expect(prepareRanking(all, 9, 62, 2).page).toBe(2);
    expect(prepareRanking(all, 0, 62, 2).page).toBe(1);
  });

  it('marks a low-volume unit, scored but not ranked', () => {
    const row = prepareRanking(all, 2, 62, 2)
      .columns.flat()
      .find((r) => r.unitCode === '29998')!;
    expect(row).toMatchObject({ rank: '—', lowVolume: true, total: '99,0', changeLabel: '' });
  });

  it('shows a dash, not zero, wherever there is nothing to score', () => {
    const row = prepareRanking(all, 2, 62, 2)
      .columns.flat()
      .find((r) => r.unitCode === '29999')!;
    expect(row).toMatchObject({ rank: '—', total: '—', noDossiers: true, dossiers: '0' });
    expect(row.groups).toEqual(['—', '—', '—', '—', '—', '—']);
    const nothing = ranking([empty]);
    nothing.province = {
      scope: 'province',
      name: 'province',
      score: { total: null, groups: groups(0) },
    } as unknown as AreaScore;
    expect(prepareRanking(nothing, 1, 62, 2).areas[0]).toMatchObject({
      total: '—',
      groups: ['—', '—', '—', '—', '—', '—'],
    });
  });

  it('writes points the Vietnamese way and says who rose, fell or is new', () => {
    const view = prepareRanking(
      ranking([
        entry(1, { rankChange: 3, total: 87.46 }),
        entry(2, { rankChange: -2 }),
        entry(3, { rankChange: 0 }),
        entry(4, { rankChange: null, previousRank: null }),
      ]),
      1,
      62,
      2,
    );
    const rows = view.columns.flat();
    expect(rows.map((row) => [row.change, row.changeLabel])).toEqual([
      ['up', '▲3'],
      ['down', '▼2'],
      ['same', '='],
      ['new', '·'],
    ]);
    expect(rows[0]!.total).toBe('87,5');
    expect(view.areas[0]).toMatchObject({ isProvince: true, total: '81,8', groups: Array(6).fill('7,3') });
  });
});
