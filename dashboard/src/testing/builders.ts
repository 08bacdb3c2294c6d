import type { LiveDelta, LiveSnapshot, Unit, UnitLiveMetrics } from '@ioc/shared';

/** Test data builders: each spec states only the fields its behaviour depends on. */
export function buildUnit(overrides: Partial<Unit> & Pick<Unit, 'code'>): Unit {
  return {
    name: `Xã ${overrides.code}`,
    type: 'xã',
    typeEn: 'commune',
    formerProvince: 'Lâm Đồng',
    lat: 11.94,
    lon: 108.44,
    mergedFrom: '',
    ...overrides,
  };
}

export function buildMetrics(
  overrides: Partial<UnitLiveMetrics> & Pick<UnitLiveMetrics, 'unitCode'>,
): UnitLiveMetrics {
  return {
    backlog: 0,
    overdue: 0,
    receivedToday: 0,
    resolvedToday: 0,
    ratingAverage30d: null,
    ratingCount30d: 0,
    lastEventAt: '2025-09-15T02:00:00.000Z',
    silent: false,
    ...overrides,
  };
}

export function metricsByCode(...metrics: UnitLiveMetrics[]): Map<string, UnitLiveMetrics> {
  return new Map(metrics.map((unit) => [unit.unitCode, unit]));
}

export function buildSnapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return { seq: 10, serverVersion: 'v1', at: '2025-09-15T02:00:00.000Z', units: [], ...overrides };
}

export function buildDelta(overrides: Partial<LiveDelta> & Pick<LiveDelta, 'seq'>): LiveDelta {
  return { at: '2025-09-15T02:00:01.000Z', units: [], ...overrides };
}
