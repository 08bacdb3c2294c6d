import { WorkingCalendar } from '../calendar/working-calendar';
import { vn } from '../testing/vietnam-time';
import { isUnitSilent } from './live-metrics';

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
