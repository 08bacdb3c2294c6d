/**
 * The live figures, the same shape for a unit, a field, a former province and the whole province.
 *
 * The server counts `LiveCounts` per unit and field (one "cell" per pair); every group is the sum of
 * its cells, and every rate is derived from the summed counts (never an average of averages), so a
 * unit, its fields and the province can never disagree.
 */
export interface LiveCounts {
  /** Open dossiers: received, in process or paused for a supplement. */
  backlog: number;
  inProcess: number;
  /** Paused for a supplement: the deadline clock is stopped. */
  paused: number;
  /** Open and past the deadline right now (a paused dossier only if paused after its deadline). */
  overdue: number;
  /** Open, not paused, not yet overdue, and due within one working day (8 office hours) from now. */
  dueWithinOneWorkingDay: number;
  /** Overdue right now and no apology letter issued. */
  lateWithoutApology: number;
  receivedToday: number;
  receivedOnlineToday: number;
  resolvedEarlyToday: number;
  resolvedOnTimeToday: number;
  resolvedLateToday: number;
  /** The last 30 Vietnam days, today included. */
  received30d: number;
  receivedOnline30d: number;
  resolved30d: number;
  /** Resolved early or on time. */
  resolvedInTime30d: number;
  ratingsToday: number;
  ratingSumToday: number;
  /** Ratings of 1 or 2 (Không hài lòng, Rất không hài lòng). */
  lowRatingsToday: number;
  ratings30d: number;
  ratingSum30d: number;
  lowRatings30d: number;
  /** Ratings by level, today and over 30 days: the distribution the feedback panel draws. */
  ratedOneToday: number;
  ratedTwoToday: number;
  ratedThreeToday: number;
  ratedFourToday: number;
  ratedFiveToday: number;
  ratedOne30d: number;
  ratedTwo30d: number;
  ratedThree30d: number;
  ratedFour30d: number;
  ratedFive30d: number;
  /** Inconsistencies detected in the events received today (see `AnomalyKind`). */
  anomaliesToday: number;
}

export const LIVE_COUNT_KEYS = [
  'backlog',
  'inProcess',
  'paused',
  'overdue',
  'dueWithinOneWorkingDay',
  'lateWithoutApology',
  'receivedToday',
  'receivedOnlineToday',
  'resolvedEarlyToday',
  'resolvedOnTimeToday',
  'resolvedLateToday',
  'received30d',
  'receivedOnline30d',
  'resolved30d',
  'resolvedInTime30d',
  'ratingsToday',
  'ratingSumToday',
  'lowRatingsToday',
  'ratings30d',
  'ratingSum30d',
  'lowRatings30d',
  'ratedOneToday',
  'ratedTwoToday',
  'ratedThreeToday',
  'ratedFourToday',
  'ratedFiveToday',
  'ratedOne30d',
  'ratedTwo30d',
  'ratedThree30d',
  'ratedFour30d',
  'ratedFive30d',
  'anomaliesToday',
] as const satisfies readonly (keyof LiveCounts)[];

/** Rates are null when there is nothing to divide by: "no data" is never shown as 0 %. */
export interface LiveRates {
  resolvedToday: number;
  /** (early + on time) ÷ resolved, 0–1. */
  onTimeRateToday: number | null;
  onTimeRate30d: number | null;
  /** Received online ÷ received, 0–1. */
  onlineShareToday: number | null;
  onlineShare30d: number | null;
  /** 1–5, two decimals. */
  ratingAverageToday: number | null;
  ratingAverage30d: number | null;
  /** Share of ratings 1–2, 0–1. */
  lowRatingShareToday: number | null;
  lowRatingShare30d: number | null;
}

export interface LiveFreshness {
  /** Units in the group (1 for a unit). */
  units: number;
  /** Units that sent events before but none for the configured office time: figures may be stale. */
  silentUnits: number;
  /** Units that never sent an event: "no data", which is not zero. */
  unitsWithoutData: number;
  /** ISO instant of the group's most recent event; null when none ever came. */
  lastEventAt: string | null;
}

export type LiveFigures = LiveCounts & LiveRates & LiveFreshness;

/** The per-level counts, rating 1 first. */
export const RATED_TODAY_KEYS = [
  'ratedOneToday',
  'ratedTwoToday',
  'ratedThreeToday',
  'ratedFourToday',
  'ratedFiveToday',
] as const satisfies readonly (keyof LiveCounts)[];
export const RATED_30D_KEYS = [
  'ratedOne30d',
  'ratedTwo30d',
  'ratedThree30d',
  'ratedFour30d',
  'ratedFive30d',
] as const satisfies readonly (keyof LiveCounts)[];

export function emptyLiveCounts(): LiveCounts {
  const counts = {} as LiveCounts;
  for (const key of LIVE_COUNT_KEYS) counts[key] = 0;
  return counts;
}

export function addLiveCounts(into: LiveCounts, add: LiveCounts): void {
  for (const key of LIVE_COUNT_KEYS) into[key] += add[key];
}

export function sameLiveCounts(a: LiveCounts, b: LiveCounts): boolean {
  return LIVE_COUNT_KEYS.every((key) => a[key] === b[key]);
}

function ratio(numerator: number, denominator: number, digits: number): number | null {
  if (denominator === 0) return null;
  const scale = 10 ** digits;
  return Math.round((numerator / denominator) * scale) / scale;
}

export function liveRates(counts: LiveCounts): LiveRates {
  const resolvedToday = counts.resolvedEarlyToday + counts.resolvedOnTimeToday + counts.resolvedLateToday;
  return {
    resolvedToday,
    onTimeRateToday: ratio(counts.resolvedEarlyToday + counts.resolvedOnTimeToday, resolvedToday, 4),
    onTimeRate30d: ratio(counts.resolvedInTime30d, counts.resolved30d, 4),
    onlineShareToday: ratio(counts.receivedOnlineToday, counts.receivedToday, 4),
    onlineShare30d: ratio(counts.receivedOnline30d, counts.received30d, 4),
    ratingAverageToday: ratio(counts.ratingSumToday, counts.ratingsToday, 2),
    ratingAverage30d: ratio(counts.ratingSum30d, counts.ratings30d, 2),
    lowRatingShareToday: ratio(counts.lowRatingsToday, counts.ratingsToday, 4),
    lowRatingShare30d: ratio(counts.lowRatings30d, counts.ratings30d, 4),
  };
}

export function liveFigures(counts: LiveCounts, freshness: LiveFreshness): LiveFigures {
  return { ...counts, ...liveRates(counts), ...freshness };
}

/** Freshness of a group: the latest event of its members; silent and no-data units are counted. */
export function mergeFreshness(into: LiveFreshness, add: LiveFreshness): void {
  into.units += add.units;
  into.silentUnits += add.silentUnits;
  into.unitsWithoutData += add.unitsWithoutData;
  if (add.lastEventAt !== null && (into.lastEventAt === null || add.lastEventAt > into.lastEventAt)) {
    into.lastEventAt = add.lastEventAt;
  }
}

/** The figures of `after` that differ from `before`; null when none does. */
export function changedLiveFigures(before: LiveFigures, after: LiveFigures): Partial<LiveFigures> | null {
  const changed: Partial<Record<keyof LiveFigures, unknown>> = {};
  let any = false;
  for (const key of Object.keys(after) as (keyof LiveFigures)[]) {
    if (before[key] !== after[key]) {
      changed[key] = after[key];
      any = true;
    }
  }
  return any ? (changed as Partial<LiveFigures>) : null;
}
