import { z } from 'zod';

/**
 * The rules of the national service index (Decision 766/QĐ-TTg) as data: groups, indicators,
 * points, caps and whether an item applies to communes. The national rules change, so the rules
 * are a list of versions, each in force from its `effectiveFrom` (a Vietnam date) until the next.
 */

/** The six groups of the index; their ids are stable, their names and points are data. */
export const SERVICE_INDEX_GROUP_IDS = [
  'transparency',
  'progress',
  'online-services',
  'digitisation',
  'satisfaction',
  'online-payment',
] as const;
export type ServiceIndexGroupId = (typeof SERVICE_INDEX_GROUP_IDS)[number];

/**
 * What the IOC can measure from the contract's data. Each measure is a rate in [0, 1] computed
 * from the counts of `ServiceIndexCounts` (see `measureRate`).
 */
export const SERVICE_INDEX_MEASURES = [
  /** Resolved dossiers synchronised to the national portal ÷ resolved dossiers. */
  'synced',
  /** (Resolved early or on time + still open within deadline) ÷ received; > 1 supplement request counts as late. */
  'on-time',
  /** Dossiers filed online of procedures offered full-process online ÷ dossiers of those procedures. */
  'full-process-online',
  /** Digitised dossiers ÷ received. */
  'digitized',
  /** Resolved dossiers with an electronic result ÷ resolved dossiers. */
  'e-result',
  /** 1 − (overdue share of received + share of ratings at 1–2). */
  'satisfaction',
  /** Dossiers paid online ÷ dossiers with a fee. */
  'paid-online',
] as const;
export type ServiceIndexMeasure = (typeof SERVICE_INDEX_MEASURES)[number];

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const POINTS_EPSILON = 1e-9;

const localizedName = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const points = z.number().positive().max(100);

export const serviceIndexIndicatorSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case slug'),
    name: localizedName,
    points,
    /** What the IOC measures; absent only for items that do not apply to communes. */
    measure: z.enum(SERVICE_INDEX_MEASURES).optional(),
    /** The rate at which the item earns full points (0.8 = full points at 80%); 1 = linear. */
    fullAt: z.number().gt(0).max(1).default(1),
    /** A commune is given full points for an item that does not apply to it. */
    appliesToCommunes: z.boolean().default(true),
  })
  .refine((i) => !i.appliesToCommunes || i.measure !== undefined, {
    message: 'an indicator that applies to communes needs a measure',
    path: ['measure'],
  });
export type ServiceIndexIndicatorRule = z.infer<typeof serviceIndexIndicatorSchema>;

export const serviceIndexGroupSchema = z
  .strictObject({
    id: z.enum(SERVICE_INDEX_GROUP_IDS),
    name: localizedName,
    points,
    indicators: z.array(serviceIndexIndicatorSchema).min(1),
  })
  .refine((g) => Math.abs(g.indicators.reduce((sum, i) => sum + i.points, 0) - g.points) < POINTS_EPSILON, {
    message: "the indicators' points must add up to the group's points",
    path: ['indicators'],
  })
  .refine((g) => new Set(g.indicators.map((i) => i.id)).size === g.indicators.length, {
    message: 'indicator ids must be unique within a group',
    path: ['indicators'],
  });
export type ServiceIndexGroupRule = z.infer<typeof serviceIndexGroupSchema>;

export const serviceIndexRulesVersionSchema = z
  .strictObject({
    effectiveFrom: z
      .string()
      .regex(DATE_PATTERN, 'must be a date YYYY-MM-DD')
      .refine(
        (d) =>
          !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
          new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        'is not a date',
      ),
    /** Where the version comes from (the decision or notice), shown with every score. */
    source: z.string().min(1),
    groups: z.array(serviceIndexGroupSchema).length(SERVICE_INDEX_GROUP_IDS.length),
  })
  .refine((v) => new Set(v.groups.map((g) => g.id)).size === v.groups.length, {
    message: 'each of the six groups must appear once',
    path: ['groups'],
  })
  .refine((v) => Math.abs(v.groups.reduce((sum, g) => sum + g.points, 0) - 100) < POINTS_EPSILON, {
    message: "the groups' points must add up to 100",
    path: ['groups'],
  });
export type ServiceIndexRulesVersion = z.infer<typeof serviceIndexRulesVersionSchema>;

/** All versions, in force one after the other. */
export const serviceIndexRulesSchema = z
  .array(serviceIndexRulesVersionSchema)
  .min(1)
  .refine((versions) => new Set(versions.map((v) => v.effectiveFrom)).size === versions.length, {
    message: 'two versions take effect on the same date',
  });

/** Versions sorted by the date they take effect. */
export function sortRulesVersions(versions: readonly ServiceIndexRulesVersion[]): ServiceIndexRulesVersion[] {
  return [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** A stretch of days `[from, to]` (inclusive Vietnam dates) scored with one version of the rules. */
export interface RulesSegment {
  from: string;
  to: string;
  rules: ServiceIndexRulesVersion;
}

/**
 * Cuts the days `[from, to]` at each rule change: each day is scored with the rules in force that
 * day. Days before the first version are left out (the first version starts with the province's
 * units, 1 July 2025: nothing before it can be scored); null when no day of the range is left.
 */
export function rulesSegments(
  versions: readonly ServiceIndexRulesVersion[],
  from: string,
  to: string,
): RulesSegment[] | null {
  const sorted = sortRulesVersions(versions);
  const first = sorted[0];
  if (!first || to < first.effectiveFrom) return null;
  const segments: RulesSegment[] = [];
  sorted.forEach((rules, index) => {
    const next = sorted[index + 1];
    const lastDay = next ? previousDate(next.effectiveFrom) : null;
    const segmentFrom = rules.effectiveFrom > from ? rules.effectiveFrom : from;
    const segmentTo = lastDay !== null && lastDay < to ? lastDay : to;
    if (segmentFrom <= segmentTo) segments.push({ from: segmentFrom, to: segmentTo, rules });
  });
  return segments;
}

function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
