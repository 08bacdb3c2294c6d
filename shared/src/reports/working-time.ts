import { z } from 'zod';

/**
 * Processing time in office time (working hours of working days, `WorkingCalendar`), and the
 * classes a median of it is read from.
 */

const MINUTE_MS = 60_000;
/** A working day: 8 office hours. */
export const WORKING_DAY_MINUTES = 480;

/**
 * One class of processing time, `[fromMinutes, toMinutes)` of office time, shown as `minutes`
 * (its value rounded: to the hour under a working day, to the half day up to 10 days, to the day
 * up to 30; beyond, "over 30 days"). The classes only round, in order: the median of the classes
 * is the class of the median, i.e. the exact median rounded as the report shows it.
 */
export interface WorkingTimeClass {
  index: number;
  fromMinutes: number;
  /** Null for the last class: 30.5 working days and more. */
  toMinutes: number | null;
  /** The rounded value the class stands for (its lower bound for the last class). */
  minutes: number;
}

function buildClasses(): WorkingTimeClass[] {
  const bounds: { from: number; minutes: number }[] = [];
  // Under a working day: the nearest hour, 0 to 7 (0 is "under 30 minutes").
  for (let hour = 0; hour <= 7; hour++)
    bounds.push({ from: hour === 0 ? 0 : hour * 60 - 30, minutes: hour * 60 });
  // 1 to 10 working days: the nearest half day (1 day from 7 h 30).
  for (let halfDays = 2; halfDays <= 20; halfDays++) {
    const minutes = halfDays * (WORKING_DAY_MINUTES / 2);
    bounds.push({ from: halfDays === 2 ? 450 : minutes - WORKING_DAY_MINUTES / 4, minutes });
  }
  // 11 to 30 working days: the nearest day (10 days reaches 10.5).
  for (let days = 11; days <= 30; days++) {
    const minutes = days * WORKING_DAY_MINUTES;
    bounds.push({ from: minutes - WORKING_DAY_MINUTES / 2, minutes });
  }
  const overFrom = 30.5 * WORKING_DAY_MINUTES;
  bounds.push({ from: overFrom, minutes: overFrom });
  return bounds.map((b, index) => ({
    index,
    fromMinutes: b.from,
    toMinutes: bounds[index + 1]?.from ?? null,
    minutes: b.minutes,
  }));
}

export const WORKING_TIME_CLASSES: readonly WorkingTimeClass[] = buildClasses();
/** How many classes there are: the columns `wt_0 …` of the report's aggregates (migration CreateUnitFieldDailyReportFacts). */
export const WORKING_TIME_CLASS_COUNT = 48;

/** The class of an office time in milliseconds. */
export function workingTimeClass(workingMs: number): number {
  const minutes = workingMs / MINUTE_MS;
  let index = 0;
  for (const c of WORKING_TIME_CLASSES) if (minutes >= c.fromMinutes) index = c.index;
  return index;
}

export const workingTimeMedianSchema = z.object({
  /** The median in office minutes, rounded as its class says (see `WorkingTimeClass`). */
  minutes: z.number(),
  /** The median is beyond the last bound (30.5 working days): `minutes` is that bound. */
  over: z.boolean(),
});
export type WorkingTimeMedian = z.infer<typeof workingTimeMedianSchema>;

/**
 * The median of dossiers counted per class (`counts[i]` in class i): the class of the
 * ⌈n/2⌉-th smallest (the lower median, as `percentile_disc(0.5)`); null without any.
 */
export function medianWorkingTime(counts: readonly number[]): WorkingTimeMedian | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const wanted = Math.ceil(total / 2);
  let seen = 0;
  for (const c of WORKING_TIME_CLASSES) {
    seen += counts[c.index] ?? 0;
    if (seen >= wanted) return { minutes: c.minutes, over: c.toMinutes === null };
  }
  throw new Error('unreachable: the counts add up to their total');
}
