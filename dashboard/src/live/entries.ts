import type { LiveEntry, LiveEntryKind, LiveFigures } from '@ioc/shared';

/** A unit's live figures as the panels read them. */
export type UnitLiveMetrics = LiveFigures & { unitCode: string; silent: boolean };

type Entries = ReadonlyMap<string, LiveEntry>;

/** The unit entries of a scope, by unit code. */
export function unitMetricsOf(entries: Entries): Map<string, UnitLiveMetrics> {
  const units = new Map<string, UnitLiveMetrics>();
  for (const entry of entries.values()) {
    if (entry.kind !== 'unit') continue;
    units.set(entry.code, { ...entry.figures, unitCode: entry.code, silent: entry.figures.silentUnits > 0 });
  }
  return units;
}

/** The entries of one kind (fields of a unit, former provinces of the province), by code. */
export function figuresByCode(entries: Entries, kind: LiveEntryKind): Map<string, LiveFigures> {
  const byCode = new Map<string, LiveFigures>();
  for (const entry of entries.values()) if (entry.kind === kind) byCode.set(entry.code, entry.figures);
  return byCode;
}

/** The province's own entry; null until a snapshot came. */
export function provinceFiguresOf(entries: Entries): LiveFigures | null {
  return entries.get('province:province')?.figures ?? null;
}

/** A unit's own entry in its `unit:X` scope. */
export function unitFiguresOf(entries: Entries, unitCode: string): LiveFigures | null {
  return entries.get(`unit:${unitCode}`)?.figures ?? null;
}

/** Open dossiers overdue, as a share of the open ones; null when nothing is open (no share, not 0 %). */
export function overdueShare(figures: Pick<LiveFigures, 'backlog' | 'overdue'>): number | null {
  return figures.backlog === 0 ? null : figures.overdue / figures.backlog;
}
