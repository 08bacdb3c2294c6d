import { describe, expect, it } from '@jest/globals';
import { NO_AUDIT_FILTER } from '../../../router/routes';
import { auditFilterProblem, auditUrl, nextDay, vietnamToday } from './auditQuery';

describe('the audit query', () => {
  it('asks for the newest page without filters', () => {
    expect(auditUrl(NO_AUDIT_FILTER)).toBe('/api/v1/admin/audit?limit=50');
  });

  it('sends Vietnam days, both included, and the keyset of an older page', () => {
    const url = new URL(
      auditUrl({
        action: 'auth.sign-in',
        outcome: 'failure',
        from: '2026-11-01',
        to: '2026-11-30',
        before: '812',
      }),
      'http://ioc',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      action: 'auth.sign-in',
      outcome: 'failure',
      from: '2026-11-01T00:00:00+07:00',
      to: '2026-12-01T00:00:00+07:00',
      before: '812',
    });
  });

  it('turns days over across months and years', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('says a reversed range rather than sending it', () => {
    expect(auditFilterProblem({ ...NO_AUDIT_FILTER, from: '2026-11-02', to: '2026-11-01' })).toEqual({
      key: 'audit.rangeReversed',
    });
    expect(auditFilterProblem({ ...NO_AUDIT_FILTER, from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('knows today in Vietnam', () => {
    expect(vietnamToday(Date.parse('2026-11-20T17:30:00Z'))).toBe('2026-11-21');
  });
});
