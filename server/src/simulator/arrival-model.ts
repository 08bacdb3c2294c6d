import { type WorkingCalendar, vietnamDate, vietnamMidnight, vietnamMinuteOfDay } from '@ioc/shared';
import { deriveRng, poisson, type Rng } from './prng';
import type { SimulationRates } from './simulation-rates';
import type { UnitProfile } from './unit-profile';

/**
 * When citizens file dossiers: a Poisson process per unit whose rate follows the office day.
 * Time is cut into one-minute slots, and each (unit, slot) draws from its own seeded stream, so
 * the arrivals of a minute are the same whether it is generated in a backfill or live, and a
 * restarted simulator with the same seed reproduces the same dossiers.
 */
export const SLOT_MS = 60_000;

/** Counter (direct or postal) filings need an open counter; online filings come at any hour. */
export type ArrivalStream = 'counter' | 'online';

export interface Arrival {
  unitCode: string;
  atMs: number;
  stream: ArrivalStream;
}

export interface NumberedArrival extends Arrival {
  /** Local date (Vietnam) of the arrival, `YYYY-MM-DD`. */
  date: string;
  /** 1-based rank of the arrival within its unit and day: the tail of the dossier code. */
  sequenceOfDay: number;
}

export function slotOf(instantMs: number): number {
  return Math.floor(instantMs / SLOT_MS);
}

/** Counter traffic per hour of the day: a morning peak, a quieter afternoon. */
const COUNTER_HOURLY_WEIGHTS: readonly number[] = [
  1, 1, 1, 1, 1, 1, 1, 1.1, 1.5, 1.5, 1.2, 0.8, 1, 0.8, 1.0, 0.9, 0.6, 0.6, 1, 1, 1, 1, 1, 1,
];

/** Online filings per hour relative to a daytime hour; the night hours come from the rates. */
function onlineHourlyWeights(nightFactor: number): number[] {
  const evening = [0.6, 0.55, 0.5, 0.4, 0.25, 0.15]; // 18:00 to 23:00
  return Array.from({ length: 24 }, (_, hour) => {
    if (hour < 6) return nightFactor;
    if (hour === 6) return 0.35;
    if (hour < 18) return hour === 12 ? 0.7 : 1;
    return evening[hour - 18] ?? nightFactor;
  });
}

/** The share of a unit's daily volume expected in one slot, per stream (the same for every unit). */
export interface SlotShape {
  counter: number;
  online: number;
}

interface DayShape {
  working: boolean;
  weekdayFactor: number;
}

export class ArrivalModel {
  private readonly counterWeightPerOfficeDay: number;
  private readonly onlineWeights: readonly number[];
  private readonly onlineWeightPerDay: number;
  private readonly days = new Map<string, DayShape>();

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly rates: SimulationRates,
  ) {
    this.counterWeightPerOfficeDay = calendar.sessions.reduce((sum, session) => {
      for (let minute = session.startMinute; minute < session.endMinute; minute++) {
        sum += COUNTER_HOURLY_WEIGHTS[Math.floor(minute / 60)] ?? 1;
      }
      return sum;
    }, 0);
    this.onlineWeights = onlineHourlyWeights(rates.onlineNightFactor);
    this.onlineWeightPerDay = this.onlineWeights.reduce((sum, weight) => sum + weight * 60, 0);
  }

  slotShape(slot: number): SlotShape {
    const startMs = slot * SLOT_MS;
    const day = this.dayShape(vietnamDate(startMs));
    const minute = vietnamMinuteOfDay(startMs);
    const hour = Math.floor(minute / 60);
    const inSession = this.calendar.sessions.some((s) => minute >= s.startMinute && minute < s.endMinute);
    const counter =
      day.working && inSession
        ? (day.weekdayFactor * (COUNTER_HOURLY_WEIGHTS[hour] ?? 1)) / this.counterWeightPerOfficeDay
        : 0;
    const dayFactor = day.working ? day.weekdayFactor : this.rates.onlineDayOffFactor;
    const online = (dayFactor * (this.onlineWeights[hour] ?? 0)) / this.onlineWeightPerDay;
    return { counter, online };
  }

  /** Expected arrivals of one unit in a slot; `rateMultiplier` is the live speed times the volume. */
  expectedArrivals(profile: UnitProfile, shape: SlotShape, rateMultiplier: number): SlotShape {
    const daily = profile.dossiersPerWorkingDay * rateMultiplier;
    return {
      counter: daily * (1 - profile.onlineShare) * shape.counter,
      online: daily * profile.onlineShare * shape.online,
    };
  }

  /** The arrivals of one unit in one slot, ordered by time. */
  arrivalsInSlot(
    seed: number,
    profile: UnitProfile,
    slot: number,
    shape: SlotShape,
    rateMultiplier: number,
  ): Arrival[] {
    const rng = slotRng(seed, profile.code, slot);
    const expected = this.expectedArrivals(profile, shape, rateMultiplier);
    const counterCount = poisson(rng, expected.counter);
    const onlineCount = poisson(rng, expected.online);
    const arrivals: Arrival[] = [];
    const place = (stream: ArrivalStream) => {
      // Whole seconds: every instant derived from a receipt then stays on whole seconds too.
      const atMs = slot * SLOT_MS + Math.floor(rng() * 60) * 1000;
      arrivals.push({ unitCode: profile.code, atMs, stream });
    };
    for (let i = 0; i < counterCount; i++) place('counter');
    for (let i = 0; i < onlineCount; i++) place('online');
    return arrivals.sort((a, b) => a.atMs - b.atMs);
  }

  /** How many arrivals `arrivalsInSlot` gives, drawing only the counts. */
  countInSlot(
    seed: number,
    profile: UnitProfile,
    slot: number,
    shape: SlotShape,
    rateMultiplier: number,
  ): number {
    const rng = slotRng(seed, profile.code, slot);
    const expected = this.expectedArrivals(profile, shape, rateMultiplier);
    return poisson(rng, expected.counter) + poisson(rng, expected.online);
  }

  private dayShape(date: string): DayShape {
    let shape = this.days.get(date);
    if (!shape) {
      // A bounded memo: a long live run would otherwise keep every day it has seen.
      if (this.days.size > 400) this.days.clear();
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      shape = {
        working: this.calendar.isWorkingDay(date),
        weekdayFactor: this.rates.weekdayFactors[weekday] ?? 1,
      };
      this.days.set(date, shape);
    }
    return shape;
  }
}

function slotRng(seed: number, unitCode: string, slot: number): Rng {
  return deriveRng(seed, 'arrivals', unitCode, slot);
}

interface DayCounter {
  date: string;
  count: number;
  /** The first slot of the day not yet counted. */
  nextSlot: number;
}

/**
 * Numbers the arrivals of every unit within its Vietnam day. Counting always starts at the day's
 * first minute (earlier minutes are counted, not generated), so the number of a dossier does not
 * depend on when the simulator was started.
 */
export class ArrivalGenerator {
  private readonly counters = new Map<string, DayCounter>();

  constructor(
    private readonly model: ArrivalModel,
    private readonly seed: number,
    private readonly profiles: readonly UnitProfile[],
    private readonly rateMultiplier: number,
  ) {}

  arrivalsForSlot(slot: number): NumberedArrival[] {
    const shape = this.model.slotShape(slot);
    const date = vietnamDate(slot * SLOT_MS);
    const numbered: NumberedArrival[] = [];
    for (const profile of this.profiles) {
      const counter = this.counterFor(profile, date, slot);
      for (const arrival of this.model.arrivalsInSlot(this.seed, profile, slot, shape, this.rateMultiplier)) {
        counter.count += 1;
        numbered.push({ ...arrival, date, sequenceOfDay: counter.count });
      }
      counter.nextSlot = slot + 1;
    }
    return numbered;
  }

  private counterFor(profile: UnitProfile, date: string, slot: number): DayCounter {
    let counter = this.counters.get(profile.code);
    if (!counter || counter.date !== date) {
      counter = { date, count: 0, nextSlot: slotOf(vietnamMidnight(date)) };
      this.counters.set(profile.code, counter);
    }
    for (; counter.nextSlot < slot; counter.nextSlot++) {
      const shape = this.model.slotShape(counter.nextSlot);
      counter.count += this.model.countInSlot(
        this.seed,
        profile,
        counter.nextSlot,
        shape,
        this.rateMultiplier,
      );
    }
    return counter;
  }
}
