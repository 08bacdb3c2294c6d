import { describe, expect, it } from '@jest/globals';
import { buildMetrics, buildUnit, metricsByCode } from '../../testing/builders';
import { prepareUnitMap, unitsNeedingAttention } from './prepareUnitMap';

const units = ['22918', '24778', '24779', '24780', '24781'].map((code) =>
  buildUnit({ code, name: `Xã ${code}` }),
);

describe('prepareUnitMap', () => {
  const metrics = metricsByCode(
    buildMetrics({ unitCode: '22918', backlog: 100, overdue: 1, onTimeRate30d: 0.99 }),
    buildMetrics({ unitCode: '24778', backlog: 100, overdue: 30, onTimeRate30d: 0.7 }),
    buildMetrics({ unitCode: '24779', backlog: 0, overdue: 0, onTimeRate30d: null }),
    buildMetrics({ unitCode: '24780', lastEventAt: null }),
    buildMetrics({ unitCode: '24781', backlog: 40, overdue: 4, silent: true, onTimeRate30d: 0.92 }),
  );

  it("colours by overdue share on the wall's bands; no data and nothing open are told apart from zero", () => {
    const view = prepareUnitMap(units, metrics, 'overdue-share');
    expect(
      view.regions.map((region) => [region.code, region.state, region.band, region.text, region.silent]),
    ).toEqual([
      ['22918', 'value', 0, '1%', false],
      ['24778', 'value', 4, '30%', false],
      ['24779', 'no-value', null, '—', false],
      ['24780', 'no-data', null, '—', false],
      // 10 % opens the 10–20 % band.
      ['24781', 'value', 3, '10%', true],
    ]);
    expect(view.scale.labels).toHaveLength(5);
  });

  it('runs the on-time scale the other way: a high share is calm', () => {
    const view = prepareUnitMap(units, metrics, 'on-time-30d');
    expect(view.regions.map((region) => region.band)).toEqual([0, 4, null, null, 2]);
    expect(view.scale.labels[0]).toBe('≥ 98%');
  });

  it('grades counts on round steps up to the largest', () => {
    const view = prepareUnitMap(units, metrics, 'backlog');
    expect(view.scale.labels).toEqual(['0–19', '20–39', '40–59', '60–79', '≥ 80']);
    expect(view.regions.map((region) => region.band)).toEqual([4, 4, 0, null, 2]);
  });

  it('lists the units needing attention, worst first, whichever way the figure runs', () => {
    expect(
      unitsNeedingAttention(prepareUnitMap(units, metrics, 'overdue-share'), 'overdue-share', 2).map(
        (r) => r.code,
      ),
    ).toEqual(['24778', '24781']);
    expect(
      unitsNeedingAttention(prepareUnitMap(units, metrics, 'on-time-30d'), 'on-time-30d', 3).map(
        (r) => r.code,
      ),
    ).toEqual(['24778', '24781', '22918']);
  });
});
