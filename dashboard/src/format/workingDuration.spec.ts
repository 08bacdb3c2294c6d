import { describe, expect, it } from '@jest/globals';
import { formatWorkingDuration } from './workingDuration';

const duration = (days: number, hours: number, minutes: number) => ({
  workingMinutes: days * 480 + hours * 60 + minutes,
  days,
  hours,
  minutes,
});

describe('formatWorkingDuration', () => {
  it('says the two largest parts, the Vietnamese way', () => {
    expect(formatWorkingDuration(duration(1, 2, 0), 'vi')).toBe('1 ngày 2 giờ');
    expect(formatWorkingDuration(duration(0, 2, 30), 'vi')).toBe('2 giờ 30 phút');
    expect(formatWorkingDuration(duration(3, 0, 15), 'vi')).toBe('3 ngày 15 phút');
    expect(formatWorkingDuration(duration(2, 7, 59), 'vi')).toBe('2 ngày 7 giờ');
    expect(formatWorkingDuration(duration(0, 0, 45), 'vi')).toBe('45 phút');
  });

  it('in English too, and says when there is less than a minute', () => {
    expect(formatWorkingDuration(duration(2, 1, 0), 'en')).toBe('2 days 1 h');
    expect(formatWorkingDuration(duration(0, 0, 0), 'en')).toBe('under a minute');
  });
});
