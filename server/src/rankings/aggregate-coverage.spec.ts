import { vietnamMidnight } from '@ioc/shared';
import {
  mergeSpans,
  planChainReads,
  subtractSpans,
  type ChainCoverage,
  type Span,
} from './aggregate-coverage';

const at = (date: string) => vietnamMidnight(date);
const days = (from: string, to: string): Span => ({ from: at(from), to: at(to) });
const iso = (spans: Span[]) =>
  spans.map((s) => [new Date(s.from).toISOString().slice(0, 16), new Date(s.to).toISOString().slice(0, 16)]);

/** Everything materialised up to 1 December; nothing pending unless a test says so. */
const materialised: ChainCoverage = {
  dailyTo: at('2026-12-01'),
  monthlyTo: at('2026-12-01'),
  dailyStale: [],
  monthlyStale: [],
};
/** 15 September – 20 November: the days of September and November around October's whole month. */
const range = days('2026-09-15', '2026-11-21');
const october = days('2026-10-01', '2026-11-01');

describe('planChainReads: which source counts which days of a ranking', () => {
  it('reads whole months from the rollup and the days around them from the daily aggregate', () => {
    expect(planChainReads(range, october, materialised)).toEqual({
      months: [october],
      days: [days('2026-09-15', '2026-10-01'), days('2026-11-01', '2026-11-21')],
      raw: [],
    });
  });

  it('reads a day changed since its materialisation from the raw rows, and its month day by day', () => {
    // A rating given 12 October 09:30 arrived after October was materialised.
    const late = at('2026-10-12') + 2.5 * 3_600_000;
    const plan = planChainReads(range, october, {
      ...materialised,
      dailyStale: [{ from: late, to: late + 1 }],
    });
    expect(plan.months).toEqual([]);
    expect(plan.raw).toEqual([days('2026-10-12', '2026-10-13')]);
    expect(plan.days).toEqual([days('2026-09-15', '2026-10-12'), days('2026-10-13', '2026-11-21')]);
  });

  it('keeps a month out of the rollup while the rollup has not taken in a change of its days', () => {
    const plan = planChainReads(range, october, {
      ...materialised,
      monthlyStale: [days('2026-10-20', '2026-10-21')],
    });
    expect(plan).toEqual({ months: [], days: [range], raw: [] });
  });

  it('counts nothing twice and leaves nothing out, whatever is pending', () => {
    const plan = planChainReads(range, october, {
      dailyTo: at('2026-11-10'),
      monthlyTo: at('2026-11-01'),
      dailyStale: [days('2026-09-20', '2026-09-22'), { from: at('2026-11-15'), to: at('2026-11-16') }],
      monthlyStale: [],
    });
    // The stale day above the daily watermark is the view's real-time part: not read raw.
    expect(iso(plan.raw)).toEqual(iso([days('2026-09-20', '2026-09-22')]));
    const all = mergeSpans([...plan.months, ...plan.days, ...plan.raw]);
    expect(all).toEqual([range]);
    const total = [...plan.months, ...plan.days, ...plan.raw].reduce((sum, s) => sum + s.to - s.from, 0);
    expect(total).toBe(range.to - range.from);
  });

  it('reads no month of the rollup beyond the daily watermark', () => {
    // Daily materialised to 20 October only: October's month row may hold real-time rows.
    const plan = planChainReads(range, october, { ...materialised, dailyTo: at('2026-10-20') });
    expect(plan.months).toEqual([]);
    expect(plan.days).toEqual([range]);
  });
});

describe('span arithmetic', () => {
  it('subtracts cuts inside, across and outside a span', () => {
    expect(
      subtractSpans({ from: 0, to: 100 }, [
        { from: -5, to: 10 },
        { from: 40, to: 50 },
        { from: 90, to: 120 },
      ]),
    ).toEqual([
      { from: 10, to: 40 },
      { from: 50, to: 90 },
    ]);
    expect(
      mergeSpans([
        { from: 5, to: 9 },
        { from: 0, to: 5 },
        { from: 20, to: 20 },
      ]),
    ).toEqual([{ from: 0, to: 9 }]);
  });
});
