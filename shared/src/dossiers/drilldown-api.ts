import { z } from 'zod';
import { CHANNELS } from '../events/ingest-event';
import { FORMER_PROVINCES, type FormerProvinceSlug } from '../units/former-provinces';
import { UNIT_CODE_PATTERN } from '../units/unit';
import { parsePeriodLabel } from '../service-index/period';

/**
 * The drill-down (issue 14): lists of dossiers, one dossier with its deadline explained, and
 * processing times. Queries and answers are zod schemas, so the server validates a request and
 * the screens an answer with the same definition.
 */

/**
 * What a list's `status` may ask for (several, comma-separated, are OR-ed):
 * - `open`: received, in process or paused; `paused`: waiting for a supplement;
 * - `overdue`: open and past its deadline now (a paused dossier only if paused after it), as the
 *   wall counts it; `due-soon`: open, not paused, deadline within one working day;
 * - `no-apology`: overdue now and no apology letter issued (the wall's "late without apology");
 * - `resolved`: resolved, any outcome; `resolved-late`, `resolved-on-time`, `resolved-early`: by outcome;
 * - `rejected`, `withdrawn`: closed without a result.
 */
export const DOSSIER_LIST_STATUSES = [
  'open',
  'overdue',
  'due-soon',
  'paused',
  'no-apology',
  'resolved',
  'resolved-late',
  'resolved-on-time',
  'resolved-early',
  'rejected',
  'withdrawn',
] as const;
export type DossierListStatus = (typeof DOSSIER_LIST_STATUSES)[number];

/**
 * Orders of a list. `overdue`: most working time past the deadline first (for open dossiers the
 * earliest deadline first: the same order, and an index can read it); `received` / `-received`:
 * by receipt, oldest / newest first; `due` / `-due`: by deadline. Ties by unit and code.
 */
export const DOSSIER_LIST_SORTS = ['overdue', 'received', '-received', 'due', '-due'] as const;
export type DossierListSort = (typeof DOSSIER_LIST_SORTS)[number];

export const DOSSIER_LIST_MAX_LIMIT = 200;
const CODE_PREFIX_MAX = 64;

/** A comma-separated list parameter (`field=land,civil-status`), each value checked by `check`. */
const commaList = <T extends string>(what: string, check: (value: string) => value is T) =>
  z
    .string()
    .transform((raw, ctx) => {
      const values = [...new Set(raw.split(',').map((v) => v.trim()))];
      const bad = values.filter((v) => !check(v));
      if (values.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `'${bad[0] ?? raw}' is not ${what}` });
        return z.NEVER;
      }
      return values as T[];
    })
    .optional();

const isIn =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);
const isUnitCode = (value: string): value is string => UNIT_CODE_PATTERN.test(value);
const isToken = (value: string): value is string => /^[\w.:-]{1,64}$/.test(value);

const periodParam = z
  .string()
  .transform((label, ctx) => {
    const period = parsePeriodLabel(label);
    if (typeof period === 'string') {
      ctx.addIssue({ code: 'custom', message: period });
      return z.NEVER;
    }
    return period;
  })
  .optional();

/**
 * The filter of a list and of its exports. Units, fields and procedures are checked against the
 * reference data by the server (a 400 names the parameter); the shape is checked here. Unknown
 * parameters are refused, so a misspelt filter never silently widens a list.
 */
export const dossierFilterShape = {
  /** Unit codes (5 digits), comma-separated. */
  unit: commaList('a unit code (5 digits)', isUnitCode),
  /** `lam-dong`, `binh-thuan` or `dak-nong`. */
  formerProvince: z
    .enum(FORMER_PROVINCES.map((p) => p.slug) as [FormerProvinceSlug, ...FormerProvinceSlug[]], {
      error: `must be one of ${FORMER_PROVINCES.map((p) => p.slug).join(', ')}`,
    })
    .optional(),
  /** Field codes of the catalogue (`land`, `civil-status`...), comma-separated. */
  field: commaList('a field code', isToken),
  /** Procedure codes of the national catalogue (`1.001193`), comma-separated. */
  procedure: commaList('a procedure code', isToken),
  channel: commaList(`a channel (${CHANNELS.join(', ')})`, isIn(CHANNELS)),
  status: commaList(`a status (${DOSSIER_LIST_STATUSES.join(', ')})`, isIn(DOSSIER_LIST_STATUSES)),
  /** Received in this period (Vietnam days): `2026-10-05`, `2026-W43`, `2026-10`, `2026-Q4`, `2026`, `2026-10-01..2026-10-15`. */
  received: periodParam,
  /** Resolved in this period, same forms. */
  resolved: periodParam,
  /** The dossier code starts with this. */
  code: z.string().min(1).max(CODE_PREFIX_MAX).optional(),
};

export const dossierFilterSchema = z.strictObject(dossierFilterShape);
export type DossierFilter = z.infer<typeof dossierFilterSchema>;

/** `GET /api/v1/dossiers`: the filter, an order, a page size and the cursor of the page before. */
export const dossierListQuerySchema = z.strictObject({
  ...dossierFilterShape,
  /** Default: `overdue` when the filter is `status=overdue` (or `no-apology`), else `-received`. */
  sort: z.enum(DOSSIER_LIST_SORTS, { error: `must be one of ${DOSSIER_LIST_SORTS.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(DOSSIER_LIST_MAX_LIMIT).default(50),
  /** `next` of the page before, as given; it holds the order it was made for. */
  cursor: z.string().max(1024).optional(),
});
export type DossierListQuery = z.infer<typeof dossierListQuerySchema>;

/** Office time as people say it: whole working days (8 h), then hours and minutes. */
export const workingDurationSchema = z.object({
  workingMinutes: z.number().int(),
  days: z.number().int(),
  hours: z.number().int(),
  minutes: z.number().int(),
});

/** The dossier's lifecycle status, as the fold derives it. */
export const dossierStatusSchema = z.enum([
  'received',
  'in_process',
  'paused',
  'resolved',
  'returned',
  'rejected',
  'withdrawn',
  'unreceived',
]);

/** One row of a list (and of an export). Times are ISO instants. */
export const dossierListItemSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  code: z.string(),
  field: z.string().nullable(),
  procedureCode: z.string().nullable(),
  /** The catalogue's name of the procedure; null for a code it does not list. */
  procedureName: z.string().nullable(),
  channel: z.string().nullable(),
  status: dossierStatusSchema,
  /** Open and past the deadline now (as the wall counts it). */
  overdue: z.boolean(),
  outcome: z.enum(['early', 'on_time', 'late']).nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Working time past the deadline: up to now while open, up to the result when resolved late. */
  overdueBy: workingDurationSchema.nullable(),
  /** Working time of supplement pauses, an ongoing one up to now; null when never paused. */
  pausedFor: workingDurationSchema.nullable(),
  pauseCount: z.number().int(),
  /** When the apology letter was issued and the new date it promised. */
  apologizedAt: z.string().nullable(),
  apologyDueAt: z.string().nullable(),
  /** The citizen's latest rating of this dossier (1–5), if any. */
  rating: z.number().int().nullable(),
});
export type DossierListItem = z.infer<typeof dossierListItemSchema>;

export const dossierListSchema = z.object({
  /** Dossiers matching the filter (all pages), counted in the same snapshot as the page. */
  total: z.number().int(),
  /** The order applied (the default resolved). */
  sort: z.enum(DOSSIER_LIST_SORTS),
  /** When "overdue", "due soon" and the durations were judged (ISO). */
  at: z.string(),
  items: z.array(dossierListItemSchema),
  /** The cursor of the next page, null on the last one. */
  next: z.string().nullable(),
});
export type DossierList = z.infer<typeof dossierListSchema>;

/** One calendar day an explanation walked through. */
export const explainedDaySchema = z.object({
  date: z.string(),
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  kind: z.enum(['working', 'weekend', 'day-off']),
  /** The calendar's name of a day off (`Giỗ Tổ Hùng Vương`) or a make-up Saturday; else null. */
  name: z.string().nullable(),
  /** Office minutes this day counted toward the deadline (0 for a skipped day). */
  countedMinutes: z.number(),
  /** The first and last counted instants of the day (ISO), null when none. */
  countedFrom: z.string().nullable(),
  countedTo: z.string().nullable(),
});
export type ExplainedDay = z.infer<typeof explainedDaySchema>;

export const explainedPauseSchema = z.object({
  pausedAt: z.string(),
  /** When the pause ended (resumed, or resolved while paused); null while it lasts. */
  endedAt: z.string().nullable(),
  endedBy: z.enum(['resumed', 'resolved', 'ongoing']),
  /** Office time the pause lasted (so far, while ongoing): what the deadline moves by. */
  working: workingDurationSchema,
  dueBefore: z.string().nullable(),
  /** The deadline after this pause; null while it lasts (it moves when the pause ends). */
  dueAfter: z.string().nullable(),
  /** Days the deadline was moved through, skipped ones by name. */
  days: z.array(explainedDaySchema),
});
export type ExplainedPause = z.infer<typeof explainedPauseSchema>;

/**
 * Why the deadline is what it is, computed by the same code that computes it (`computeDueAt`,
 * `extendDueAtForPause` with a trace): every figure a sentence such as "Hạn 5 ngày làm việc;
 * nghỉ Giỗ Tổ Hùng Vương 27/4 không tính; tạm dừng bổ sung 2 giờ 30 phút làm việc; hạn trả
 * 06/05/2026 09:00; quá hạn 1 ngày 2 giờ" needs (`summary` is that sentence).
 */
export const deadlineExplanationSchema = z.object({
  /** The procedure's statutory time in the catalogue; null when it has none. */
  processingTime: z
    .object({ value: z.number(), unit: z.enum(['working-days', 'working-hours', 'days', 'same-day']) })
    .nullable(),
  /**
   * `computed`: from the statutory time and the calendar at receipt; `sent`: the commune's
   * software gave the appointment date on the receipt (no days to explain); `none`: no deadline.
   */
  source: z.enum(['computed', 'sent', 'none']),
  receivedAt: z.string().nullable(),
  /** The first instant counted: the receipt, or the next opening for a receipt out of office hours. */
  countingStartsAt: z.string().nullable(),
  /** `same-day`: received on a working day before 15:00 (due 17:00 that day) or not (next working day). */
  beforeSameDayCutoff: z.boolean().nullable(),
  /** `days`: the Nth calendar day after receipt, before a move to the next working day. */
  nthCalendarDay: z.string().nullable(),
  /** Each day from receipt to the statutory deadline: counted office time, or skipped by name. */
  days: z.array(explainedDaySchema),
  /** The appointment date printed on the receipt. */
  statutoryDueAt: z.string().nullable(),
  /**
   * Set only when today's calendar gives another date (the province edited it since the
   * receipt): the printed date stands.
   */
  recomputedDueAt: z.string().nullable(),
  pauses: z.array(explainedPauseSchema),
  /** Office time of all pauses (an ongoing one up to now). */
  pausedFor: workingDurationSchema,
  /** The deadline now: the statutory one moved by the pauses that ended. */
  dueAt: z.string().nullable(),
  /**
   * `late` / `on_time` / `early`: resolved, judged against `dueAt` (`by`: working time after it,
   * or before it for early and on time); `overdue`: open past the deadline (`by`: working time
   * since); `pending`: open within it (`by`: working time left); `closed`: rejected or withdrawn;
   * `none`: no deadline.
   */
  outcome: z.object({
    kind: z.enum(['late', 'on_time', 'early', 'overdue', 'pending', 'closed', 'none']),
    /** The result's time, or the moment judged for an open dossier (ISO). */
    at: z.string(),
    by: workingDurationSchema.nullable(),
  }),
  /** The explanation as one sentence, Vietnamese and English. */
  summary: z.object({ vi: z.string(), en: z.string() }),
});
export type DeadlineExplanation = z.infer<typeof deadlineExplanationSchema>;

/** One event of a dossier's timeline, in the order of `at`, with when and how it arrived. */
export const timelineEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  /** When it happened, as the commune's software says. */
  at: z.string(),
  /** When the IOC stored it; null where the log no longer holds it (retention). */
  arrivedAt: z.string().nullable(),
  /** 1 for the first event that arrived, 2 for the next... (ties: same request). */
  arrivalOrder: z.number().int().nullable(),
  /** It arrived after an event that happened later than it did (out of order). */
  arrivedLate: z.boolean(),
  /**
   * The ingest key it came with (id, name, prefix); null for events stored before keys were
   * recorded per event (migration RecordIngestKeyPerEvent) or sent without a key (in process).
   */
  key: z.object({ id: z.string(), name: z.string().nullable(), prefix: z.string().nullable() }).nullable(),
  /** The event as received (department, newDueAt, method...). */
  event: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** `GET /api/v1/dossiers/:unit/:code`. */
export const dossierDetailSchema = z.object({
  dossier: dossierListItemSchema.extend({
    statutoryDueAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /** Who holds it: the department it was last assigned to. */
    department: z.string().nullable(),
    digitized: z.boolean(),
    feeRequired: z.boolean(),
    paidOnline: z.boolean(),
    eResult: z.boolean(),
    syncedAt: z.string().nullable(),
    lastEventAt: z.string(),
    /** Working time from receipt to result, supplement pauses left out; null until resolved. */
    resolutionWorkingTime: workingDurationSchema.nullable(),
  }),
  timeline: z.array(timelineEntrySchema),
  deadline: deadlineExplanationSchema,
  anomalies: z.array(z.object({ eventId: z.string(), kind: z.string(), at: z.string(), detail: z.string() })),
  feedback: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      rating: z.number().int(),
      source: z.string(),
      /** Null where the caller may not read comments, or none was given. */
      comment: z.string().nullable(),
    }),
  ),
  at: z.string(),
});
export type DossierDetail = z.infer<typeof dossierDetailSchema>;

export const PROCESSING_TIME_GROUPS = ['procedure', 'unit', 'field'] as const;

/** `GET /api/v1/processing-times`: the filter of a list (no status), a resolution period, a grouping. */
export const processingTimesQuerySchema = z.strictObject({
  unit: dossierFilterShape.unit,
  formerProvince: dossierFilterShape.formerProvince,
  field: dossierFilterShape.field,
  procedure: dossierFilterShape.procedure,
  channel: dossierFilterShape.channel,
  /** Resolved in this period (default: the last 12 whole months and the current one). */
  period: periodParam,
  /** Rows per procedure (default), per procedure and unit, or per procedure and field... comma-separated. */
  groupBy: commaList(`one of ${PROCESSING_TIME_GROUPS.join(', ')}`, isIn(PROCESSING_TIME_GROUPS)),
});
export type ProcessingTimesQuery = z.infer<typeof processingTimesQuerySchema>;

const processingFiguresSchema = z.object({
  resolved: z.number().int(),
  /** Working time from receipt to result (pauses left out), in working minutes. */
  medianWorkingMinutes: z.number().nullable(),
  p90WorkingMinutes: z.number().nullable(),
  /** Resolved early or on time ÷ resolved; null with none resolved. */
  onTimeShare: z.number().nullable(),
});

export const processingTimesSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** The same days a year before. */
  previousYear: z.object({ from: z.string(), to: z.string() }),
  groupBy: z.array(z.enum(PROCESSING_TIME_GROUPS)),
  rows: z.array(
    z.object({
      procedureCode: z.string().nullable(),
      procedureName: z.string().nullable(),
      unitCode: z.string().nullable(),
      field: z.string().nullable(),
      /** The whole period. */
      total: processingFiguresSchema,
      /** The same days a year before; `change` compares the medians and on-time shares. */
      previousYear: processingFiguresSchema,
      change: z.object({
        /** (median now − median then) ÷ median then; −0.5 is "cut by half". */
        medianRatio: z.number().nullable(),
        onTimeShareDelta: z.number().nullable(),
      }),
      /** Per month of resolution (`2026-10`), with the same month a year before. */
      months: z.array(
        processingFiguresSchema.extend({ month: z.string(), previousYear: processingFiguresSchema }),
      ),
    }),
  ),
});
export type ProcessingTimes = z.infer<typeof processingTimesSchema>;
