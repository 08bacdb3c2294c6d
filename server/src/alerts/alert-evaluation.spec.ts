import type { AlertRule, WallAlert } from '@ioc/shared';
import { evaluateAlerts, isOverdueSurge, type AlertMeasurements } from './alert-evaluation';

const NOW = '2026-11-20T03:00:00.000Z';
const EARLIER = '2026-11-20T02:00:00.000Z';
const updatedAt = '2026-11-01T00:00:00.000Z';

const silent: AlertRule = {
  code: 'silent-units',
  kind: 'unit-silent',
  enabled: true,
  severity: 'warning',
  params: { minUnits: 2 },
  updatedAt,
};
const provinceSurge: AlertRule = {
  code: 'overdue-surge-province',
  kind: 'overdue-surge',
  enabled: true,
  severity: 'critical',
  params: { scope: 'province', windowMinutes: 60, minIncrease: 50, minIncreaseShare: 0.1 },
  updatedAt,
};
const unitSurge: AlertRule = {
  code: 'overdue-surge-unit',
  kind: 'overdue-surge',
  enabled: true,
  severity: 'warning',
  params: { scope: 'unit', windowMinutes: 30, minIncrease: 10, minIncreaseShare: 0.5 },
  updatedAt,
};
const storm: AlertRule = {
  code: 'anomaly-storm',
  kind: 'anomaly-storm',
  enabled: true,
  severity: 'warning',
  params: { windowMinutes: 60, minAnomalies: 20 },
  updatedAt,
};

function measured(overrides: Partial<AlertMeasurements> = {}): AlertMeasurements {
  return {
    silentUnits: [],
    overdueNow: new Map(),
    overdueThen: new Map(),
    anomalies: new Map(),
    ...overrides,
  };
}

describe('wall alerts', () => {
  it('raises silent units from minUnits on, as one alert listing them', () => {
    expect(evaluateAlerts([silent], measured({ silentUnits: ['24781'] }), NOW, [])).toEqual([]);
    expect(evaluateAlerts([silent], measured({ silentUnits: ['24781', '22918'] }), NOW, [])).toEqual([
      {
        rule: 'silent-units',
        kind: 'unit-silent',
        severity: 'warning',
        unitCodes: ['22918', '24781'],
        value: 2,
        baseline: null,
        threshold: 2,
        windowMinutes: null,
        since: NOW,
      },
    ]);
  });

  it('raises a province surge only when both the increase and its share reach the thresholds', () => {
    const at = (now: [string, number][], then: [string, number][]) =>
      evaluateAlerts(
        [provinceSurge],
        measured({ overdueNow: new Map(now), overdueThen: new Map([[60, new Map(then)]]) }),
        NOW,
        [],
      );
    // +50 on 400 is 12.5 %: raised, with the province's totals.
    expect(
      at(
        [
          ['24781', 250],
          ['22918', 200],
        ],
        [
          ['24781', 200],
          ['22918', 200],
        ],
      ),
    ).toEqual([
      expect.objectContaining({ unitCodes: [], value: 450, baseline: 400, threshold: 50, windowMinutes: 60 }),
    ]);
    // +50 on 600 is 8 %: not enough of a share.
    expect(at([['24781', 650]], [['24781', 600]])).toEqual([]);
    // +49: not enough dossiers.
    expect(at([['24781', 149]], [['24781', 100]])).toEqual([]);
    // No sample of then: nothing to compare with.
    expect(at([['24781', 1_000]], [])).toEqual([]);
    // A unit missing from the sample of then is left out of both sides.
    expect(
      at(
        [
          ['24781', 100],
          ['22918', 500],
        ],
        [['24781', 90]],
      ),
    ).toEqual([]);
  });

  it('raises a unit surge per unit against its own sample', () => {
    const alerts = evaluateAlerts(
      [unitSurge],
      measured({
        overdueNow: new Map([
          ['24781', 15],
          ['22918', 30],
          ['24611', 12],
        ]),
        overdueThen: new Map([
          [
            30,
            new Map([
              ['24781', 0],
              ['22918', 25],
              ['24611', 1],
            ]),
          ],
        ]),
      }),
      NOW,
      [],
    );
    // 24781: from nothing to 15; 24611: +11, 1,100 %; 22918: +5, below minIncrease.
    expect(alerts.map((a) => [a.unitCodes, a.value, a.baseline])).toEqual([
      [['24611'], 12, 1],
      [['24781'], 15, 0],
    ]);
  });

  it('raises an anomaly storm per unit from minAnomalies on', () => {
    const alerts = evaluateAlerts(
      [storm],
      measured({
        anomalies: new Map([
          [
            60,
            new Map([
              ['24781', 20],
              ['22918', 19],
            ]),
          ],
        ]),
      }),
      NOW,
      [],
    );
    expect(alerts).toEqual([
      expect.objectContaining({ rule: 'anomaly-storm', unitCodes: ['24781'], value: 20, threshold: 20 }),
    ]);
  });

  it('keeps since while an alert stays in force, also when its units change; starts again after it cleared', () => {
    const first = evaluateAlerts([silent], measured({ silentUnits: ['24781', '22918'] }), EARLIER, []);
    const still = evaluateAlerts(
      [silent],
      measured({ silentUnits: ['24781', '22918', '24611'] }),
      NOW,
      first,
    );
    expect(still[0]).toMatchObject({ since: EARLIER, value: 3 });
    const cleared = evaluateAlerts([silent], measured({ silentUnits: [] }), NOW, still);
    expect(cleared).toEqual([]);
    const again = evaluateAlerts([silent], measured({ silentUnits: ['24781', '22918'] }), NOW, cleared);
    expect(again[0]!.since).toBe(NOW);
  });

  it('keeps since per unit for rules raised per unit', () => {
    const storms = (counts: [string, number][], previous: WallAlert[], now: string) =>
      evaluateAlerts([storm], measured({ anomalies: new Map([[60, new Map(counts)]]) }), now, previous);
    const first = storms([['24781', 25]], [], EARLIER);
    const second = storms(
      [
        ['24781', 30],
        ['22918', 21],
      ],
      first,
      NOW,
    );
    expect(second.map((a) => [a.unitCodes[0], a.since])).toEqual([
      ['22918', NOW],
      ['24781', EARLIER],
    ]);
  });

  it('ignores disabled rules and orders critical first, then by rule and unit', () => {
    const alerts = evaluateAlerts(
      [storm, { ...silent, params: { minUnits: 1 } }, provinceSurge, { ...unitSurge, enabled: false }],
      measured({
        silentUnits: ['24781'],
        overdueNow: new Map([['24781', 100]]),
        overdueThen: new Map([
          [60, new Map([['24781', 0]])],
          [30, new Map([['24781', 0]])],
        ]),
        anomalies: new Map([[60, new Map([['24781', 50]])]]),
      }),
      NOW,
      [],
    );
    expect(alerts.map((a) => a.rule)).toEqual(['overdue-surge-province', 'anomaly-storm', 'silent-units']);
  });

  it('a surge needs minIncrease and minIncreaseShare; from zero any increase is a share', () => {
    const params = { scope: 'unit' as const, windowMinutes: 60, minIncrease: 10, minIncreaseShare: 0.5 };
    expect(isOverdueSurge(10, 0, params)).toBe(true);
    expect(isOverdueSurge(9, 0, params)).toBe(false);
    expect(isOverdueSurge(30, 20, params)).toBe(true);
    expect(isOverdueSurge(29, 19, params)).toBe(true);
    expect(isOverdueSurge(40, 30, params)).toBe(false);
    expect(isOverdueSurge(0, 30, params)).toBe(false);
  });
});
