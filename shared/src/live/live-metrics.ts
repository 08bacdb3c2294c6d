import { z } from 'zod';
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
export const backlogHistoryPointSchema = z.object({
  /** Start of the bucket (ISO). */
  at: z.string(),
  /** The highest backlog and overdue counts sampled in the bucket. */
  backlog: z.number().int(),
  overdue: z.number().int(),
});
export type BacklogHistoryPoint = z.infer<typeof backlogHistoryPointSchema>;

export const backlogHistorySchema = z.object({
  unitCode: z.string().nullable(),
  bucketMinutes: z.number().int(),
  points: z.array(backlogHistoryPointSchema),
});
export type BacklogHistory = z.infer<typeof backlogHistorySchema>;
