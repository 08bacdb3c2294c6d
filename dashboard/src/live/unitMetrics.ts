import type { LiveEntry, LiveFigures } from '@ioc/shared';

/** A unit's live figures as the panels read them. */
export type UnitLiveMetrics = LiveFigures & { unitCode: string; silent: boolean };

/** The unit entries of the province scope, by unit code. */
export function unitMetricsOf(entries: ReadonlyMap<string, LiveEntry>): Map<string, UnitLiveMetrics> {
  const units = new Map<string, UnitLiveMetrics>();
  for (const entry of entries.values()) {
    if (entry.kind !== 'unit') continue;
    units.set(entry.code, { ...entry.figures, unitCode: entry.code, silent: entry.figures.silentUnits > 0 });
  }
  return units;
}

/** The province's own entry; null until a snapshot came. */
export function provinceFiguresOf(entries: ReadonlyMap<string, LiveEntry>): LiveFigures | null {
  return entries.get('province:province')?.figures ?? null;
}
