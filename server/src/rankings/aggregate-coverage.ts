import { addDays, vietnamDate, vietnamMidnight } from '@ioc/shared';

/** `[from, to)` in epoch milliseconds. */
export interface Span {
  from: number;
  to: number;
}

/**
 * What a chain of continuous aggregates — a daily one and the monthly rollup on it — can vouch
 * for at one moment, read from TimescaleDB's catalog (RankingsRepository.coverage).
 */
export interface ChainCoverage {
  /** The daily aggregate's watermark: its days before are materialised; from it on its view adds the raw rows. */
  dailyTo: number;
  /** The monthly rollup's watermark (it is read materialised only). */
  monthlyTo: number;
  /**
   * Ranges of raw time whose rows changed since the daily aggregate materialised them (its raw
   * hypertable's invalidation log and its own materialisation log, inclusive bounds made `[from, to)`).
   */
  dailyStale: Span[];
  /** Likewise for the monthly rollup: changes of the daily aggregate's materialised days it has not taken in. */
  monthlyStale: Span[];
}

/** How to count one range of one chain: whole months, days from the daily view, days from raw rows. */
export interface ChainReads {
  months: Span[];
  days: Span[];
  raw: Span[];
}

/**
 * Splits `range` (Vietnam midnights; `months` the whole months inside it) into the parts each
 * source can count exactly. A materialised month or day counts only where no change since its
 * materialisation is pending: those days are counted from the raw rows instead, so no figure
 * depends on when a refresh runs or how late an event arrived. Days from the daily watermark on
 * are the view's real-time part, which reads raw rows itself.
 *
 * A month counts from the rollup only when it also lies wholly below the daily watermark: the
 * rollup may have summed the daily view's real-time rows, and changes to those are not logged.
 */
export function planChainReads(range: Span, months: Span, coverage: ChainCoverage): ChainReads {
  const staleDays = intersectSpans(
    { from: range.from, to: Math.max(range.from, coverage.dailyTo) },
    mergeSpans(coverage.dailyStale.map(toWholeDays)),
  );
  const staleMonths = mergeSpans([...coverage.dailyStale, ...coverage.monthlyStale].map(toWholeMonths));
  const monthsTo = Math.min(months.to, coverage.monthlyTo, monthStart(coverage.dailyTo));
  const wholeMonths =
    months.from < monthsTo ? subtractSpans({ from: months.from, to: monthsTo }, staleMonths) : [];
  const rest = subtractSpans(range, wholeMonths);
  return {
    months: wholeMonths,
    days: rest.flatMap((span) => subtractSpans(span, staleDays)),
    raw: rest.flatMap((span) => intersectSpans(span, staleDays)),
  };
}

/** Sorted, with overlapping or touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].filter((s) => s.from < s.to).sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** The parts of `span` outside every one of `cuts` (merged). */
export function subtractSpans(span: Span, cuts: readonly Span[]): Span[] {
  const parts: Span[] = [];
  let from = span.from;
  for (const cut of cuts) {
    if (cut.to <= from || cut.from >= span.to) continue;
    if (cut.from > from) parts.push({ from, to: cut.from });
    from = Math.max(from, cut.to);
  }
  if (from < span.to) parts.push({ from, to: span.to });
  return parts;
}

/** The parts of `span` inside `cuts` (merged). */
export function intersectSpans(span: Span, cuts: readonly Span[]): Span[] {
  return cuts
    .map((cut) => ({ from: Math.max(span.from, cut.from), to: Math.min(span.to, cut.to) }))
    .filter((part) => part.from < part.to);
}

/** Widened to the Vietnam days it touches. */
function toWholeDays(span: Span): Span {
  const last = vietnamDate(span.to - 1);
  return { from: vietnamMidnight(vietnamDate(span.from)), to: vietnamMidnight(addDays(last, 1)) };
}

/** Widened to the Vietnam months it touches. */
function toWholeMonths(span: Span): Span {
  const last = vietnamDate(span.to - 1);
  return {
    from: monthStart(span.from),
    to: monthStart(vietnamMidnight(addDays(`${last.slice(0, 7)}-28`, 4))),
  };
}

/** The Vietnam midnight that starts the month of `instant`. */
function monthStart(instant: number): number {
  return vietnamMidnight(`${vietnamDate(instant).slice(0, 7)}-01`);
}
