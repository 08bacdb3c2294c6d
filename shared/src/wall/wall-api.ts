import { z } from 'zod';

/**
 * REST answers the wall reads besides the live scopes. Each is a zod schema, so the dashboard
 * checks an answer at the boundary (`fetchJson(url, schema)`) and the server's type is the same.
 */

/** The same figures at an earlier moment: the same time of day yesterday, or a week ago. */
export const kpiMomentSchema = z.object({
  /** The earlier moment (ISO). */
  at: z.string(),
  /** Open and overdue dossiers then, from the 5-minute backlog sample at or before `at`; null without one. */
  backlog: z.number().int().nullable(),
  overdue: z.number().int().nullable(),
  /** Dossiers received from that day's Vietnam midnight up to `at`. */
  receivedSoFar: z.number().int(),
  /** Dossiers resolved from that day's Vietnam midnight up to `at`, and of them early or on time. */
  resolvedSoFar: z.number().int(),
  resolvedInTimeSoFar: z.number().int(),
});
export type KpiMoment = z.infer<typeof kpiMomentSchema>;

/** `GET /api/v1/kpi-comparison?unit=`: what today's live KPIs are compared with (a unit, or the province). */
export const kpiComparisonSchema = z.object({
  unitCode: z.string().nullable(),
  /** When it was counted (ISO): the moments are `at` minus one day and minus seven days. */
  at: z.string(),
  yesterday: kpiMomentSchema,
  lastWeek: kpiMomentSchema,
});
export type KpiComparison = z.infer<typeof kpiComparisonSchema>;

/** `GET /api/v1/daily-flow?days=&unit=`: dossiers received and resolved per Vietnam day. */
export const dailyFlowSchema = z.object({
  unitCode: z.string().nullable(),
  days: z.array(
    z.object({
      /** A Vietnam date, YYYY-MM-DD; every day of the range is listed, today last. */
      day: z.string(),
      /** `dossier.received` events of the day. */
      received: z.number().int(),
      /** `dossier.resolved` events of the day. */
      resolved: z.number().int(),
    }),
  ),
});
export type DailyFlow = z.infer<typeof dailyFlowSchema>;
export const DAILY_FLOW_MAX_DAYS = 400;
