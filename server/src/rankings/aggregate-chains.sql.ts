import type { EntityManager } from 'typeorm';
import { planChainReads, type ChainCoverage, type Span } from './aggregate-coverage';
import type { DailyCountsSql } from './service-index.sql';

/** `[from, to)` as instants: Vietnam midnights. */
export interface InstantRange {
  from: Date;
  to: Date;
}

/** A range to count, with the whole months inside it `[monthsFrom, monthsTo)` (empty: both `to`). */
export interface CountedRange extends InstantRange {
  monthsFrom: Date;
  monthsTo: Date;
}

/**
 * A chain of continuous aggregates: a monthly rollup (read materialised only), the daily
 * aggregate it rolls up, and the raw rows the daily one is defined on, counted the same way for
 * the days the aggregates cannot vouch for yet. `keys` are the columns each level groups by
 * besides its bucket.
 */
export interface AggregateChain {
  monthly: string;
  daily: string;
  raw: DailyCountsSql;
  keys: readonly string[];
}

/**
 * The parameters of one statement: each instant bound once, and only where the statement uses it
 * (an unused parameter would have no type).
 */
export class StatementParams {
  readonly values: unknown[] = [];
  private readonly instants = new Map<number, string>();

  instant(at: Date | number): string {
    const ms = +at;
    if (!this.instants.has(ms)) this.instants.set(ms, `$${this.values.push(new Date(ms))}`);
    return this.instants.get(ms)!;
  }

  value(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** Rows matching any range's conditions, and the index of the range each one belongs to. */
export function inRanges(conditions: string[][]): { rangeIndex: string; where: string } | null {
  const cases = conditions.flatMap((own, i) => own.map((c) => `WHEN ${c} THEN ${i}`));
  if (cases.length === 0) return null;
  const where = conditions.flatMap((own) => own.map((c) => `(${c})`)).join(' OR ');
  return { rangeIndex: `CASE ${cases.join(' ')} END`, where };
}

/**
 * The sums of a chain's columns per range and key, as a SELECT of `range_index`, the keys and
 * the columns (ranges must be disjoint unless `overlapping`): whole months from the monthly rollup, the other days from the daily aggregate
 * (real-time from its watermark on), and the days with a change the aggregates have not taken in
 * yet from the raw rows (`planChainReads`), so a figure is the same before and after any refresh.
 */
export function chainSumSql(
  chain: AggregateChain,
  ranges: readonly CountedRange[],
  coverage: ChainCoverage,
  params: StatementParams,
  options: { overlapping?: boolean } = {},
): string {
  const { monthly, daily, raw, keys } = chain;
  const columns = Object.keys(raw.columns);
  const within = (column: string, spans: readonly Span[]) =>
    spans.map(
      (span) => `${column} >= ${params.instant(span.from)} AND ${column} < ${params.instant(span.to)}`,
    );
  const plans = ranges.map((range) =>
    planChainReads(
      { from: +range.from, to: +range.to },
      { from: +range.monthsFrom, to: +range.monthsTo },
      coverage,
    ),
  );
  const keyList = keys.join(', ');
  const levels = [
    { view: monthly, column: 'month', spans: plans.map((p) => p.months), raw: false },
    { view: daily, column: 'day', spans: plans.map((p) => p.days), raw: false },
    { view: raw.table, column: raw.time, spans: plans.map((p) => p.raw), raw: true },
  ];
  const read = (level: (typeof levels)[number], rangeIndex: string, where: string) =>
    level.raw
      ? `SELECT ${rangeIndex} AS range_index, ${keyList},
                ${columns.map((c) => `${raw.columns[c]} AS ${c}`).join(', ')}
         FROM ${raw.table} WHERE ${raw.where} AND (${where})
         GROUP BY ${keys.map((_, i) => i + 2).join(', ')}, 1`
      : `SELECT ${rangeIndex} AS range_index, ${keyList}, ${columns.join(', ')} FROM ${level.view} WHERE ${where}`;
  const reads: string[] = [];
  for (const level of levels) {
    if (options.overlapping) {
      // Ranges that overlap (a year to date and the 12 months in it): a read of its own per range,
      // so that a row counts in every range it belongs to.
      level.spans.forEach((spans, i) => {
        const conditions = within(level.column, spans);
        if (conditions.length > 0)
          reads.push(read(level, String(i), conditions.map((c) => `(${c})`).join(' OR ')));
      });
    } else {
      const rows = inRanges(level.spans.map((spans) => within(level.column, spans)));
      if (rows) reads.push(read(level, rows.rangeIndex, rows.where));
    }
  }
  if (reads.length === 0) {
    // Nothing to read (no range): the columns' shape, no row.
    return `SELECT NULL::int AS range_index, ${keys.map((k) => `NULL::text AS ${k}`).join(', ')},
                   ${columns.map((c) => `NULL::bigint AS ${c}`).join(', ')} WHERE false`;
  }
  return `SELECT range_index, ${keyList}, ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')}
     FROM (${reads.join(' UNION ALL ')}) AS counted GROUP BY range_index, ${keyList}`;
}

/**
 * What each chain can vouch for within `bounds`: its watermarks and the ranges changed since its
 * aggregates materialised them — the invalidation log of the hypertable each reads (changes no
 * refresh has looked at yet) and its own materialisation log (changes a refresh moved there but
 * has not redone). TimescaleDB keeps both as Unix microseconds with inclusive bounds; they are
 * clipped to `bounds` here, which also keeps the logs' ±infinity markers out.
 */
export async function readChainCoverage<K extends string>(
  manager: EntityManager,
  bounds: InstantRange,
  chains: Readonly<Record<K, AggregateChain>>,
): Promise<Record<K, ChainCoverage>> {
  const views = Object.values<AggregateChain>(chains).flatMap((c) => [c.monthly, c.daily]);
  const rows = await manager.query<{ view: string; materialisedTo: string; stale: [string, string][] }[]>(
    `SELECT c.user_view_name AS view,
            greatest(least(_timescaledb_functions.cagg_watermark(c.mat_hypertable_id), b.hi), b.lo) / 1000
              AS "materialisedTo",
            coalesce((SELECT json_agg(json_build_array(greatest(i.lowest, b.lo) / 1000, least(i.greatest, b.hi) / 1000))
                      FROM (SELECT lowest_modified_value AS lowest, greatest_modified_value AS greatest
                            FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log
                            WHERE hypertable_id = c.raw_hypertable_id
                            UNION ALL
                            SELECT lowest_modified_value, greatest_modified_value
                            FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log
                            WHERE materialization_id = c.mat_hypertable_id) AS i
                      WHERE i.greatest >= b.lo AND i.lowest < b.hi), '[]') AS stale
     FROM _timescaledb_catalog.continuous_agg c,
          (SELECT _timescaledb_functions.to_unix_microseconds($2) AS lo,
                  _timescaledb_functions.to_unix_microseconds($3) AS hi) AS b
     WHERE c.user_view_name = ANY($1)`,
    [views, bounds.from, bounds.to],
  );
  const of = (view: string) => {
    const row = rows.find((r) => r.view === view);
    // A view the catalog does not know (never: the migrations create them) vouches for nothing.
    if (!row) return { to: +bounds.from, stale: [] };
    return {
      to: Number(row.materialisedTo),
      stale: row.stale.map(([from, to]): Span => ({ from: Number(from), to: Number(to) + 1 })),
    };
  };
  const coverage = {} as Record<K, ChainCoverage>;
  for (const [name, chain] of Object.entries<AggregateChain>(chains)) {
    const [d, m] = [of(chain.daily), of(chain.monthly)];
    coverage[name as K] = { dailyTo: d.to, dailyStale: d.stale, monthlyTo: m.to, monthlyStale: m.stale };
  }
  return coverage;
}
