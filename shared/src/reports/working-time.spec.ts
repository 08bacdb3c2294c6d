import {
  medianWorkingTime,
  WORKING_TIME_CLASS_COUNT,
  WORKING_TIME_CLASSES,
  workingTimeClass,
} from './working-time';

const HOUR = 3_600_000;

describe('processing time in office time', () => {
  it('has 48 classes, in order, without gaps', () => {
    expect(WORKING_TIME_CLASSES).toHaveLength(WORKING_TIME_CLASS_COUNT);
    WORKING_TIME_CLASSES.forEach((c, i) => {
      if (i > 0) expect(c.fromMinutes).toBe(WORKING_TIME_CLASSES[i - 1]!.toMinutes);
      expect(c.minutes >= c.fromMinutes && (c.toMinutes === null || c.minutes < c.toMinutes)).toBe(true);
    });
  });

  it('rounds to the hour under a day, the half day to 10 days, the day to 30', () => {
    const minutes = (ms: number) => WORKING_TIME_CLASSES[workingTimeClass(ms)]!.minutes;
    expect(minutes(20 * 60_000)).toBe(0);
    expect(minutes(2.4 * HOUR)).toBe(120);
    expect(minutes(7.6 * HOUR)).toBe(480);
    expect(minutes(9 * HOUR)).toBe(480);
    expect(minutes(11 * HOUR)).toBe(720);
    expect(minutes(82 * HOUR)).toBe(4800);
    expect(minutes(88 * HOUR)).toBe(5280);
    expect(WORKING_TIME_CLASSES[workingTimeClass(300 * HOUR)]!.toMinutes).toBeNull();
  });

  it('takes the median as the class of the lower middle dossier', () => {
    const counts = Array<number>(WORKING_TIME_CLASS_COUNT).fill(0);
    expect(medianWorkingTime(counts)).toBeNull();
    for (const ms of [2 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR]) counts[workingTimeClass(ms)]! += 1;
    expect(medianWorkingTime(counts)).toEqual({ minutes: 480, over: false });
    counts[workingTimeClass(400 * HOUR)]! += 3;
    // Seven: the 4th, 24 h (3 working days).
    expect(medianWorkingTime(counts)).toEqual({ minutes: 1440, over: false });
  });
});
