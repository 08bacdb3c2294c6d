import { WorkingCalendar } from '../calendar/working-calendar';
import { showVn, vn } from '../testing/vietnam-time';
import { computeDueAt, extendDueAtForPause, judgeOutcome } from './deadline';
import type { ProcessingTime } from '../procedures/procedure';

// The days of 2026 that matter here, as DOMAIN.md lists them (the product seeds the same rows).
const calendar = new WorkingCalendar([
  { date: '2026-01-01', kind: 'day-off' },
  { date: '2026-01-02', kind: 'day-off' },
  { date: '2026-01-10', kind: 'worked-saturday' },
  { date: '2026-02-16', kind: 'day-off' },
  { date: '2026-02-17', kind: 'day-off' },
  { date: '2026-02-18', kind: 'day-off' },
  { date: '2026-02-19', kind: 'day-off' },
  { date: '2026-02-20', kind: 'day-off' },
  { date: '2026-04-30', kind: 'day-off' },
  { date: '2026-05-01', kind: 'day-off' },
]);

const workingDays = (value: number): ProcessingTime => ({ value, unit: 'working-days' });

describe('computeDueAt: the appointment date printed on the receipt', () => {
  it.each<[string, string, ProcessingTime, string]>([
    // Office hours 07:00–11:30 and 13:30–17:00: one working day is 8 working hours.
    ['Mon 10:00 + 3 working days → Thu 10:00', '2026-11-23 10:00', workingDays(3), '2026-11-26 10:00'],
    ['Fri 16:30 + 1 working day → Mon 16:30', '2026-11-27 16:30', workingDays(1), '2026-11-30 16:30'],
    [
      'Sat (not a make-up day) + 1 working day → Mon 17:00',
      '2026-11-28 09:00',
      workingDays(1),
      '2026-11-30 17:00',
    ],
    [
      '07:00 + 1 working day ends at 17:00 the same day',
      '2026-11-23 07:00',
      workingDays(1),
      '2026-11-23 17:00',
    ],
    ['at lunch 12:00 counting starts at 13:30', '2026-11-23 12:00', workingDays(1), '2026-11-24 11:30'],
    // Eve of Tết 2026: Fri 13 Feb is the last working day; 14–22 Feb are off.
    // 10:00–11:30 (1.5 h) + 13:30–17:00 (3.5 h) = 5 h; Mon 23 Feb 8 h; 3 h on Tue 24 Feb → 10:00.
    [
      'eve of Tết 2026 + 2 working days → Tue 24 Feb 10:00',
      '2026-02-13 10:00',
      workingDays(2),
      '2026-02-24 10:00',
    ],
    // Sat 10 Jan 2026 is worked (make-up for 2 Jan): 6 h that Saturday, 2 h on Monday.
    [
      'make-up Saturday 10 Jan 09:00 + 1 working day → Mon 12 Jan 09:00',
      '2026-01-10 09:00',
      workingDays(1),
      '2026-01-12 09:00',
    ],
    [
      'same day, received 14:59 → 17:00 that day',
      '2026-11-23 14:59',
      { value: 1, unit: 'same-day' },
      '2026-11-23 17:00',
    ],
    [
      'same day, received 15:05 → 17:00 next working day',
      '2026-11-23 15:05',
      { value: 1, unit: 'same-day' },
      '2026-11-24 17:00',
    ],
    [
      'same day, received 15:00 exactly → next working day',
      '2026-11-23 15:00',
      { value: 1, unit: 'same-day' },
      '2026-11-24 17:00',
    ],
    [
      'same day on a holiday (2 Jan 2026) → Mon 5 Jan 17:00',
      '2026-01-02 09:00',
      { value: 1, unit: 'same-day' },
      '2026-01-05 17:00',
    ],
    [
      'same day, Fri 16:00 → Mon 17:00',
      '2026-11-27 16:00',
      { value: 1, unit: 'same-day' },
      '2026-11-30 17:00',
    ],
    [
      '4 working hours from Fri 15:00 → Mon 09:00',
      '2026-11-27 15:00',
      { value: 4, unit: 'working-hours' },
      '2026-11-30 09:00',
    ],
    [
      '15 calendar days from Mon 23 Nov → Tue 8 Dec 17:00',
      '2026-11-23 10:00',
      { value: 15, unit: 'days' },
      '2026-12-08 17:00',
    ],
    [
      '15 calendar days landing on a Sunday → Mon 17:00',
      '2026-11-07 10:00',
      { value: 15, unit: 'days' },
      '2026-11-23 17:00',
    ],
    [
      '5 calendar days landing on Tết → first working day after',
      '2026-02-12 10:00',
      { value: 5, unit: 'days' },
      '2026-02-23 17:00',
    ],
  ])('%s', (_case, receivedAt, time, expected) => {
    expect(showVn(computeDueAt(vn(receivedAt), time, calendar))).toBe(expected);
  });
});

describe('extendDueAtForPause: a supplement request stops the clock', () => {
  it('paused over the 30 April – 1 May holidays moves the deadline by the paused working time only', () => {
    // Received Wed 29 Apr 08:00, 3 working days: 7 h on 29 Apr, 8 h Mon 4 May, 8 h Tue 5 May, 1 h Wed → 08:00.
    const dueAt = computeDueAt(vn('2026-04-29 08:00'), workingDays(3), calendar);
    expect(showVn(dueAt)).toBe('2026-05-06 08:00');
    // Paused Wed 16:00 → resumed Mon 4 May 08:00: 1 h on Wed + 1 h on Mon = 2 working hours.
    const extended = extendDueAtForPause(dueAt, vn('2026-04-29 16:00'), vn('2026-05-04 08:00'), calendar);
    expect(showVn(extended)).toBe('2026-05-06 10:00');
  });

  it('a pause entirely outside office hours does not move the deadline', () => {
    const dueAt = vn('2026-11-26 10:00');
    expect(extendDueAtForPause(dueAt, vn('2026-11-28 08:00'), vn('2026-11-29 20:00'), calendar)).toBe(dueAt);
  });
});

describe('judgeOutcome', () => {
  const dueAt = vn('2026-11-26 10:00');
  it.each([
    ['one minute after the deadline is late', '2026-11-26 10:01', 'late'],
    ['exactly at the deadline is on time', '2026-11-26 10:00', 'on_time'],
    ['earlier on the deadline day is on time', '2026-11-26 07:30', 'on_time'],
    ['the day before the deadline is early', '2026-11-25 16:59', 'early'],
  ])('%s', (_case, resolvedAt, outcome) => {
    expect(judgeOutcome(vn(resolvedAt), dueAt)).toBe(outcome);
  });
});

describe('computeDueAt with other office hours', () => {
  it('ends same-day and calendar-day deadlines when that office closes', () => {
    const lateOffice = new WorkingCalendar([], '07:30-11:30,13:00-16:30');
    expect(showVn(computeDueAt(vn('2026-11-23 10:00'), { value: 1, unit: 'same-day' }, lateOffice))).toBe(
      '2026-11-23 16:30',
    );
    expect(showVn(computeDueAt(vn('2026-11-23 10:00'), { value: 15, unit: 'days' }, lateOffice))).toBe(
      '2026-12-08 16:30',
    );
  });
});
