import { describe, expect, it } from '@jest/globals';
import { describeElapsed, formatVietnamDayTime, readVietnamClock } from './vietnamTime';

describe('readVietnamClock', () => {
  it('reads Vietnam time (UTC+7) whatever the machine zone', () => {
    expect(readVietnamClock(Date.parse('2025-09-15T02:03:04Z'))).toEqual({
      time: '09:03:04',
      date: '15/09/2025',
      weekday: 1,
    });
  });

  it('turns the date over at midnight in Vietnam, not in UTC', () => {
    expect(readVietnamClock(Date.parse('2025-09-14T17:00:00Z'))).toEqual({
      time: '00:00:00',
      date: '15/09/2025',
      weekday: 1,
    });
    expect(readVietnamClock(Date.parse('2025-09-14T16:59:59Z')).date).toBe('14/09/2025');
  });
});

describe('describeElapsed', () => {
  it('says seconds, then minutes, then hours', () => {
    expect(describeElapsed(16_400)).toEqual({ key: 'elapsed.seconds', params: { count: 16 } });
    expect(describeElapsed(125_000)).toEqual({ key: 'elapsed.minutes', params: { count: 2 } });
    expect(describeElapsed(3 * 3_600_000 + 59 * 60_000)).toEqual({
      key: 'elapsed.hours',
      params: { count: 3 },
    });
  });

  it('never says a negative time when the clocks disagree slightly', () => {
    expect(describeElapsed(-500)).toEqual({ key: 'elapsed.seconds', params: { count: 0 } });
  });
});

describe('formatVietnamDayTime', () => {
  it('writes hour, minute, day and month in Vietnam time', () => {
    expect(formatVietnamDayTime(Date.parse('2025-11-23T07:05:59Z'))).toBe('14:05 23/11');
    // 17:30 UTC is already the next day in Vietnam.
    expect(formatVietnamDayTime(Date.parse('2025-11-22T17:30:00Z'))).toBe('00:30 23/11');
  });

  it('writes a dash, not "NaN", for an unreadable instant', () => {
    expect(formatVietnamDayTime(Date.parse('not a date'))).toBe('—');
  });
});
