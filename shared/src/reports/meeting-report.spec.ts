import {
  previousPeriod,
  resolvePeriod,
  samePeriodLastYear,
  periodQuerySchema,
} from '../service-index/period';
import { canonicalJson, periodQueryString, reportQuerySchema } from './meeting-report';

describe('the meeting report contract', () => {
  it('takes a year to date by its last day, with the days before as its previous period', () => {
    const ytd = resolvePeriod(periodQuerySchema.parse({ period: 'ytd', date: '2026-10-15' }), '2026-12-06');
    expect(ytd).toEqual({
      kind: 'ytd',
      label: '2026-01-01..2026-10-15',
      from: '2026-01-01',
      to: '2026-10-15',
    });
    expect(previousPeriod(ytd)).toEqual({
      kind: 'custom',
      label: '2025-03-19..2025-12-31',
      from: '2025-03-19',
      to: '2025-12-31',
    });
    expect(samePeriodLastYear(ytd)).toMatchObject({ kind: 'ytd', from: '2025-01-01', to: '2025-10-15' });
    expect(resolvePeriod(periodQuerySchema.parse({ period: 'ytd' }), '2026-12-06').to).toBe('2026-12-06');
  });

  it('finds the same period a year earlier, 29 February included', () => {
    const month = resolvePeriod(periodQuerySchema.parse({ period: 'month', date: '2028-02' }), '2028-03-01');
    expect(samePeriodLastYear(month)).toMatchObject({
      label: '2027-02',
      from: '2027-02-01',
      to: '2027-02-28',
    });
    const custom = resolvePeriod(
      periodQuerySchema.parse({ period: 'custom', from: '2028-02-10', to: '2028-02-29' }),
      '2028-03-01',
    );
    expect(samePeriodLastYear(custom)).toMatchObject({ from: '2027-02-10', to: '2027-02-28' });
    const quarter = resolvePeriod(
      periodQuerySchema.parse({ period: 'quarter', date: '2026-Q4' }),
      '2026-12-01',
    );
    expect(samePeriodLastYear(quarter).label).toBe('2025-Q4');
    expect(periodQueryString(quarter)).toBe('period=quarter&date=2026-Q4');
  });

  it('refuses periods a meeting does not review and fields that are not codes, naming the parameter', () => {
    const issues = (query: Record<string, string>) =>
      reportQuerySchema.safeParse(query).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ period: 'week', date: '2026-W43' })).toEqual([expect.stringMatching(/^period: /)]);
    expect(issues({ period: 'month', date: '2026-10', field: 'land,Bad' })).toEqual([
      expect.stringMatching(/^field: 'Bad'/),
    ]);
    expect(reportQuerySchema.parse({ period: 'month', field: 'land, civil-status' }).field).toEqual([
      'civil-status',
      'land',
    ]);
  });

  it('writes canonical JSON: keys sorted at every level, no spaces', () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[{"c":null,"d":1}]}',
    );
  });
});
