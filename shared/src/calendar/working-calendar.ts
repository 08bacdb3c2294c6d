/**
 * Working time of a Vietnamese public administration service center.
 *
 * Vietnam has no daylight saving time, so "Vietnam time" is a fixed UTC+7 offset and all
 * arithmetic is done on epoch milliseconds shifted by that offset. The calendar itself
 * (days off, make-up Saturdays) is data that the province edits each year.
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type CalendarDayKind = 'day-off' | 'worked-saturday';

export interface CalendarDay {
  /** Local date in Vietnam, `YYYY-MM-DD`. */
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** True where the exact day still awaits the government's notice. */
  provisional: boolean;
}

/** An office-hours session within a working day, in minutes after local midnight. */
export interface OfficeSession {
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_OFFICE_HOURS = '07:00-11:30,13:30-17:00';

/**
 * One calendar day as a deadline walked through it (`addWorkingTime` with a trace): the office
 * time it counted, or why it counted none. What the drill-down's deadline explanation lists.
 */
export interface TracedDay {
  /** Local date in Vietnam, `YYYY-MM-DD`. */
  date: string;
  /** `working` includes a make-up Saturday (`name` then says so). */
  kind: 'working' | 'weekend' | 'day-off';
  /** The calendar's name of a day off or of a make-up Saturday; null for an ordinary day. */
  name: string | null;
  /** Office time counted on this day, ms (0 for a day skipped, or a working day reached after closing). */
  countedMs: number;
  /** First and last counted instants of the day (epoch ms), null when nothing was counted. */
  countedFrom: number | null;
  countedTo: number | null;
}

/** Parses `HH:mm-HH:mm[,HH:mm-HH:mm...]` into ordered, non-overlapping sessions. */
export function parseOfficeHours(spec: string): OfficeSession[] {
  const sessions = spec.split(',').map((part) => {
    const match = /^\s*(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\s*$/.exec(part);
    if (!match) throw new Error(`office hours '${part}' must look like 07:00-11:30`);
    const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
    const startMinute = h1 * 60 + m1;
    const endMinute = h2 * 60 + m2;
    if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || endMinute <= startMinute || endMinute > 24 * 60) {
      throw new Error(`office hours '${part}' is not a valid time range`);
    }
    return { startMinute, endMinute };
  });
  sessions.forEach((session, i) => {
    const previous = sessions[i - 1];
    if (previous && session.startMinute < previous.endMinute) {
      throw new Error(`office hours '${spec}' must be ordered and must not overlap`);
    }
  });
  return sessions;
}

/** `YYYY-MM-DD` of an instant in Vietnam time. */
export function vietnamDate(instantMs: number): string {
  return new Date(instantMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight in Vietnam. */
export function vietnamMinuteOfDay(instantMs: number): number {
  const local = instantMs + VIETNAM_UTC_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** The instant of local midnight (Vietnam) that starts the given local date. */
export function vietnamMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MS;
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly daysOff: ReadonlySet<string>;
  private readonly workedSaturdays: ReadonlySet<string>;
  /** Names of days off and make-up Saturdays, for explanations only ("Giỗ Tổ Hùng Vương"). */
  private readonly names: ReadonlyMap<string, string>;
  readonly sessions: readonly OfficeSession[];
  /**
   * Each date's facts, worked out once: every deadline of every dossier an ingest folds walks
   * these days (date strings parsed and formatted again each time cost 5% of ingest's CPU).
   * Bounded by the dates ever asked about: a few thousand over the years a calendar serves.
   */
  private readonly working = new Map<string, boolean>();
  private readonly midnights = new Map<string, number>();
  private readonly nextDates = new Map<string, string>();

  constructor(
    days: readonly (Pick<CalendarDay, 'date' | 'kind'> & { name?: string })[],
    officeHours = DEFAULT_OFFICE_HOURS,
  ) {
    this.daysOff = new Set(days.filter((d) => d.kind === 'day-off').map((d) => d.date));
    this.workedSaturdays = new Set(days.filter((d) => d.kind === 'worked-saturday').map((d) => d.date));
    this.names = new Map(days.flatMap((d) => (d.name ? [[d.date, d.name] as const] : [])));
    this.sessions = parseOfficeHours(officeHours);
  }

  /** Working minutes in one working day (8 h = 480 with the default office hours). */
  get workingMinutesPerDay(): number {
    return this.sessions.reduce((sum, s) => sum + s.endMinute - s.startMinute, 0);
  }

  /** When the office closes on a working day, in minutes after midnight (17:00 by default). */
  get closingMinute(): number {
    return this.sessions[this.sessions.length - 1]!.endMinute;
  }

  isWorkingDay(date: string): boolean {
    return memo(this.working, date, () => this.computeWorkingDay(date));
  }

  private midnightOf(date: string): number {
    return memo(this.midnights, date, () => vietnamMidnight(date));
  }

  private dayAfter(date: string): string {
    return memo(this.nextDates, date, () => addCalendarDays(date, 1));
  }

  private computeWorkingDay(date: string): boolean {
    if (this.daysOff.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0) return false;
    if (weekday === 6) return this.workedSaturdays.has(date);
    return true;
  }

  /** How a date counts, with its calendar name: what an explanation says of a day it skipped or used. */
  describeDay(date: string): Pick<TracedDay, 'date' | 'kind' | 'name'> {
    const name = this.names.get(date) ?? null;
    if (this.isWorkingDay(date)) return { date, kind: 'working', name };
    return { date, kind: this.daysOff.has(date) ? 'day-off' : 'weekend', name };
  }

  nextWorkingDay(date: string): string {
    let day = this.dayAfter(date);
    // A safety bound: no real calendar has a year without working days.
    for (let i = 0; i < 366 && !this.isWorkingDay(day); i++) day = this.dayAfter(day);
    return day;
  }

  /** The instant `hh:mm` local time on the given date. */
  at(date: string, minuteOfDay: number): number {
    return this.midnightOf(date) + minuteOfDay * MINUTE_MS;
  }

  /** Whether the instant falls inside office hours of a working day. */
  isOfficeTime(instantMs: number): boolean {
    if (!this.isWorkingDay(vietnamDate(instantMs))) return false;
    const minute = vietnamMinuteOfDay(instantMs);
    return this.sessions.some((s) => minute >= s.startMinute && minute < s.endMinute);
  }

  /**
   * Moves `durationMs` of working time forward from `fromMs`, counting office hours of
   * working days only. A start outside office hours begins counting at the next opening;
   * a result that lands exactly on a session's close stays there (17:00, not next 07:00).
   * With `trace`, every day walked through is appended to it (the deadline explanation): the
   * same walk, so an explanation can never disagree with the deadline it explains.
   */
  addWorkingTime(fromMs: number, durationMs: number, trace?: TracedDay[]): number {
    let remaining = durationMs;
    let date = vietnamDate(fromMs);
    let cursor = fromMs;
    for (let guard = 0; guard < 20_000; guard++) {
      const day = trace ? this.startTrace(date) : null;
      if (this.isWorkingDay(date)) {
        for (const session of this.sessions) {
          const start = Math.max(cursor, this.at(date, session.startMinute));
          const end = this.at(date, session.endMinute);
          if (start >= end) continue;
          if (remaining <= end - start) {
            if (day) trace!.push(countOn(day, start, start + remaining));
            return start + remaining;
          }
          remaining -= end - start;
          cursor = end;
          if (day) countOn(day, start, end);
        }
      }
      if (day) trace!.push(day);
      date = this.dayAfter(date);
      cursor = this.midnightOf(date);
    }
    throw new Error('working time could not be added: the calendar has no working days ahead');
  }

  private startTrace(date: string): TracedDay {
    return { ...this.describeDay(date), countedMs: 0, countedFrom: null, countedTo: null };
  }

  /** Working time (ms) between two instants; 0 when `toMs` is not after `fromMs`. */
  workingTimeBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    let total = 0;
    let date = vietnamDate(fromMs);
    const lastDate = vietnamDate(toMs);
    for (let guard = 0; guard < 20_000 && date <= lastDate; guard++) {
      if (this.isWorkingDay(date)) {
        for (const session of this.sessions) {
          const start = Math.max(fromMs, this.at(date, session.startMinute));
          const end = Math.min(toMs, this.at(date, session.endMinute));
          if (end > start) total += end - start;
        }
      }
      date = this.dayAfter(date);
    }
    return total;
  }
}

/** Adds the office time [from, to) to a traced day. */
function countOn(day: TracedDay, fromMs: number, toMs: number): TracedDay {
  day.countedMs += toMs - fromMs;
  day.countedFrom ??= fromMs;
  day.countedTo = toMs;
  return day;
}

function memo<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
