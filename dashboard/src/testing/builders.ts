import {
  type AuditEntry,
  type DisplaySummary,
  type UserSummary,
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

let people = 0;
export function buildUser(overrides: Partial<UserSummary> & Pick<UserSummary, 'login'>): UserSummary {
  people += 1;
  return {
    id: `00000000-0000-4000-8000-${String(people).padStart(12, '0')}`,
    displayName: `Người dùng ${overrides.login}`,
    role: 'leader',
    fields: [],
    unitCode: null,
    disabled: false,
    lockedUntil: null,
    createdAt: '2026-11-01T01:00:00.000Z',
    updatedAt: '2026-11-01T01:00:00.000Z',
    ...overrides,
  };
}

export function buildDisplay(
  overrides: Partial<DisplaySummary> & Pick<DisplaySummary, 'name'>,
): DisplaySummary {
  return {
    id: '00000000-0000-4000-8000-00000000d15a',
    showComments: false,
    pairing: 'code',
    createdAt: '2026-11-01T01:00:00.000Z',
    lastSeenAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function buildAuditEntry(
  overrides: Partial<AuditEntry> & Pick<AuditEntry, 'id' | 'action'>,
): AuditEntry {
  return {
    at: '2026-11-20T03:04:05.000Z',
    outcome: 'success',
    actorKind: 'user',
    actorId: null,
    actorName: 'quantri',
    target: null,
    address: '127.0.0.1',
    details: {},
    ...overrides,
  };
}
