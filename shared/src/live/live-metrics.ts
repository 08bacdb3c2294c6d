import type { WorkingCalendar } from '../calendar/working-calendar';

/** Live figures of one unit, as the wall shows them. All counts come from the dossiers table. */
export interface UnitLiveMetrics {
  unitCode: string;
  /** Open dossiers: received, in process or paused for a supplement. */
  backlog: number;
  /** Open and past their appointment date right now (a paused dossier only if paused after it). */
  overdue: number;
  receivedToday: number;
  resolvedToday: number;
  /** Average citizen rating (1–5) over the last 30 days; null when nobody rated. */
  ratingAverage30d: number | null;
  ratingCount30d: number;
  /** ISO instant of the unit's last event; null when it never sent one ("no data", not zero). */
  lastEventAt: string | null;
  /** Sent nothing for the configured working time during office hours: its figures may be stale. */
  silent: boolean;
}

export interface ProvinceLiveSummary {
  units: number;
  backlog: number;
  overdue: number;
  receivedToday: number;
  resolvedToday: number;
  ratingAverage30d: number | null;
  ratingCount30d: number;
}

/** Province totals are sums of the units; the rating is weighted by the number of ratings. */
export function summarizeProvince(units: readonly UnitLiveMetrics[]): ProvinceLiveSummary {
  let ratingSum = 0;
  const summary: ProvinceLiveSummary = {
    units: units.length,
    backlog: 0,
    overdue: 0,
    receivedToday: 0,
    resolvedToday: 0,
    ratingAverage30d: null,
    ratingCount30d: 0,
  };
  for (const unit of units) {
    summary.backlog += unit.backlog;
    summary.overdue += unit.overdue;
    summary.receivedToday += unit.receivedToday;
    summary.resolvedToday += unit.resolvedToday;
    summary.ratingCount30d += unit.ratingCount30d;
    if (unit.ratingAverage30d !== null) ratingSum += unit.ratingAverage30d * unit.ratingCount30d;
  }
  if (summary.ratingCount30d > 0) summary.ratingAverage30d = ratingSum / summary.ratingCount30d;
  return summary;
}

export function sameUnitMetrics(a: UnitLiveMetrics, b: UnitLiveMetrics): boolean {
  return (
    a.backlog === b.backlog &&
    a.overdue === b.overdue &&
    a.receivedToday === b.receivedToday &&
    a.resolvedToday === b.resolvedToday &&
    a.ratingAverage30d === b.ratingAverage30d &&
    a.ratingCount30d === b.ratingCount30d &&
    a.lastEventAt === b.lastEventAt &&
    a.silent === b.silent
  );
}

/**
 * A unit is silent when it sent events before but none for `silentAfterMs` of office time:
 * nights, weekends and holidays do not count, so a quiet Sunday is not an alarm.
 */
export function isUnitSilent(
  lastEventAt: string | null,
  nowMs: number,
  calendar: WorkingCalendar,
  silentAfterMs: number,
): boolean {
  if (lastEventAt === null) return false;
  // The moment the unit turns silent: bounded work, however long ago its last event was.
  return calendar.addWorkingTime(Date.parse(lastEventAt), silentAfterMs) <= nowMs;
}

/** `GET /api/v1/backlog-history`: a unit's (or the province's) backlog over time, for trend charts. */
export interface BacklogHistoryPoint {
  /** Start of the bucket (ISO). */
  at: string;
  /** The highest backlog and overdue counts sampled in the bucket. */
  backlog: number;
  overdue: number;
}
export interface BacklogHistory {
  unitCode: string | null;
  bucketMinutes: number;
  points: BacklogHistoryPoint[];
}
