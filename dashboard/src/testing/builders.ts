import {
  emptyLiveCounts,
  liveFigures,
  type LiveDelta,
  type LiveEntry,
  type LiveFigures,
  type LiveSnapshot,
  type Unit,
} from '@ioc/shared';
import type { UnitLiveMetrics } from '../live/entries';

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

export function buildFigures(overrides: Partial<LiveFigures> = {}): LiveFigures {
  return {
    ...liveFigures(emptyLiveCounts(), {
      units: 1,
      silentUnits: 0,
      unitsWithoutData: 0,
      lastEventAt: '2025-09-15T02:00:00.000Z',
    }),
    ...overrides,
  };
}

export function buildMetrics(
  overrides: Partial<UnitLiveMetrics> & Pick<UnitLiveMetrics, 'unitCode'>,
): UnitLiveMetrics {
  const figures = buildFigures(overrides);
  const silent = overrides.silent ?? false;
  return { ...figures, silentUnits: silent ? 1 : 0, silent, unitCode: overrides.unitCode };
}

export function metricsByCode(...metrics: UnitLiveMetrics[]): Map<string, UnitLiveMetrics> {
  return new Map(metrics.map((unit) => [unit.unitCode, unit]));
}

/** A unit's entry in the province scope. */
export function unitEntry(metrics: UnitLiveMetrics): LiveEntry {
  const { unitCode, silent: _silent, ...figures } = metrics;
  return { key: `unit:${unitCode}`, kind: 'unit', code: unitCode, figures };
}

type WithUnits<T> = Partial<Omit<T, 'entries'>> & { units?: UnitLiveMetrics[]; entries?: LiveEntry[] };

export function buildSnapshot({
  units = [],
  entries = [],
  ...overrides
}: WithUnits<LiveSnapshot> = {}): LiveSnapshot {
  return {
    scope: 'province',
    stream: 's1',
    seq: 10,
    serverVersion: 'v1',
    at: '2025-09-15T02:00:00.000Z',
    entries: [...entries, ...units.map(unitEntry)],
    ...overrides,
  };
}

export function buildDelta({
  units = [],
  entries = [],
  ...overrides
}: WithUnits<LiveDelta> & Pick<LiveDelta, 'seq'>): LiveDelta {
  return {
    scope: 'province',
    stream: 's1',
    at: '2025-09-15T02:00:01.000Z',
    entries: [...entries, ...units.map(unitEntry)],
    ...overrides,
  };
}
