import { z } from 'zod';
import { periodQuerySchema, periodSchema } from './period';
import { groupScoreSchema, indexScoreSchema } from './service-index-score';

/** One unit's line of `GET /api/v1/rankings`. */
export const rankingEntrySchema = z.object({
  /** Null for a low-volume unit or one with no dossiers: listed, never ranked. */
  rank: z.number().int().nullable(),
  /** Rank in the previous period of the same length; null when not ranked then. */
  previousRank: z.number().int().nullable(),
  /** Places gained (positive) or lost (negative) since the previous period. */
  rankChange: z.number().int().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  unitType: z.string(),
  formerProvince: z.string(),
  total: z.number().nullable(),
  groups: z.array(groupScoreSchema.pick({ id: true, points: true, maxPoints: true })),
  /** The dossiers behind the score (received in the period, not rejected or withdrawn). */
  dossiers: z.number().int(),
  /** Fewer dossiers than the minimum volume: the score is shown but not ranked. */
  lowVolume: z.boolean(),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

export const areaScoreSchema = z.object({
  /** `province`, or the former province's name. */
  scope: z.enum(['province', 'former-province']),
  name: z.string(),
  score: indexScoreSchema,
});
export type AreaScore = z.infer<typeof areaScoreSchema>;

/** `GET /api/v1/rankings`, and the realtime scope `ranking`. */
export const rankingSchema = z.object({
  period: periodSchema,
  previousPeriod: periodSchema,
  /** When the figures were computed: open dossiers are judged overdue or not at this instant. */
  evaluatedAt: z.string(),
  /** Units with fewer dossiers than this are flagged low-volume. */
  minDossiers: z.number().int(),
  /** Ranked units first (by total), then low-volume ones, then units without dossiers. */
  units: z.array(rankingEntrySchema),
  province: areaScoreSchema,
  formerProvinces: z.array(areaScoreSchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

/** `GET /api/v1/units/:code/index`: one unit's score with every indicator and the points it lost. */
export const unitIndexSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: periodSchema,
  evaluatedAt: z.string(),
  rank: z.number().int().nullable(),
  rankedUnits: z.number().int(),
  lowVolume: z.boolean(),
  minDossiers: z.number().int(),
  score: indexScoreSchema,
});
export type UnitIndex = z.infer<typeof unitIndexSchema>;

/** Why a dossier lost points on an indicator. */
export const LOST_POINT_REASONS = [
  'late',
  'overdue-open',
  'supplement-more-than-once',
  'not-synced',
  'not-filed-online',
  'not-digitized',
  'no-e-result',
  'not-paid-online',
  'poor-rating',
] as const;
export type LostPointReason = (typeof LOST_POINT_REASONS)[number];

/** A dossier that lost points; a poor rating not tied to a dossier has only its rating. */
export const lostPointDossierSchema = z.object({
  dossierCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  field: z.string().nullable(),
  channel: z.string().nullable(),
  status: z.string().nullable(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  pauseCount: z.number().int(),
  reason: z.enum(LOST_POINT_REASONS),
  /** For `poor-rating`: the rating and when it was given. */
  rating: z.number().int().optional(),
  ratedAt: z.string().optional(),
});
export type LostPointDossier = z.infer<typeof lostPointDossierSchema>;

/** `GET /api/v1/units/:code/index/lost-dossiers`: a page of what lost a unit points on one indicator. */
export const lostPointDossiersSchema = z.object({
  unitCode: z.string(),
  period: periodSchema,
  indicator: z.string(),
  evaluatedAt: z.string(),
  /** All dossiers (or ratings) that lost points on the indicator, not just this page. */
  total: z.number().int(),
  items: z.array(lostPointDossierSchema),
});
export type LostPointDossiers = z.infer<typeof lostPointDossiersSchema>;

export const lostDossiersQuerySchema = z
  .object({
    indicator: z.string({ error: 'is required: the id of an indicator, e.g. on-time' }).min(1),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .and(periodQuerySchema);
export type LostDossiersQuery = z.infer<typeof lostDossiersQuerySchema>;
