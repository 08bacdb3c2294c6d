import type { ProcessingTime } from '../procedures/procedure';
import {
  addCalendarDays,
  vietnamDate,
  vietnamMinuteOfDay,
  type TracedDay,
  type WorkingCalendar,
} from '../calendar/working-calendar';

const HOUR_MS = 60 * 60 * 1000;
/**
 * "Same day" procedures: a receipt at or after this local time is due the next working day.
 * Deadlines in days end when the office closes (17:00 with the default office hours).
 */
export const SAME_DAY_CUTOFF_MINUTE = 15 * 60;

/**
 * How `computeDueAt` reached its answer, filled in when the caller passes one (the drill-down's
 * explanation; ingest passes none and pays nothing for it).
 */
export interface StatutoryDeadlineTrace {
  /** Each day walked through, in order: counted office time, or skipped by name. */
  days: TracedDay[];
  /** `same-day`: whether the receipt came on a working day before the 15:00 cut-off. */
  beforeSameDayCutoff?: boolean;
  /** `days`: the Nth calendar day, before a move to the next working day. */
  nthCalendarDay?: string;
}

export type DossierOutcome = 'early' | 'on_time' | 'late';

/**
 * The appointment date (dueAt) of a dossier received at `receivedAtMs`, by the rule in
 * DOMAIN.md "How the IOC counts a deadline". N working days = N × the working hours of one
 * working day, counted through office hours only.
 */
export function computeDueAt(
  receivedAtMs: number,
  time: ProcessingTime,
  calendar: WorkingCalendar,
  trace?: StatutoryDeadlineTrace,
): number {
  switch (time.unit) {
    case 'working-days':
      return calendar.addWorkingTime(
        receivedAtMs,
        time.value * calendar.workingMinutesPerDay * 60_000,
        trace?.days,
      );
    case 'working-hours':
      return calendar.addWorkingTime(receivedAtMs, time.value * HOUR_MS, trace?.days);
    case 'same-day': {
      const date = vietnamDate(receivedAtMs);
      const sameDay =
        calendar.isWorkingDay(date) && vietnamMinuteOfDay(receivedAtMs) < SAME_DAY_CUTOFF_MINUTE;
      const dueDay = sameDay ? date : calendar.nextWorkingDay(date);
      if (trace) {
        trace.beforeSameDayCutoff = sameDay;
        trace.days.push(...traceDays(calendar, date, dueDay));
      }
      return calendar.at(dueDay, calendar.closingMinute);
    }
    case 'days': {
      const day = addCalendarDays(vietnamDate(receivedAtMs), time.value);
      const dueDay = calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day);
      if (trace) {
        trace.nthCalendarDay = day;
        trace.days.push(...traceDays(calendar, day, dueDay));
      }
      return calendar.at(dueDay, calendar.closingMinute);
    }
  }
}

/** The days from `first` to `last` as an explanation lists them (nothing counted by the hour). */
function traceDays(calendar: WorkingCalendar, first: string, last: string): TracedDay[] {
  const days: TracedDay[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1))
    days.push({ ...calendar.describeDay(date), countedMs: 0, countedFrom: null, countedTo: null });
  return days;
}

/** The deadline after a supplement pause: later by exactly the working time the dossier was paused. */
export function extendDueAtForPause(
  dueAtMs: number,
  pausedAtMs: number,
  resumedAtMs: number,
  calendar: WorkingCalendar,
  trace?: PauseTrace,
): number {
  return pauseExtension(dueAtMs, pausedAtMs, resumedAtMs, calendar, trace).dueAt;
}

/** `extendDueAtForPause`, with the office time the pause lasted (what the dossier's paused time adds up). */
export function pauseExtension(
  dueAtMs: number,
  pausedAtMs: number,
  resumedAtMs: number,
  calendar: WorkingCalendar,
  trace?: PauseTrace,
): { dueAt: number; pausedMs: number } {
  const pausedMs = calendar.workingTimeBetween(pausedAtMs, resumedAtMs);
  const days: TracedDay[] | undefined = trace ? [] : undefined;
  const dueAt = pausedMs === 0 ? dueAtMs : calendar.addWorkingTime(dueAtMs, pausedMs, days);
  trace?.({
    pausedAt: pausedAtMs,
    endedAt: resumedAtMs,
    workingMs: pausedMs,
    dueBefore: dueAtMs,
    dueAfter: dueAt,
    days: days ?? [],
  });
  return { dueAt, pausedMs };
}

/** One supplement pause as it moved the deadline: what `extendDueAtForPause` reports to a trace. */
export interface TracedPause {
  pausedAt: number;
  endedAt: number;
  /** Office time between the pause and its end: what the deadline moved by. */
  workingMs: number;
  dueBefore: number;
  dueAfter: number;
  /** The days the deadline was moved through (skipped ones by name). */
  days: TracedDay[];
}
export type PauseTrace = (pause: TracedPause) => void;

/** A span of office time as people say it: whole working days, then hours and minutes. */
export interface WorkingDuration {
  workingMinutes: number;
  days: number;
  hours: number;
  minutes: number;
}

/** `ms` of office time in working days (of `calendar.workingMinutesPerDay`), hours and minutes. */
export function workingDuration(ms: number, calendar: WorkingCalendar): WorkingDuration {
  const workingMinutes = Math.floor(ms / 60_000);
  const perDay = calendar.workingMinutesPerDay;
  return {
    workingMinutes,
    days: Math.floor(workingMinutes / perDay),
    hours: Math.floor((workingMinutes % perDay) / 60),
    minutes: workingMinutes % 60,
  };
}

/**
 * Office time past the deadline (ms), or null when the dossier is not late: resolved after its
 * deadline (up to the resolution), or open past it (up to now; a paused dossier's clock stopped
 * at its pause, as `overdueAtSql` counts it). What the lists sort and show as "overdue by".
 */
export function workingTimeLate(
  dossier: { dueAt: number | null; resolvedAt: number | null; pausedAt: number | null; open: boolean },
  nowMs: number,
  calendar: WorkingCalendar,
): number | null {
  if (dossier.dueAt === null) return null;
  const end = dossier.resolvedAt ?? (dossier.open ? (dossier.pausedAt ?? nowMs) : null);
  if (end === null || end <= dossier.dueAt) return null;
  return calendar.workingTimeBetween(dossier.dueAt, end);
}

/** Late if resolved after the deadline; early if on an earlier Vietnam calendar day; else on time. */
export function judgeOutcome(resolvedAtMs: number, dueAtMs: number): DossierOutcome {
  if (resolvedAtMs > dueAtMs) return 'late';
  return vietnamDate(resolvedAtMs) < vietnamDate(dueAtMs) ? 'early' : 'on_time';
}
