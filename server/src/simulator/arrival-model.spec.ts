import { REFERENCE_CALENDAR, REFERENCE_UNITS } from '@ioc/db';
import { vietnamDate, vietnamMidnight, vietnamMinuteOfDay, WorkingCalendar } from '@ioc/shared';
import { ArrivalGenerator, ArrivalModel, type NumberedArrival, SLOT_MS, slotOf } from './arrival-model';
import { DEFAULT_SIMULATION_RATES } from './simulation-rates';
import { buildUnitProfile } from './unit-profile';

const calendar = new WorkingCalendar(REFERENCE_CALENDAR);
const model = new ArrivalModel(calendar, DEFAULT_SIMULATION_RATES);
const unitsUnderTest = [
  ...REFERENCE_UNITS.filter((u) => u.code === '24781' || u.code === '23272'),
  ...REFERENCE_UNITS.filter((u) => u.typeEn === 'commune').slice(0, 10),
];
const profiles = unitsUnderTest.map((unit) => buildUnitProfile(unit, 1, DEFAULT_SIMULATION_RATES));
const ward = profiles[0]!;

/** Monday 17 November 2025 to Sunday 23 November 2025, Vietnam time. */
const weekStart = slotOf(vietnamMidnight('2025-11-17'));
const WEEK_SLOTS = 7 * 24 * 60;

function generateWeek(seed: number): NumberedArrival[] {
  const generator = new ArrivalGenerator(model, seed, profiles, 1);
  const arrivals: NumberedArrival[] = [];
  for (let slot = weekStart; slot < weekStart + WEEK_SLOTS; slot++)
    arrivals.push(...generator.arrivalsForSlot(slot));
  return arrivals;
}

function expectedOverDay(date: string, stream: 'counter' | 'online'): number {
  const first = slotOf(vietnamMidnight(date));
  let sum = 0;
  for (let slot = first; slot < first + 24 * 60; slot++) {
    sum += model.expectedArrivals(ward, model.slotShape(slot), 1)[stream];
  }
  return sum;
}

describe('arrival model', () => {
  const week = generateWeek(1);

  it('receives counter dossiers only in office hours of working days', () => {
    const counter = week.filter((a) => a.stream === 'counter');
    expect(counter.length).toBeGreaterThan(1000);
    for (const arrival of counter) expect(calendar.isOfficeTime(arrival.atMs)).toBe(true);
    const weekend = counter.filter((a) => !calendar.isWorkingDay(vietnamDate(a.atMs)));
    expect(weekend).toHaveLength(0);
  });

  it('receives online dossiers at any hour, with quiet nights', () => {
    const online = week.filter((a) => a.stream === 'online');
    const hourOf = (a: NumberedArrival) => Math.floor(vietnamMinuteOfDay(a.atMs) / 60);
    const night = online.filter((a) => hourOf(a) < 6).length / 6;
    const day = online.filter((a) => hourOf(a) >= 8 && hourOf(a) < 11).length / 3;
    expect(night).toBeGreaterThan(0);
    expect(night / day).toBeGreaterThan(0.03);
    expect(night / day).toBeLessThan(0.15);
    expect(online.some((a) => !calendar.isWorkingDay(vietnamDate(a.atMs)))).toBe(true);
    // The night rate itself is the configured share of a daytime hour.
    const at = (hhmm: number) =>
      model.slotShape(slotOf(vietnamMidnight('2025-11-19') + hhmm * 60_000)).online;
    expect(at(2 * 60) / at(9 * 60)).toBeCloseTo(DEFAULT_SIMULATION_RATES.onlineNightFactor, 5);
  });

  it('has a morning peak at the counter', () => {
    const counter = week.filter((a) => a.stream === 'counter');
    const minuteOf = (a: NumberedArrival) => vietnamMinuteOfDay(a.atMs);
    const morning = counter.filter((a) => minuteOf(a) < 11 * 60 + 30).length / 270;
    const afternoon = counter.filter((a) => minuteOf(a) >= 13 * 60 + 30).length / 210;
    expect(morning).toBeGreaterThan(afternoon * 1.15);
  });

  it('expects the unit volume on an average working day, more on Monday and less on Friday', () => {
    const days = ['2025-11-17', '2025-11-18', '2025-11-19', '2025-11-20', '2025-11-21'];
    const totals = days.map((date) => expectedOverDay(date, 'counter') + expectedOverDay(date, 'online'));
    const average = totals.reduce((a, b) => a + b, 0) / totals.length;
    expect(average / ward.dossiersPerWorkingDay).toBeCloseTo(1, 1);
    expect(totals[0]).toBeGreaterThan(totals[4]! * 1.3);
    const onlineShare =
      days.reduce((sum, d) => sum + expectedOverDay(d, 'online'), 0) / (average * days.length);
    expect(onlineShare).toBeCloseTo(ward.onlineShare, 5);
    // Sunday: only online filings, about a third of a working day's.
    expect(expectedOverDay('2025-11-23', 'counter')).toBe(0);
    expect(expectedOverDay('2025-11-23', 'online')).toBeGreaterThan(0);
  });

  it('gives the same arrivals for the same seed and other arrivals for another seed', () => {
    expect(generateWeek(1)).toEqual(week);
    expect(generateWeek(2)).not.toEqual(week);
  });

  it('numbers dossiers from the start of the day, whatever the minute the generator starts', () => {
    const fromMidnight = new ArrivalGenerator(model, 1, profiles, 1);
    const tenOClock = slotOf(vietnamMidnight('2025-11-18') + 10 * 3_600_000);
    const midnight = slotOf(vietnamMidnight('2025-11-18'));
    let expected: NumberedArrival[] = [];
    for (let slot = midnight; slot <= tenOClock + 30; slot++) {
      const arrivals = fromMidnight.arrivalsForSlot(slot);
      if (slot >= tenOClock) expected = expected.concat(arrivals);
    }
    const lateStarter = new ArrivalGenerator(model, 1, profiles, 1);
    let actual: NumberedArrival[] = [];
    for (let slot = tenOClock; slot <= tenOClock + 30; slot++)
      actual = actual.concat(lateStarter.arrivalsForSlot(slot));
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    expect(actual.every((a) => a.sequenceOfDay > 1)).toBe(true);
  });

  it('restarts numbering each day and keeps it unique within a unit and day', () => {
    const seen = new Set<string>();
    for (const arrival of week) {
      const key = `${arrival.unitCode}/${arrival.date}/${arrival.sequenceOfDay}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(arrival.date).toBe(vietnamDate(arrival.atMs));
      expect(arrival.atMs % 1000).toBe(0);
      expect(slotOf(arrival.atMs) * SLOT_MS).toBeLessThanOrEqual(arrival.atMs);
    }
    const firstOfTuesday = week.filter((a) => a.unitCode === ward.code && a.date === '2025-11-18');
    expect(firstOfTuesday[0]?.sequenceOfDay).toBe(1);
    expect(firstOfTuesday.map((a) => a.sequenceOfDay)).toEqual(firstOfTuesday.map((_, i) => i + 1));
  });

  it('multiplies arrivals by the rate multiplier (the live speed)', () => {
    const shape = model.slotShape(weekStart + 9 * 60 + 60 * 24 * 2);
    const single = model.expectedArrivals(ward, shape, 1);
    const fast = model.expectedArrivals(ward, shape, 60);
    expect(fast.counter).toBeCloseTo(single.counter * 60, 9);
    expect(fast.online).toBeCloseTo(single.online * 60, 9);
  });
});
