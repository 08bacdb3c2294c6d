import { WorkingCalendar } from '../calendar/working-calendar';
import { vn } from '../testing/vietnam-time';
import { isUnitSilent, summarizeProvince, type UnitLiveMetrics } from './live-metrics';

const calendar = new WorkingCalendar([]);
const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('isUnitSilent', () => {
  it('counts office hours only: a Friday-evening last event (30 min of office time) is not silent on Monday at 07:29, silent at 07:30', () => {
    expect(isUnitSilent(iso(vn('2026-11-27 16:30')), vn('2026-11-30 07:29'), calendar, hour)).toBe(false);
    expect(isUnitSilent(iso(vn('2026-11-27 16:30')), vn('2026-11-30 07:30'), calendar, hour)).toBe(true);
  });

  it('a unit that never sent anything is "no data", not silent', () => {
    expect(isUnitSilent(null, vn('2026-11-30 10:00'), calendar, hour)).toBe(false);
  });
});

describe('summarizeProvince', () => {
  const unit = (overrides: Partial<UnitLiveMetrics>): UnitLiveMetrics => ({
    unitCode: '00000',
    backlog: 0,
    overdue: 0,
    receivedToday: 0,
    resolvedToday: 0,
    ratingAverage30d: null,
    ratingCount30d: 0,
    lastEventAt: '2026-11-23T01:00:00.000Z',
    silent: false,
    ...overrides,
  });

  it('sums the units and weights the rating by the number of ratings', () => {
    const summary = summarizeProvince([
      unit({ backlog: 10, overdue: 2, ratingAverage30d: 5, ratingCount30d: 3 }),
      unit({ backlog: 5, ratingAverage30d: 1, ratingCount30d: 1, silent: true }),
      unit({ lastEventAt: null }),
    ]);
    expect(summary).toMatchObject({
      units: 3,
      backlog: 15,
      overdue: 2,
      ratingCount30d: 4,
    });
    expect(summary.ratingAverage30d).toBe(4); // (5×3 + 1×1) / 4
  });
});
