import type { ProcessingTime } from '@ioc/shared';

/** The three kinds of commune-level unit; their volumes differ by an order of magnitude. */
export type UnitKind = 'ward' | 'commune' | 'special-zone';

export interface VolumeRange {
  min: number;
  max: number;
}

/**
 * Every rate of the simulated province in one place (DOMAIN.md: "make every rate a setting").
 * Shares are probabilities in [0, 1]; per-unit values are drawn around them.
 */
export interface SimulationRates {
  /** Dossiers received per working day, drawn once per unit within the range of its kind. */
  dossiersPerWorkingDay: Record<UnitKind, VolumeRange>;
  /** Share of dossiers filed online; the rest come to the counter (direct or postal). */
  onlineShare: number;
  postalShare: number;
  /** Online filings per hour at night, relative to a daytime hour. */
  onlineNightFactor: number;
  /** Online filings on a weekend or holiday, relative to a working day. */
  onlineDayOffFactor: number;
  /** Arrivals relative to an average working day, Sunday (0) to Saturday (6). */
  weekdayFactors: readonly [number, number, number, number, number, number, number];
  digitizedShare: number;
  /** Share of dossiers charged a fee when the catalogue does not say whether the procedure has one. */
  unknownFeeShare: number;
  /** The deadline sent as `dueAt` for procedures whose statutory time the catalogue lacks. */
  unknownProcessingTime: ProcessingTime;
  supplementShare: number;
  rejectedShare: number;
  withdrawnShare: number;
  /** Share of resolved dossiers resolved after their deadline (the province's average). */
  lateShare: number;
  /** Per-unit spread of the late share: a unit's share is lateShare × [1 − spread, 1 + spread]. */
  lateShareSpread: number;
  /** Share of late dossiers whose center issues an apology letter before the deadline passes. */
  apologyShareOfLate: number;
  /** Share of fee-paying dossiers paid online. */
  onlinePaymentShare: number;
  syncedShare: number;
  /** Share of returned dossiers whose citizen rates the service. */
  feedbackShare: number;
}

export const DEFAULT_SIMULATION_RATES: SimulationRates = {
  dossiersPerWorkingDay: {
    ward: { min: 80, max: 250 },
    commune: { min: 15, max: 60 },
    'special-zone': { min: 17, max: 23 },
  },
  onlineShare: 0.35,
  postalShare: 0.05,
  onlineNightFactor: 0.08,
  onlineDayOffFactor: 0.35,
  // Monday is busiest, Friday lighter; the weekdays average 1 so the volume is per working day.
  weekdayFactors: [0.9, 1.2, 1.05, 1.0, 0.95, 0.8, 0.9],
  digitizedShare: 0.75,
  unknownFeeShare: 0.3,
  unknownProcessingTime: { value: 10, unit: 'working-days' },
  supplementShare: 0.08,
  rejectedShare: 0.02,
  withdrawnShare: 0.01,
  lateShare: 0.08,
  lateShareSpread: 0.7,
  apologyShareOfLate: 0.5,
  onlinePaymentShare: 0.4,
  syncedShare: 0.85,
  feedbackShare: 0.35,
};

export function withDefaultRates(overrides: Partial<SimulationRates> = {}): SimulationRates {
  const rates = { ...DEFAULT_SIMULATION_RATES, ...overrides };
  const shares: (keyof SimulationRates)[] = [
    'onlineShare',
    'postalShare',
    'onlineNightFactor',
    'onlineDayOffFactor',
    'digitizedShare',
    'unknownFeeShare',
    'supplementShare',
    'rejectedShare',
    'withdrawnShare',
    'lateShare',
    'lateShareSpread',
    'apologyShareOfLate',
    'onlinePaymentShare',
    'syncedShare',
    'feedbackShare',
  ];
  for (const name of shares) {
    const value = rates[name];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new RangeError(`simulation rate '${name}' must be between 0 and 1`);
    }
  }
  if (rates.onlineShare + rates.postalShare > 1) {
    throw new RangeError('simulation rates onlineShare + postalShare must not exceed 1');
  }
  if (rates.rejectedShare + rates.withdrawnShare > 1) {
    throw new RangeError('simulation rates rejectedShare + withdrawnShare must not exceed 1');
  }
  for (const [kind, range] of Object.entries(rates.dossiersPerWorkingDay)) {
    if (!(range.min >= 0 && range.max >= range.min)) {
      throw new RangeError(`simulation volume of ${kind} must satisfy 0 <= min <= max`);
    }
  }
  return rates;
}
