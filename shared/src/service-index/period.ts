import { z } from 'zod';

/**
 * The periods a ranking is asked for, in Vietnam dates. A period is the inclusive range of days
 * `[from, to]`; its dossiers are those received on those days.
 */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'ytd', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const periodSchema = z.object({
  kind: z.enum(PERIOD_KINDS),
  /**
   * How the period was named: `2026-10`, `2026-W43`, `2026-Q4`, `2026`, `2026-10-05`,
   * `2026-10-01..2026-10-15`; a year to date by its days, `2026-01-01..2026-10-15`.
   */
  label: z.string(),
  from: z.string(),
  to: z.string(),
});
export type Period = z.infer<typeof periodSchema>;

/** A custom range is at most this many days (two years and a leap day). */
export const MAX_CUSTOM_PERIOD_DAYS = 731;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FORMATS: Record<Exclude<PeriodKind, 'custom'>, { pattern: RegExp; example: string }> = {
  day: { pattern: DATE, example: '2026-10-05' },
  week: { pattern: /^(\d{4})-W(\d{2})$/, example: '2026-W43 (ISO week)' },
  month: { pattern: /^(\d{4})-(\d{2})$/, example: '2026-10' },
  quarter: { pattern: /^(\d{4})-Q([1-4])$/, example: '2026-Q4' },
  year: { pattern: /^(\d{4})$/, example: '2026' },
  // A year to date is named by its last day: 1 January to that day.
  ytd: { pattern: DATE, example: '2026-10-15 (the last day: from 1 January to it)' },
};

const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => fromMs(toMs(date) + days * DAY_MS);
export const daysInPeriod = (p: Pick<Period, 'from' | 'to'>): number =>
  (toMs(p.to) - toMs(p.from)) / DAY_MS + 1;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isRealDate(date: string): boolean {
  const ms = toMs(date);
  return !Number.isNaN(ms) && fromMs(ms) === date;
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function isoWeekOneMonday(year: number): string {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return fromMs(jan4 - weekday * DAY_MS);
}

function isoWeeksIn(year: number): number {
  return (toMs(isoWeekOneMonday(year + 1)) - toMs(isoWeekOneMonday(year))) / (7 * DAY_MS);
}

function isoWeekOf(date: string): { year: number; week: number } {
  const ms = toMs(date);
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - toMs(isoWeekOneMonday(year))) / (7 * DAY_MS)) + 1 };
}

function monthPeriod(year: number, month: number): Period {
  const from = `${year}-${pad(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { kind: 'month', label: `${year}-${pad(month)}`, from, to: addDays(next, -1) };
}

function quarterPeriod(year: number, quarter: number): Period {
  const first = monthPeriod(year, quarter * 3 - 2);
  const last = monthPeriod(year, quarter * 3);
  return { kind: 'quarter', label: `${year}-Q${quarter}`, from: first.from, to: last.to };
}

function weekPeriod(year: number, week: number): Period {
  const from = addDays(isoWeekOneMonday(year), (week - 1) * 7);
  return { kind: 'week', label: `${year}-W${pad(week)}`, from, to: addDays(from, 6) };
}

/** The period of `kind` containing the day `date`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, date: string): Period {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  switch (kind) {
    case 'day':
      return { kind, label: date, from: date, to: date };
    case 'week': {
      const w = isoWeekOf(date);
      return weekPeriod(w.year, w.week);
    }
    case 'month':
      return monthPeriod(year, month);
    case 'quarter':
      return quarterPeriod(year, Math.ceil(month / 3));
    case 'year':
      return { kind, label: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
    case 'ytd':
      return { kind, label: `${year}-01-01..${date}`, from: `${year}-01-01`, to: date };
  }
}

/**
 * The period of the same length just before: the previous day, week, month, quarter or year;
 * for a custom range, as many days ending the day before it starts.
 */
export function previousPeriod(period: Period): Period {
  // A year to date has no calendar predecessor of its length: like a custom range, the days before it.
  if (period.kind === 'custom' || period.kind === 'ytd') {
    const to = addDays(period.from, -1);
    const from = addDays(to, -(daysInPeriod(period) - 1));
    return { kind: 'custom', label: `${from}..${to}`, from, to };
  }
  return periodContaining(period.kind, addDays(period.from, -1));
}

/** The same date a year earlier; 29 February becomes 28 February. */
export function sameDateLastYear(date: string): string {
  const shifted = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return isRealDate(shifted) ? shifted : `${shifted.slice(0, 8)}28`;
}

/**
 * The same period a year earlier: the same month, quarter, year or ISO week of the year before,
 * a year to date ending on the same date, a custom range shifted by a year.
 */
export function samePeriodLastYear(period: Period): Period {
  switch (period.kind) {
    case 'custom': {
      const from = sameDateLastYear(period.from);
      const to = sameDateLastYear(period.to);
      return { kind: 'custom', label: `${from}..${to}`, from, to };
    }
    case 'ytd':
      return periodContaining('ytd', sameDateLastYear(period.to));
    case 'week': {
      const { year, week } = isoWeekOf(period.from);
      return weekPeriod(year - 1, Math.min(week, isoWeeksIn(year - 1)));
    }
    default:
      return periodContaining(period.kind, sameDateLastYear(period.from));
  }
}

/** The query of `GET /api/v1/rankings` and `GET /api/v1/units/:code/index` (the `period` part). */
export const periodQuerySchema = z
  .object({
    period: z.enum(PERIOD_KINDS, { error: `must be one of ${PERIOD_KINDS.join(', ')}` }).default('month'),
    /** Which day, week, month, quarter or year; absent: the current one. */
    date: z.string().optional(),
    /** A custom period's first and last day, inclusive. */
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (q.period === 'custom') {
      if (q.date !== undefined) issue('date', 'is not used with period=custom: give from and to');
      for (const key of ['from', 'to'] as const) {
        const value = q[key];
        if (value === undefined) issue(key, 'is required with period=custom (YYYY-MM-DD)');
        else if (!DATE.test(value) || !isRealDate(value)) issue(key, `'${value}' is not a date YYYY-MM-DD`);
      }
      if (q.from && q.to && isRealDate(q.from) && isRealDate(q.to)) {
        if (q.from > q.to) issue('to', 'must not be before from');
        else if (daysInPeriod({ from: q.from, to: q.to }) > MAX_CUSTOM_PERIOD_DAYS)
          issue('to', `a custom period is at most ${MAX_CUSTOM_PERIOD_DAYS} days`);
      }
      return;
    }
    if (q.from !== undefined || q.to !== undefined)
      issue('from', 'from and to are only used with period=custom');
    if (q.date === undefined) return;
    const format = FORMATS[q.period];
    const match = format.pattern.exec(q.date);
    if (!match) return issue('date', `'${q.date}' is not a ${q.period}: expected e.g. ${format.example}`);
    const year = Number(match[1]);
    if (year < 2000 || year > 2099) return issue('date', 'must be a year between 2000 and 2099');
    if ((q.period === 'day' || q.period === 'ytd') && !isRealDate(q.date))
      issue('date', `'${q.date}' is not a date`);
    if (q.period === 'month' && (Number(match[2]) < 1 || Number(match[2]) > 12))
      issue('date', `'${q.date}' has no month ${match[2]}`);
    if (q.period === 'week' && (Number(match[2]) < 1 || Number(match[2]) > isoWeeksIn(year)))
      issue('date', `${year} has ISO weeks 1 to ${isoWeeksIn(year)}`);
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

/** The period a valid query names; `today` (a Vietnam date) fills in a missing `date`. */
export function resolvePeriod(query: PeriodQuery, today: string): Period {
  if (query.period === 'custom') {
    const from = query.from ?? today;
    const to = query.to ?? today;
    return { kind: 'custom', label: `${from}..${to}`, from, to };
  }
  const { date } = query;
  if (date === undefined) return periodContaining(query.period, today);
  switch (query.period) {
    case 'day':
      return periodContaining('day', date);
    case 'week':
      return weekPeriod(Number(date.slice(0, 4)), Number(date.slice(6, 8)));
    case 'month':
      return monthPeriod(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
    case 'quarter':
      return quarterPeriod(Number(date.slice(0, 4)), Number(date.slice(6, 7)));
    case 'year':
      return periodContaining('year', `${date}-01-01`);
    case 'ytd':
      return periodContaining('ytd', date);
  }
}

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/**
 * The whole calendar months inside the days `[from, to]`, as the first days `[from, to)` of
 * those months (`2026-01-01` to `2027-01-01` for the year 2026): a ranking sums them from the
 * monthly rollups and only the days before and after them day by day. When the range holds no
 * whole month the result is empty, both bounds being the day after the range.
 */
export function wholeMonthsWithin(days: Pick<Period, 'from' | 'to'>): { from: string; to: string } {
  const end = addDays(days.to, 1);
  const from = days.from.endsWith('-01') ? days.from : firstOfMonth(addDays(firstOfMonth(days.from), 32));
  const to = firstOfMonth(end);
  return from < to ? { from, to } : { from: end, to: end };
}

/**
 * A period named by its label alone, as a list filter takes it (`received=2026-10`): a day
 * `2026-10-05`, an ISO week `2026-W43`, a month `2026-10`, a quarter `2026-Q4`, a year `2026`, or
 * days `2026-10-01..2026-10-15`. Returns the reason it is not one as a string.
 */
export function parsePeriodLabel(label: string): Period | string {
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label);
  const query: Record<string, string> | null = range
    ? { period: 'custom', from: range[1]!, to: range[2]! }
    : ((Object.entries(FORMATS) as [Exclude<PeriodKind, 'custom'>, { pattern: RegExp }][])
        .filter(([, format]) => format.pattern.test(label))
        .map(([period]) => ({ period, date: label }))[0] ?? null);
  if (!query)
    return `'${label}' is not a period: e.g. 2026-10-05, 2026-W43, 2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15`;
  const parsed = periodQuerySchema.safeParse(query);
  if (!parsed.success) return `'${label}': ${parsed.error.issues.map((i) => i.message).join('; ')}`;
  return resolvePeriod(parsed.data, label.slice(0, 10));
}
