import { describe, expect, it } from '@jest/globals';
import { fieldListRoute, kpiListRoute } from './listRoutes';

describe('the list behind a figure', () => {
  it('filters the way each headline figure counts, for the province or a unit', () => {
    expect(kpiListRoute('overdue', null, '2026-12-07')).toEqual({
      screen: 'dossiers',
      filter: { status: 'overdue' },
    });
    expect(kpiListRoute('backlog', '24781', '2026-12-07')).toEqual({
      screen: 'dossiers',
      filter: { unit: '24781', status: 'open' },
    });
    expect(kpiListRoute('receivedToday', null, '2026-12-07')).toEqual({
      screen: 'dossiers',
      filter: { received: '2026-12-07' },
    });
    expect(kpiListRoute('resolvedToday', null, '2026-12-07')).toEqual({
      screen: 'dossiers',
      filter: { resolved: '2026-12-07', status: 'resolved' },
    });
    // The 30 days of the on-time rate include today, as the wall counts them.
    expect(kpiListRoute('onTimeRate30d', null, '2026-12-07')).toEqual({
      screen: 'dossiers',
      filter: { resolved: '2026-11-08..2026-12-07', status: 'resolved' },
    });
    expect(kpiListRoute('rating', null, '2026-12-07')).toBeNull();
    expect(fieldListRoute('24781', 'land', 'overdue')).toEqual({
      screen: 'dossiers',
      filter: { unit: '24781', field: 'land', status: 'overdue' },
    });
  });
});
