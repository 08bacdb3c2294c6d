import { describe, expect, it } from '@jest/globals';
import { neighbourMonths, vietnamMonth } from './periodNavigation';

describe('the ranking month arrows', () => {
  it('lead to the month before and after, the current month being the live screen, nothing beyond', () => {
    expect(neighbourMonths('2026-10', '2026-12')).toEqual({
      previous: { screen: 'ranking', period: '2026-09', page: 1 },
      next: { screen: 'ranking', period: '2026-11', page: 1 },
    });
    expect(neighbourMonths('2026-11', '2026-12').next).toEqual({ screen: 'ranking', period: null, page: 1 });
    expect(neighbourMonths('2026-12', '2026-12').next).toBeNull();
    expect(neighbourMonths('2026-01', '2026-12').previous).toEqual({
      screen: 'ranking',
      period: '2025-12',
      page: 1,
    });
    expect(neighbourMonths('2026-Q4', '2026-12')).toEqual({ previous: null, next: null });
  });

  it('reads the month in Vietnam time', () => {
    // 31 Dec 2026, 18:00 UTC is already 1 January 2027 in Vietnam.
    expect(vietnamMonth(Date.parse('2026-12-31T18:00:00Z'))).toBe('2027-01');
  });
});
