import { z } from 'zod';
import {
  SERVICE_INDEX_GROUP_IDS,
  SERVICE_INDEX_MEASURES,
  type RulesSegment,
  type ServiceIndexGroupId,
  type ServiceIndexIndicatorRule,
  type ServiceIndexMeasure,
} from './service-index-rules';

/**
 * What the index is computed from, for one unit (or a sum of units) over some days. Dossiers are
 * those received in the days, except rejected and withdrawn ones (no result was owed); their
 * state is the one known at the moment of evaluation.
 */
export const serviceIndexCountsSchema = z.object({
  /** Dossiers received and not rejected or withdrawn: resolved + open. */
  received: z.number(),
  resolved: z.number(),
  /** Resolved early or on time, with at most one supplement request. */
  resolvedInTime: z.number(),
  open: z.number(),
  /** Open and past the deadline at the moment of evaluation, or with more than one supplement request. */
  openOverdue: z.number(),
  /** Resolved and synchronised to the national portal. */
  synced: z.number(),
  /** Of procedures offered full-process online. */
  fullProcess: z.number(),
  fullProcessOnline: z.number(),
  digitized: z.number(),
  /** Resolved with an electronic result. */
  eResult: z.number(),
  feeRequired: z.number(),
  paidOnline: z.number(),
  /** Citizen ratings given in the days (by the day of the rating). */
  ratings: z.number(),
  /** Ratings of 1 or 2 (Không hài lòng, Rất không hài lòng). */
  poorRatings: z.number(),
  /** The ratings' levels added up: their average is `ratingSum ÷ ratings` (the meeting report shows it). */
  ratingSum: z.number(),
});
export type ServiceIndexCounts = z.infer<typeof serviceIndexCountsSchema>;

export const EMPTY_COUNTS: Readonly<ServiceIndexCounts> = {
  received: 0,
  resolved: 0,
  resolvedInTime: 0,
  open: 0,
  openOverdue: 0,
  synced: 0,
  fullProcess: 0,
  fullProcessOnline: 0,
  digitized: 0,
  eResult: 0,
  feeRequired: 0,
  paidOnline: 0,
  ratings: 0,
  poorRatings: 0,
  ratingSum: 0,
};

const COUNT_KEYS = Object.keys(EMPTY_COUNTS) as (keyof ServiceIndexCounts)[];

export function addCounts(a: ServiceIndexCounts, b: ServiceIndexCounts): ServiceIndexCounts {
  const sum = { ...a };
  for (const key of COUNT_KEYS) sum[key] += b[key];
  return sum;
}

/** Dossiers that count as on time: resolved in time, or open and still within the deadline. */
export function inTimeDossiers(c: ServiceIndexCounts): number {
  return c.resolvedInTime + c.open - c.openOverdue;
}

export interface MeasuredRate {
  /** Null when nothing was there to measure (a zero denominator). */
  rate: number | null;
  numerator: number;
  denominator: number;
}

/** The rate of one measure; `satisfaction` has two terms and reports its good dossiers and ratings. */
export function measureRate(measure: ServiceIndexMeasure, c: ServiceIndexCounts): MeasuredRate {
  const ratio = (numerator: number, denominator: number): MeasuredRate => ({
    rate: denominator === 0 ? null : numerator / denominator,
    numerator,
    denominator,
  });
  switch (measure) {
    case 'synced':
      return ratio(c.synced, c.resolved);
    case 'on-time':
      return ratio(inTimeDossiers(c), c.received);
    case 'full-process-online':
      return ratio(c.fullProcessOnline, c.fullProcess);
    case 'digitized':
      return ratio(c.digitized, c.received);
    case 'e-result':
      return ratio(c.eResult, c.resolved);
    case 'paid-online':
      return ratio(c.paidOnline, c.feeRequired);
    case 'satisfaction': {
      if (c.received === 0) return { rate: null, numerator: 0, denominator: 0 };
      const overdueShare = (c.received - inTimeDossiers(c)) / c.received;
      const poorShare = c.ratings === 0 ? 0 : c.poorRatings / c.ratings;
      // Numerator and denominator are shown as "good" parts: dossiers not overdue and ratings not poor.
      return {
        rate: Math.max(0, 1 - overdueShare - poorShare),
        numerator: inTimeDossiers(c) + c.ratings - c.poorRatings,
        denominator: c.received + c.ratings,
      };
    }
  }
}

/**
 * Points of one indicator: `points × min(1, rate ÷ fullAt)`. An item that does not apply to
 * communes, or with nothing to measure (no dossier of that kind), earns its full points: a unit
 * loses points only for dossiers that went wrong.
 */
export function indicatorPoints(rule: ServiceIndexIndicatorRule, rate: number | null): number {
  if (!rule.appliesToCommunes || rate === null) return rule.points;
  return rule.points * Math.min(1, Math.max(0, rate) / rule.fullAt);
}

const localizedName = z.object({ vi: z.string(), en: z.string() });

export const indicatorScoreSchema = z.object({
  groupId: z.enum(SERVICE_INDEX_GROUP_IDS),
  id: z.string(),
  name: localizedName,
  measure: z.enum(SERVICE_INDEX_MEASURES).nullable(),
  appliesToCommunes: z.boolean(),
  /** Full points at this rate (of the latest rules in the period). */
  fullAt: z.number(),
  rate: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  points: z.number(),
  maxPoints: z.number(),
  lostPoints: z.number(),
});
export type IndicatorScore = z.infer<typeof indicatorScoreSchema>;

export const groupScoreSchema = z.object({
  id: z.enum(SERVICE_INDEX_GROUP_IDS),
  name: localizedName,
  points: z.number(),
  maxPoints: z.number(),
  lostPoints: z.number(),
  indicators: z.array(indicatorScoreSchema),
});
export type GroupScore = z.infer<typeof groupScoreSchema>;

export const appliedRulesSchema = z.object({
  effectiveFrom: z.string(),
  source: z.string(),
  /** The days of the period scored with these rules, and the dossiers received in them. */
  from: z.string(),
  to: z.string(),
  dossiers: z.number(),
});
export type AppliedRules = z.infer<typeof appliedRulesSchema>;

export const indexScoreSchema = z.object({
  /** Null when no dossier was received in the period: there is nothing to score. */
  total: z.number().nullable(),
  maxPoints: z.number(),
  lostPoints: z.number(),
  dossiers: z.number(),
  groups: z.array(groupScoreSchema),
  rules: z.array(appliedRulesSchema),
  counts: serviceIndexCountsSchema,
});
export type IndexScore = z.infer<typeof indexScoreSchema>;

export interface CountedSegment extends RulesSegment {
  counts: ServiceIndexCounts;
}

interface IndicatorSlot {
  groupId: ServiceIndexGroupId;
  groupName: GroupScore['name'];
  rule: ServiceIndexIndicatorRule;
}

/** Each rules version's indicators by `group/indicator`, found once: a ranking scores 250 times. */
const slotsByRules = new WeakMap<RulesSegment['rules'], ReadonlyMap<string, IndicatorSlot>>();

/** The segments' indicators: the latest rules' first, then any that only earlier rules had. */
function slotsOf(segments: readonly RulesSegment[]): ReadonlyMap<string, IndicatorSlot> {
  const own = (rules: RulesSegment['rules']) => {
    let slots = slotsByRules.get(rules);
    if (!slots) {
      const built = new Map<string, IndicatorSlot>();
      for (const group of rules.groups) {
        for (const rule of group.indicators) {
          built.set(`${group.id}/${rule.id}`, { groupId: group.id, groupName: group.name, rule });
        }
      }
      slotsByRules.set(rules, (slots = built));
    }
    return slots;
  };
  if (segments.length === 1) return own(segments[0]!.rules);
  const slots = new Map<string, IndicatorSlot>();
  for (const segment of [...segments].reverse()) {
    for (const [key, slot] of own(segment.rules)) if (!slots.has(key)) slots.set(key, slot);
  }
  return slots;
}

/**
 * Scores a period from its rule segments. One segment: each indicator's points follow its rate.
 * When the rules change inside the period, each segment is scored with its own rules and the
 * points are averaged weighted by the dossiers received in each segment, so every dossier is
 * judged by the rules in force the day it was received. Rates shown are over the whole period.
 */
export function scoreIndex(segments: readonly CountedSegment[]): IndexScore {
  const counts =
    segments.length === 1
      ? segments[0]!.counts
      : segments.reduce((sum, s) => addCounts(sum, s.counts), EMPTY_COUNTS);
  const latest = segments[segments.length - 1];
  if (!latest) throw new Error('a period has at least one rule segment');
  const weighted = segments.filter((s) => s.counts.received > 0);
  const weightSum = weighted.reduce((sum, s) => sum + s.counts.received, 0);
  const slots = slotsOf(segments);
  const indicators: IndicatorScore[] = [...slots.entries()].map(([key, { groupId, rule }]) => {
    let points = 0;
    let maxPoints = 0;
    for (const segment of weighted) {
      const segmentRule = slotsOf([segment]).get(key)?.rule;
      if (!segmentRule) continue;
      const weight = segment.counts.received / weightSum;
      const segmentRate = segmentRule.measure ? measureRate(segmentRule.measure, segment.counts).rate : null;
      points += weight * indicatorPoints(segmentRule, segmentRate);
      maxPoints += weight * segmentRule.points;
    }
    if (weighted.length === 0) maxPoints = rule.points;
    const measured = rule.measure
      ? measureRate(rule.measure, counts)
      : { rate: null, numerator: 0, denominator: 0 };
    return {
      groupId,
      id: rule.id,
      name: rule.name,
      measure: rule.measure ?? null,
      appliesToCommunes: rule.appliesToCommunes,
      fullAt: rule.fullAt,
      ...measured,
      points,
      maxPoints,
      lostPoints: maxPoints - points,
    };
  });
  const groups: GroupScore[] = [];
  for (const { groupId, groupName } of slots.values()) {
    if (groups.some((g) => g.id === groupId)) continue;
    const own = indicators.filter((i) => i.groupId === groupId);
    const points = own.reduce((sum, i) => sum + i.points, 0);
    const maxPoints = own.reduce((sum, i) => sum + i.maxPoints, 0);
    groups.push({
      id: groupId,
      name: groupName,
      points,
      maxPoints,
      lostPoints: maxPoints - points,
      indicators: own,
    });
  }
  const total = counts.received === 0 ? null : groups.reduce((sum, g) => sum + g.points, 0);
  const maxPoints = groups.reduce((sum, g) => sum + g.maxPoints, 0);
  return {
    total,
    maxPoints,
    lostPoints: total === null ? 0 : maxPoints - total,
    dossiers: counts.received,
    groups,
    rules: segments.map((s) => ({
      effectiveFrom: s.rules.effectiveFrom,
      source: s.rules.source,
      from: s.from,
      to: s.to,
      dossiers: s.counts.received,
    })),
    counts,
  };
}
