import { vn } from '../testing/vietnam-time';
import { parseOfficeHours, vietnamDate, WorkingCalendar } from './working-calendar';

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar([
    { date: '2026-01-01', kind: 'day-off' },
    { date: '2026-01-10', kind: 'worked-saturday' },
  ]);

  it('knows weekends, days off and make-up Saturdays', () => {
    expect(calendar.isWorkingDay('2026-01-01')).toBe(false); // holiday on a Thursday
    expect(calendar.isWorkingDay('2026-01-03')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2026-01-04')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true); // make-up Saturday
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
  });

  it('uses Vietnam dates whatever the UTC date is', () => {
    // 23:30 UTC on the 22nd is 06:30 on the 23rd in Vietnam.
    expect(vietnamDate(Date.parse('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });

  it('counts working time between two instants through office hours only', () => {
    expect(calendar.workingTimeBetween(vn('2026-11-27 16:00'), vn('2026-11-30 08:00'))).toBe(2 * 3_600_000);
    expect(calendar.workingTimeBetween(vn('2026-11-30 08:00'), vn('2026-11-27 16:00'))).toBe(0);
  });

  it('takes configured office hours and rejects nonsense', () => {
    expect(new WorkingCalendar([], '08:00-12:00,13:00-17:00').workingMinutesPerDay).toBe(480);
    expect(() => parseOfficeHours('17:00-07:00')).toThrow('not a valid time range');
    expect(() => parseOfficeHours('07:00-12:00,11:00-17:00')).toThrow('must not overlap');
    expect(() => parseOfficeHours('seven to five')).toThrow('must look like 07:00-11:30');
  });
});
