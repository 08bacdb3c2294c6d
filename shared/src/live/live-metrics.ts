import type { WorkingCalendar } from '../calendar/working-calendar';

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
