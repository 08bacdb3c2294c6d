import { periodQuerySchema, previousPeriod, resolvePeriod, wholeMonthsWithin } from './period';

const resolve = (query: Record<string, string>, today = '2026-11-22') =>
  resolvePeriod(periodQuerySchema.parse(query), today);
const reasons = (query: Record<string, string>) =>
  periodQuerySchema.safeParse(query).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('ranking periods', () => {
  it('names every kind of period by its Vietnam dates', () => {
    expect(resolve({ period: 'month', date: '2026-02' })).toEqual({
      kind: 'month',
      label: '2026-02',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(resolve({ period: 'quarter', date: '2026-Q4' })).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(resolve({ period: 'year', date: '2026' })).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolve({ period: 'day', date: '2026-10-05' })).toMatchObject({
      from: '2026-10-05',
      to: '2026-10-05',
    });
    // ISO week 1 of 2026 starts Monday 29 December 2025.
    expect(resolve({ period: 'week', date: '2026-W01' })).toMatchObject({
      from: '2025-12-29',
      to: '2026-01-04',
    });
    expect(resolve({ period: 'custom', from: '2026-02-10', to: '2026-02-25' })).toMatchObject({
      from: '2026-02-10',
      to: '2026-02-25',
      label: '2026-02-10..2026-02-25',
    });
  });

  it('defaults to the current month, and to the current period of any kind', () => {
    expect(resolve({})).toMatchObject({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(resolve({ period: 'week' })).toMatchObject({ label: '2026-W47', from: '2026-11-16' });
  });

  it('compares with the previous period of the same length', () => {
    expect(previousPeriod(resolve({ period: 'month', date: '2026-03' }))).toMatchObject({ label: '2026-02' });
    expect(previousPeriod(resolve({ period: 'month', date: '2026-01' }))).toMatchObject({ label: '2025-12' });
    expect(previousPeriod(resolve({ period: 'quarter', date: '2026-Q1' }))).toMatchObject({
      label: '2025-Q4',
    });
    expect(previousPeriod(resolve({ period: 'week', date: '2026-W01' }))).toMatchObject({
      label: '2025-W52',
    });
    expect(previousPeriod(resolve({ period: 'custom', from: '2026-02-10', to: '2026-02-25' }))).toMatchObject(
      {
        from: '2026-01-25',
        to: '2026-02-09',
      },
    );
  });

  it('rejects bad queries with reasons naming the parameter', () => {
    expect(reasons({ period: 'fortnight' })).toEqual([
      'period: must be one of day, week, month, quarter, year, ytd, custom',
    ]);
    expect(reasons({ period: 'month', date: '2026-13' })).toEqual(["date: '2026-13' has no month 13"]);
    expect(reasons({ period: 'month', date: '10/2026' })).toEqual([
      "date: '10/2026' is not a month: expected e.g. 2026-10",
    ]);
    expect(reasons({ period: 'day', date: '2026-02-30' })).toEqual(["date: '2026-02-30' is not a date"]);
    expect(reasons({ period: 'week', date: '2026-W54' })).toEqual(['date: 2026 has ISO weeks 1 to 53']);
    expect(reasons({ period: 'custom', from: '2026-03-01' })).toEqual([
      'to: is required with period=custom (YYYY-MM-DD)',
    ]);
    expect(reasons({ period: 'custom', from: '2026-03-01', to: '2026-02-01' })).toEqual([
      'to: must not be before from',
    ]);
    expect(reasons({ period: 'month', from: '2026-03-01' })).toEqual([
      'from: from and to are only used with period=custom',
    ]);
  });

  describe('wholeMonthsWithin', () => {
    it('reads a month, a quarter and a year as whole months', () => {
      expect(wholeMonthsWithin({ from: '2026-10-01', to: '2026-10-31' })).toEqual({
        from: '2026-10-01',
        to: '2026-11-01',
      });
      expect(wholeMonthsWithin({ from: '2026-10-01', to: '2026-12-31' })).toEqual({
        from: '2026-10-01',
        to: '2027-01-01',
      });
      expect(wholeMonthsWithin({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
        from: '2026-01-01',
        to: '2027-01-01',
      });
    });

    it('leaves the days of a partial month at either end to be read day by day', () => {
      // 365 days to yesterday: 1 Dec 2025 .. 30 Nov 2026 holds Dec .. Nov whole.
      expect(wholeMonthsWithin({ from: '2025-12-01', to: '2026-11-30' })).toEqual({
        from: '2025-12-01',
        to: '2026-12-01',
      });
      // 15 Jan .. 10 Apr 2026: February and March whole; 15–31 Jan and 1–10 Apr by day.
      expect(wholeMonthsWithin({ from: '2026-01-15', to: '2026-04-10' })).toEqual({
        from: '2026-02-01',
        to: '2026-04-01',
      });
      // A leap February ends on the 29th.
      expect(wholeMonthsWithin({ from: '2028-02-01', to: '2028-02-29' })).toEqual({
        from: '2028-02-01',
        to: '2028-03-01',
      });
    });

    it('is empty, at the day after the range, when no month is whole', () => {
      expect(wholeMonthsWithin({ from: '2026-10-05', to: '2026-10-05' })).toEqual({
        from: '2026-10-06',
        to: '2026-10-06',
      });
      expect(wholeMonthsWithin({ from: '2026-12-01', to: '2026-12-30' })).toEqual({
        from: '2026-12-31',
        to: '2026-12-31',
      });
      expect(wholeMonthsWithin({ from: '2026-01-15', to: '2026-02-27' })).toEqual({
        from: '2026-02-28',
        to: '2026-02-28',
      });
    });
  });
});
