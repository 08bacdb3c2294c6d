import { z } from 'zod';
import { FORMER_PROVINCES, type FormerProvinceSlug } from '../units/former-provinces';
import { UNIT_CODE_PATTERN } from '../units/unit';
import { periodQuerySchema, periodSchema, type Period } from '../service-index/period';
import { appliedRulesSchema } from '../service-index/service-index-score';
import { SERVICE_INDEX_GROUP_IDS } from '../service-index/service-index-rules';
import { workingTimeMedianSchema } from './working-time';

/**
 * The Party committee meeting report (issue 15): a period's figures for the province, each
 * former province and each of the 124 units, compared with the previous period and the same
 * period last year, the units that moved most and why, a headline block and chart data. One
 * schema for the live report (`GET /api/v1/reports`), the frozen snapshot
 * (`/api/v1/report-snapshots/:id`), its PDF and its XLSX: the screens, the PDF and the
 * spreadsheet show the numbers held here, formatted by `report-format.ts`, never recomputed.
 */

/** The periods a meeting reviews (the service index also scores days and weeks). */
export const REPORT_PERIOD_KINDS = ['month', 'quarter', 'ytd', 'year', 'custom'] as const;

const FIELD_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * `GET /api/v1/reports` and `POST /api/v1/report-snapshots`: the period (as the ranking takes it,
 * plus `ytd`: `date` is its last day) and the filter. `field` (comma-separated) narrows the
 * dossier figures to those fields; the service index stays the unit's, over all its fields.
 */
export const reportQuerySchema = z
  .object({
    formerProvince: z
      .enum(FORMER_PROVINCES.map((p) => p.slug) as [FormerProvinceSlug, ...FormerProvinceSlug[]], {
        error: `must be one of ${FORMER_PROVINCES.map((p) => p.slug).join(', ')}`,
      })
      .optional(),
    field: z
      .string()
      .transform((raw, ctx) => {
        const fields = [...new Set(raw.split(',').map((f) => f.trim()))].sort();
        const bad = fields.find((f) => !FIELD_PATTERN.test(f));
        if (fields.length === 0 || bad !== undefined) {
          ctx.addIssue({ code: 'custom', message: `'${bad ?? raw}' is not a field code (e.g. land)` });
          return z.NEVER;
        }
        return fields;
      })
      .optional(),
  })
  .and(periodQuerySchema)
  .superRefine((q, ctx) => {
    if (!(REPORT_PERIOD_KINDS as readonly string[]).includes(q.period)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: `a meeting report is for one of ${REPORT_PERIOD_KINDS.join(', ')}`,
      });
    }
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The body of `POST /api/v1/report-snapshots` ("Chốt số liệu"): the report's query, as JSON. */
export const takeSnapshotRequestSchema = reportQuerySchema;

const share = z.number().nullable();

/**
 * A period's dossier figures. The dossiers are those received in the period (Vietnam days),
 * rejected and withdrawn ones left out, each judged at `evaluatedAt` — the service index's
 * dossiers. Stock figures (`overdueAtEnd`) count every open dossier whatever its receipt.
 */
export const periodFiguresSchema = z.object({
  received: z.number().int(),
  /** Of those, resolved by `evaluatedAt`. */
  resolved: z.number().int(),
  /** (Resolved early or on time + open within the deadline) ÷ received: the index's on-time measure. */
  onTimeShare: share,
  /**
   * Dossiers open and past their deadline at the period's last instant (or at `evaluatedAt` for
   * a period not over yet), whenever received: reconstructed from their deadlines and results.
   */
  overdueAtEnd: z.number().int(),
  /** Median office time from receipt to result of the resolved ones (see `working-time.ts`). */
  medianWorkingTime: workingTimeMedianSchema.nullable(),
  /** Filed online ÷ received. */
  onlineShare: share,
  /** Citizen ratings given in the period (by their day), of the whole units: null when filtered by field. */
  ratings: z.number().int().nullable(),
  satisfactionAverage: z.number().nullable(),
  /** Ratings of 1–2 ÷ ratings. */
  poorRatingShare: share,
});
export type PeriodFigures = z.infer<typeof periodFiguresSchema>;

export const reportGroupPointsSchema = z.object({
  id: z.enum(SERVICE_INDEX_GROUP_IDS),
  points: z.number(),
  maxPoints: z.number(),
});

/** The service index of a row in a period: over all its fields, whatever the field filter. */
export const reportIndexSchema = z.object({
  /** Null when nothing was received: no score. */
  total: z.number().nullable(),
  /** The six groups; none when there is no score. */
  groups: z.array(reportGroupPointsSchema),
  /** A unit's rank among the ranked units; null for areas, low-volume units and units without a score. */
  rank: z.number().int().nullable(),
  lowVolume: z.boolean(),
  /** The dossiers behind the score. */
  dossiers: z.number().int(),
});
export type ReportIndex = z.infer<typeof reportIndexSchema>;

export const rowPeriodSchema = z.object({
  figures: periodFiguresSchema,
  /** Null when no service index rules were in force in the period. */
  index: reportIndexSchema.nullable(),
});
export type RowPeriod = z.infer<typeof rowPeriodSchema>;

/** The current period against a comparison period. */
export const rowChangeSchema = z.object({
  /** Relative change of the dossiers received (0.1 = 10 % more); null when the other had none. */
  received: z.number().nullable(),
  /** Difference of the on-time shares (0.05 = 5 percentage points). */
  onTimeShare: z.number().nullable(),
  overdueAtEnd: z.number().int(),
  /** Points of the index gained (positive) or lost. */
  index: z.number().nullable(),
  /** Places gained (positive) or lost; null unless ranked in both. */
  rank: z.number().int().nullable(),
});
export type RowChange = z.infer<typeof rowChangeSchema>;

export const reportRowSchema = z.object({
  scope: z.enum(['province', 'former-province', 'unit']),
  /** The unit's code, the former province's slug, or `province`. */
  code: z.string(),
  name: z.string(),
  /** A unit's former province (its name); null for areas. */
  formerProvince: z.string().nullable(),
  /** Dossiers open and overdue at `evaluatedAt`, as the wall counts them. */
  overdueNow: z.number().int(),
  current: rowPeriodSchema,
  previous: rowPeriodSchema,
  lastYear: rowPeriodSchema,
  change: z.object({ previous: rowChangeSchema, lastYear: rowChangeSchema }),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

/** The province's (or the former province's, when filtered) figures of one field. */
export const fieldRowSchema = z.object({
  field: z.string(),
  name: z.string(),
  overdueNow: z.number().int(),
  current: periodFiguresSchema,
  previous: periodFiguresSchema,
  lastYear: periodFiguresSchema,
});
export type FieldRow = z.infer<typeof fieldRowSchema>;

export const moverIndicatorSchema = z.object({
  groupId: z.enum(SERVICE_INDEX_GROUP_IDS),
  id: z.string(),
  name: z.object({ vi: z.string(), en: z.string() }),
  points: z.number(),
  previousPoints: z.number(),
  /** Points gained (positive) or lost since the previous period. */
  change: z.number(),
  rate: z.number().nullable(),
  previousRate: z.number().nullable(),
  /** The dossiers (and ratings) that lost points on it this period, and in the previous one. */
  lostDossiers: z.string(),
  previousLostDossiers: z.string(),
});
export type MoverIndicator = z.infer<typeof moverIndicatorSchema>;

/** A unit that rose or fell in the ranking, and the indicators whose points moved, most first. */
export const moverSchema = z.object({
  unitCode: z.string().regex(UNIT_CODE_PATTERN),
  unitName: z.string(),
  formerProvince: z.string(),
  rank: z.number().int(),
  previousRank: z.number().int(),
  rankChange: z.number().int(),
  total: z.number(),
  previousTotal: z.number(),
  indexChange: z.number(),
  indicators: z.array(moverIndicatorSchema),
});
export type Mover = z.infer<typeof moverSchema>;

export const rankedUnitSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  rank: z.number().int(),
  total: z.number(),
});

export const reportHeadlineSchema = z.object({
  /** The index of the scope (the province, or the former province filtered on). */
  scopeName: z.string(),
  index: z.number().nullable(),
  indexChange: z.object({ previous: z.number().nullable(), lastYear: z.number().nullable() }),
  received: z.number().int(),
  onTimeShare: share,
  /** The three best and the three worst ranked units of the scope. */
  best: z.array(rankedUnitSchema),
  worst: z.array(rankedUnitSchema),
  overdueAtEnd: z.number().int(),
  overdueNow: z.number().int(),
});
export type ReportHeadline = z.infer<typeof reportHeadlineSchema>;

export const reportChartsSchema = z.object({
  /** Units by index, best first; units without a score last. */
  indexByUnit: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      total: z.number().nullable(),
      rank: z.number().int().nullable(),
      lowVolume: z.boolean(),
    }),
  ),
  /** The scope's on-time share in each of the 12 months ending with the period's last month. */
  onTimeByMonth: z.array(z.object({ month: z.string(), received: z.number().int(), onTimeShare: share })),
  /** The change of each unit's index against the previous period (for the map), largest rise first. */
  indexChangeByUnit: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      formerProvince: z.string(),
      total: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
});
export type ReportCharts = z.infer<typeof reportChartsSchema>;

export const meetingReportSchema = z.object({
  schemaVersion: z.literal(1),
  period: periodSchema,
  previousPeriod: periodSchema,
  lastYearPeriod: periodSchema,
  /** When the figures were computed: open dossiers are judged at this instant. */
  evaluatedAt: z.string(),
  filter: z.object({
    formerProvince: z.string().nullable(),
    /** The fields the dossier figures are narrowed to; null: all. */
    fields: z.array(z.string()).nullable(),
  }),
  /** Units with fewer dossiers than this are low-volume: shown, not ranked. */
  minDossiers: z.number().int(),
  /** The rules versions each period was scored with, and the days each covered. */
  rules: z.object({
    current: z.array(appliedRulesSchema),
    previous: z.array(appliedRulesSchema),
    lastYear: z.array(appliedRulesSchema),
  }),
  headline: reportHeadlineSchema,
  province: reportRowSchema,
  formerProvinces: z.array(reportRowSchema),
  /** Ranked units by rank, then low-volume ones, then those without a score (the filter's units). */
  units: z.array(reportRowSchema),
  byField: z.array(fieldRowSchema),
  movers: z.object({ risers: z.array(moverSchema), fallers: z.array(moverSchema) }),
  charts: reportChartsSchema,
});
export type MeetingReport = z.infer<typeof meetingReportSchema>;

/**
 * What a reader's role lets it see of a report (`reportView`): everything, the dossier figures
 * of a department head's fields, or a unit officer's unit. `omitted` names what was left out.
 */
export const reportViewSchema = z.object({
  kind: z.enum(['full', 'fields', 'unit']),
  omitted: z.array(z.string()),
});
export type ReportView = z.infer<typeof reportViewSchema>;

/** `GET /api/v1/reports`. */
export const liveReportSchema = z.object({ view: reportViewSchema, report: meetingReportSchema });
export type LiveReport = z.infer<typeof liveReportSchema>;

export const snapshotSummarySchema = z.object({
  id: z.string(),
  period: periodSchema,
  previousPeriod: periodSchema,
  lastYearPeriod: periodSchema,
  filter: meetingReportSchema.shape.filter,
  /** The rules versions (their effective dates) the snapshot's periods were scored with. */
  rulesVersions: z.array(z.string()),
  takenAt: z.string(),
  takenBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  /** SHA-256 (hex) of the report's canonical JSON (`canonicalJson`). */
  contentHash: z.string(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** `GET /api/v1/report-snapshots/:id`, and the answer of `POST /api/v1/report-snapshots`. */
export const reportSnapshotSchema = snapshotSummarySchema.extend({
  view: reportViewSchema,
  report: meetingReportSchema,
});
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export const snapshotListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The id of the last snapshot of the page before: older ones follow. */
  before: z.string().uuid({ error: 'must be the id of a snapshot' }).optional(),
});
export type SnapshotListQuery = z.infer<typeof snapshotListQuerySchema>;

/** `GET /api/v1/report-snapshots`: newest first. */
export const snapshotListSchema = z.object({
  items: z.array(snapshotSummarySchema),
  /** `before` of the next page; null at the end. */
  next: z.string().nullable(),
});
export type SnapshotList = z.infer<typeof snapshotListSchema>;

/**
 * JSON with object keys sorted at every level, no spaces: the text a snapshot's content hash is
 * taken of. The database's jsonb keeps neither key order nor spacing, so the hash can be checked
 * against the stored report at any time.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A period as the query of the service index routes (`period=month&date=2026-10`). */
export function periodQueryString(period: Period): string {
  switch (period.kind) {
    case 'custom':
      return `period=custom&from=${period.from}&to=${period.to}`;
    case 'ytd':
      return `period=ytd&date=${period.to}`;
    default:
      return `period=${period.kind}&date=${period.label}`;
  }
}
