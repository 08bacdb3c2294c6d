import { z } from 'zod';
import { periodQuerySchema, type Period } from './period';
import type { GroupScore, IndexScore } from './service-index-score';

/** One unit's line of `GET /api/v1/rankings`. */
export interface RankingEntry {
  /** Null for a low-volume unit or one with no dossiers: listed, never ranked. */
  rank: number | null;
  /** Rank in the previous period of the same length; null when not ranked then. */
  previousRank: number | null;
  /** Places gained (positive) or lost (negative) since the previous period. */
  rankChange: number | null;
  unitCode: string;
  unitName: string;
  unitType: string;
  formerProvince: string;
  total: number | null;
  groups: Pick<GroupScore, 'id' | 'points' | 'maxPoints'>[];
  /** The dossiers behind the score (received in the period, not rejected or withdrawn). */
  dossiers: number;
  /** Fewer dossiers than the minimum volume: the score is shown but not ranked. */
  lowVolume: boolean;
}

export interface AreaScore {
  /** `province`, or the former province's name. */
  scope: 'province' | 'former-province';
  name: string;
  score: IndexScore;
}

export interface Ranking {
  period: Period;
  previousPeriod: Period;
  /** When the figures were computed: open dossiers are judged overdue or not at this instant. */
  evaluatedAt: string;
  /** Units with fewer dossiers than this are flagged low-volume. */
  minDossiers: number;
  /** Ranked units first (by total), then low-volume ones, then units without dossiers. */
  units: RankingEntry[];
  province: AreaScore;
  formerProvinces: AreaScore[];
}

/** `GET /api/v1/units/:code/index`: one unit's score with every indicator and the points it lost. */
export interface UnitIndex {
  unitCode: string;
  unitName: string;
  period: Period;
  evaluatedAt: string;
  rank: number | null;
  rankedUnits: number;
  lowVolume: boolean;
  minDossiers: number;
  score: IndexScore;
}

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
export interface LostPointDossier {
  dossierCode: string | null;
  procedureCode: string | null;
  field: string | null;
  channel: string | null;
  status: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  pauseCount: number;
  reason: LostPointReason;
  /** For `poor-rating`: the rating and when it was given. */
  rating?: number;
  ratedAt?: string;
}

export interface LostPointDossiers {
  unitCode: string;
  period: Period;
  indicator: string;
  evaluatedAt: string;
  /** All dossiers (or ratings) that lost points on the indicator, not just this page. */
  total: number;
  items: LostPointDossier[];
}

export const lostDossiersQuerySchema = z
  .object({
    indicator: z.string({ error: 'is required: the id of an indicator, e.g. on-time' }).min(1),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .and(periodQuerySchema);
export type LostDossiersQuery = z.infer<typeof lostDossiersQuerySchema>;
