import { DEFAULT_OFFICE_HOURS, MAX_EVENTS_PER_REQUEST, parseOfficeHours, type Unit } from '@ioc/shared';
import { type SimulationRates, withDefaultRates } from './simulation-rates';

/** What the launcher or the CLI asks of a simulator run; everything but the target has a default. */
export interface SimulatorOptions {
  /** The server's base URL. */
  url?: string;
  /** An ingest key valid for every simulated unit (a provincial key). */
  key: string;
  /** The same seed gives the same events. */
  seed?: number;
  /** Live part only: arrival rates × speed, processing durations ÷ speed. */
  speed?: number;
  /** History generated at speed 1 before going live, in ms back from the start; 0 for none. */
  backfillMs?: number;
  /** How long the live part runs, in ms; null (the default) runs until aborted. */
  durationMs?: number | null;
  /** Unit codes to simulate; all 124 units when absent or empty. */
  units?: readonly string[];
  /** Multiplies every unit's volume (30 ≈ a national roll-out), without changing durations. */
  volume?: number;
  /** Office hours used to place officers' steps; must match the server's IOC_OFFICE_HOURS. */
  officeHours?: string;
  rates?: Partial<SimulationRates>;
  /** Events per request, at most 1,000. */
  batchSize?: number;
  /** Requests in flight during the backfill. */
  concurrency?: number;
}

export interface ResolvedSimulatorOptions {
  url: string;
  key: string;
  seed: number;
  speed: number;
  backfillMs: number;
  durationMs: number | null;
  units: readonly Unit[];
  volume: number;
  officeHours: string;
  rates: SimulationRates;
  batchSize: number;
  concurrency: number;
}

export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:3000';
/** Requests stay far below the server's limit so that one slow request never holds many events. */
export const MAX_BATCH_SIZE = Math.min(1000, MAX_EVENTS_PER_REQUEST);
export const MAX_SPEED = 10_000;
export const MAX_VOLUME = 1000;

export class SimulatorOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorOptionError';
  }
}

/** Fills defaults and checks every option; the message names the option at fault. */
export function resolveSimulatorOptions(
  options: SimulatorOptions,
  referenceUnits: readonly Unit[],
): ResolvedSimulatorOptions {
  const fail = (message: string): never => {
    throw new SimulatorOptionError(message);
  };
  const url = options.url ?? DEFAULT_SIMULATOR_URL;
  if (!/^https?:\/\/[^/\s]+/.test(url)) fail(`url '${url}' must be an http:// or https:// URL`);
  if (!options.key) fail('key is required: the ingest key the server accepts for every unit');
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    fail('seed must be an integer from 0 to 4294967295');
  const speed = options.speed ?? 1;
  if (!(speed > 0 && speed <= MAX_SPEED)) fail(`speed must be a number above 0 and at most ${MAX_SPEED}`);
  const backfillMs = options.backfillMs ?? 0;
  if (!(Number.isFinite(backfillMs) && backfillMs >= 0)) fail('backfill must be a duration of 0 or more');
  const durationMs = options.durationMs ?? null;
  if (durationMs !== null && !(Number.isFinite(durationMs) && durationMs >= 0)) {
    fail('duration must be a duration of 0 or more');
  }
  const volume = options.volume ?? 1;
  if (!(volume > 0 && volume <= MAX_VOLUME))
    fail(`volume must be a number above 0 and at most ${MAX_VOLUME}`);
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  try {
    parseOfficeHours(officeHours);
  } catch (error) {
    fail(`officeHours: ${(error as Error).message}`);
  }
  const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    fail(`batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}`);
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    fail('concurrency must be an integer from 1 to 64');
  }
  let rates: SimulationRates;
  try {
    rates = withDefaultRates(options.rates);
  } catch (error) {
    return fail((error as Error).message);
  }
  return {
    url,
    key: options.key,
    seed,
    speed,
    backfillMs,
    durationMs,
    units: selectUnits(options.units, referenceUnits),
    volume,
    officeHours,
    rates,
    batchSize,
    concurrency,
  };
}

function selectUnits(codes: readonly string[] | undefined, referenceUnits: readonly Unit[]): readonly Unit[] {
  if (!codes || codes.length === 0) return referenceUnits;
  const byCode = new Map(referenceUnits.map((unit) => [unit.code, unit]));
  const selected = new Map<string, Unit>();
  for (const code of codes) {
    const unit = byCode.get(code);
    if (!unit)
      throw new SimulatorOptionError(`units: '${code}' is not the code of one of the province's units`);
    selected.set(code, unit);
  }
  return [...selected.values()];
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `30d`, `12h`, `90m`, `60s`, `500ms`, or `0`. A bare number other than 0 is ambiguous, so refused. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = match?.[2];
  if (!match || !Number.isFinite(amount) || (unit === undefined && amount !== 0)) {
    throw new SimulatorOptionError(`'${text}' is not a duration such as 30d, 12h, 90m, 60s or 0`);
  }
  return Math.round(amount * (unit === undefined ? 0 : (DURATION_UNITS_MS[unit] ?? 0)));
}
