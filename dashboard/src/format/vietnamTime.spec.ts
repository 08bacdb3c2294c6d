import { describe, expect, it } from '@jest/globals';
import { describeElapsed, readVietnamClock } from './vietnamTime';

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
