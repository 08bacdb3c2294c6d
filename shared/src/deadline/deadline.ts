import type { ProcessingTime } from '../procedures/procedure';
import {
  addCalendarDays,
  vietnamDate,
  vietnamMinuteOfDay,
  type WorkingCalendar,
} from '../calendar/working-calendar';

const HOUR_MS = 60 * 60 * 1000;
/**
 * "Same day" procedures: a receipt at or after this local time is due the next working day.
 * Deadlines in days end when the office closes (17:00 with the default office hours).
 */
const SAME_DAY_CUTOFF_MINUTE = 15 * 60;

export type DossierOutcome = 'early' | 'on_time' | 'late';

/**
 * The appointment date (dueAt) of a dossier received at `receivedAtMs`, by the rule in
 * DOMAIN.md "How the IOC counts a deadline". N working days = N × the working hours of one
 * working day, counted through office hours only.
 */
export function computeDueAt(receivedAtMs: number, time: ProcessingTime, calendar: WorkingCalendar): number {
  switch (time.unit) {
    case 'working-days':
      return calendar.addWorkingTime(receivedAtMs, time.value * calendar.workingMinutesPerDay * 60_000);
    case 'working-hours':
      return calendar.addWorkingTime(receivedAtMs, time.value * HOUR_MS);
    case 'same-day': {
      const date = vietnamDate(receivedAtMs);
      const sameDay =
        calendar.isWorkingDay(date) && vietnamMinuteOfDay(receivedAtMs) < SAME_DAY_CUTOFF_MINUTE;
      return calendar.at(sameDay ? date : calendar.nextWorkingDay(date), calendar.closingMinute);
    }
    case 'days': {
      const day = addCalendarDays(vietnamDate(receivedAtMs), time.value);
      return calendar.at(
        calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day),
        calendar.closingMinute,
      );
    }
  }
}

/** The deadline after a supplement pause: later by exactly the working time the dossier was paused. */
export function extendDueAtForPause(
  dueAtMs: number,
  pausedAtMs: number,
  resumedAtMs: number,
  calendar: WorkingCalendar,
): number {
  const paused = calendar.workingTimeBetween(pausedAtMs, resumedAtMs);
  return paused === 0 ? dueAtMs : calendar.addWorkingTime(dueAtMs, paused);
}

/** Late if resolved after the deadline; early if on an earlier Vietnam calendar day; else on time. */
export function judgeOutcome(resolvedAtMs: number, dueAtMs: number): DossierOutcome {
  if (resolvedAtMs > dueAtMs) return 'late';
  return vietnamDate(resolvedAtMs) < vietnamDate(dueAtMs) ? 'early' : 'on_time';
}
