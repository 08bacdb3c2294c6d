import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../i18n/messages';
import { buildMetrics, buildUnit, metricsByCode } from '../../testing/builders';
import { prepareUnitGrid, shareColumns, tileTitle, type UnitTileView } from './prepareUnitGrid';

const units = [
  buildUnit({ code: '22918', name: 'Phường Mũi Né', formerProvince: 'Bình Thuận' }),
  buildUnit({ code: '24778', name: 'Phường Xuân Hương - Đà Lạt', formerProvince: 'Lâm Đồng' }),
  buildUnit({ code: '24779', name: 'Xã Đạ Huoai', formerProvince: 'Lâm Đồng' }),
  buildUnit({ code: '24780', name: 'Xã Bảo Thuận', formerProvince: 'Lâm Đồng' }),
  buildUnit({ code: '24781', name: 'Xã Di Linh', formerProvince: 'Lâm Đồng' }),
  buildUnit({ code: '24611', name: 'Phường Bắc Gia Nghĩa', formerProvince: 'Đắk Nông' }),
];

describe('prepareUnitGrid', () => {
  it('groups the units by former province, Lâm Đồng first', () => {
    const view = prepareUnitGrid(units, new Map(), 12);
    expect(view.groups.map((group) => group.formerProvince)).toEqual(['Lâm Đồng', 'Bình Thuận', 'Đắk Nông']);
  });

  it('keeps each unit in a fixed place: Vietnamese alphabetical order of the short name', () => {
    const lamDong = prepareUnitGrid(units, new Map(), 12).groups[0];
    expect(lamDong?.tiles.map((tile) => tile.shortName)).toEqual([
      'Bảo Thuận',
      'Di Linh',
      'Đạ Huoai',
      'Xuân Hương - Đà Lạt',
    ]);
  });

  it('writes the backlog as a vi-VN integer and the overdue count only when there is one', () => {
    const view = prepareUnitGrid(
      units,
      metricsByCode(
        buildMetrics({ unitCode: '22918', backlog: 1234, overdue: 2 }),
        buildMetrics({ unitCode: '24611', backlog: 8, overdue: 0 }),
      ),
      12,
    );
    const tiles = view.groups.flatMap((group) => group.tiles);
    expect(tiles.find((tile) => tile.code === '22918')).toMatchObject({
      state: 'normal',
      backlog: '1.234',
      overdue: '2',
      overdueShare: '0%',
    });
    expect(tiles.find((tile) => tile.code === '24611')).toMatchObject({
      state: 'normal',
      backlog: '8',
      overdue: null,
      overdueShare: null,
    });
  });

  it('colours a tile by its share of open work overdue, on fixed bands, not by "any overdue"', () => {
    const view = prepareUnitGrid(
      units,
      metricsByCode(
        buildMetrics({ unitCode: '22918', backlog: 1000, overdue: 1 }),
        buildMetrics({ unitCode: '24778', backlog: 100, overdue: 3 }),
        buildMetrics({ unitCode: '24779', backlog: 100, overdue: 7 }),
        buildMetrics({ unitCode: '24780', backlog: 100, overdue: 15 }),
        buildMetrics({ unitCode: '24781', backlog: 10, overdue: 5 }),
        buildMetrics({ unitCode: '24611', backlog: 0, overdue: 0 }),
      ),
      12,
    );
    const band = (code: string) =>
      view.groups.flatMap((group) => group.tiles).find((tile) => tile.code === code)?.band;
    // 0.1 %, 3 %, 7 %, 15 %, 50 %: five units, five colours; one overdue dossier of 1,000 stays calm.
    expect(['22918', '24778', '24779', '24780', '24781'].map(band)).toEqual([0, 1, 2, 3, 4]);
    // Nothing open: no share to grade, which is neither calm nor alarming.
    expect(band('24611')).toBeNull();
  });

  it('shows "no data" for a unit that never sent an event, and zero for a unit with nothing open', () => {
    const view = prepareUnitGrid(
      units,
      metricsByCode(
        buildMetrics({ unitCode: '22918', backlog: 0, lastEventAt: '2025-09-15T01:00:00.000Z' }),
        buildMetrics({ unitCode: '24611', backlog: 0, lastEventAt: null }),
      ),
      12,
    );
    const tiles = view.groups.flatMap((group) => group.tiles);
    expect(tiles.find((tile) => tile.code === '22918')).toMatchObject({ state: 'normal', backlog: '0' });
    expect(tiles.find((tile) => tile.code === '24611')).toMatchObject({ state: 'no-data', backlog: null });
    // Units missing from the stream have no data either.
    expect(tiles.find((tile) => tile.code === '24778')).toMatchObject({ state: 'no-data', backlog: null });
    expect(view).toMatchObject({ noDataCount: 5, silentCount: 0, total: 6 });
  });

  describe('a silent unit (sent events before, nothing for a while in office hours)', () => {
    const view = prepareUnitGrid(
      units,
      metricsByCode(
        // 07:05 UTC = 14:05 in Vietnam.
        buildMetrics({
          unitCode: '22918',
          backlog: 1234,
          lastEventAt: '2025-11-23T07:05:00.000Z',
          silent: true,
        }),
        buildMetrics({
          unitCode: '24779',
          backlog: 9,
          overdue: 4,
          lastEventAt: '2025-11-23T07:05:00.000Z',
          silent: true,
        }),
        buildMetrics({
          unitCode: '24780',
          backlog: 0,
          lastEventAt: '2025-11-23T08:00:00.000Z',
          silent: false,
        }),
        buildMetrics({ unitCode: '24781', backlog: 3, overdue: 1, silent: false }),
        // Never sent anything: "no data" even if the stream ever flagged it silent.
        buildMetrics({ unitCode: '24611', lastEventAt: null, silent: true }),
      ),
      12,
    );
    const tiles = view.groups.flatMap((group) => group.tiles);
    const tileOf = (code: string): UnitTileView | undefined => tiles.find((tile) => tile.code === code);

    it('keeps its figure but gets its own state, with the time of its last event', () => {
      expect(tileOf('22918')).toEqual({
        code: '22918',
        name: 'Phường Mũi Né',
        shortName: 'Mũi Né',
        state: 'silent',
        band: 0,
        backlog: '1.234',
        overdue: null,
        overdueShare: null,
        lastEvent: '14:05 23/11',
      });
    });

    it('still looks silent when it also has overdue dossiers, but keeps the overdue figure', () => {
      expect(tileOf('24779')).toMatchObject({ state: 'silent', backlog: '9', overdue: '4', band: 4 });
    });

    it('is told apart from "no data", from zero and from overdue', () => {
      expect(tileOf('24611')).toMatchObject({ state: 'no-data', backlog: null, lastEvent: null });
      expect(tileOf('24780')).toMatchObject({ state: 'normal', backlog: '0', lastEvent: null });
      expect(tileOf('24781')).toMatchObject({ state: 'normal', overdue: '1', lastEvent: null });
    });

    it('is counted apart from the units with no data', () => {
      // 24611 sent nothing, 24778 is missing from the stream.
      expect(view).toMatchObject({ noDataCount: 2, silentCount: 2, total: 6 });
    });

    it('says in the hover text when it last sent an event, in the wall language', () => {
      const silent = tileOf('22918');
      const normal = tileOf('24780');
      if (!silent || !normal) throw new Error('expected both tiles');
      expect(tileTitle(silent, createTranslator('vi'))).toBe('Phường Mũi Né\nSự kiện cuối: 14:05 23/11');
      expect(tileTitle(silent, createTranslator('en'))).toBe('Phường Mũi Né\nLast event: 14:05 23/11');
      expect(tileTitle(normal, createTranslator('vi'))).toBe('Xã Bảo Thuận');
    });
  });

  it('still shows a unit of an unexpected former province, after the known ones', () => {
    const view = prepareUnitGrid(
      [...units, buildUnit({ code: '99999', formerProvince: 'Khác' })],
      new Map(),
      12,
    );
    expect(view.groups.map((group) => group.formerProvince)).toEqual([
      'Lâm Đồng',
      'Bình Thuận',
      'Đắk Nông',
      'Khác',
    ]);
  });
});

describe('shareColumns', () => {
  it("lays the 124 units out in 10 rows on the wall's 14 columns", () => {
    const columns = shareColumns([51, 45, 28], 14);
    expect(Math.max(...[51, 45, 28].map((count, index) => Math.ceil(count / columns[index]!)))).toBe(10);
  });

  it('gives the former provinces columns in proportion to their units, filling the width', () => {
    // Lâm Đồng 51, Bình Thuận 45, Đắk Nông 28 units: all three groups end within a row of each other.
    const columns = shareColumns([51, 45, 28], 12);
    expect(columns).toEqual([5, 4, 3]);
    const rows = [51, 45, 28].map((count, index) => Math.ceil(count / (columns[index] ?? 1)));
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(2);
  });

  it('always gives a group at least one column', () => {
    expect(shareColumns([120, 1, 3], 3)).toEqual([1, 1, 1]);
    expect(shareColumns([0, 0], 6)).toEqual([1, 1]);
  });
});
