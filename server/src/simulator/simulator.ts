import { type IngestEvent, vietnamDate, vietnamMinuteOfDay, WorkingCalendar } from '@ioc/shared';
import { REFERENCE_CALENDAR, REFERENCE_PROCEDURES, REFERENCE_UNITS } from '@ioc/db';
import { sleepUnlessAborted } from './abortable-sleep';
import { ArrivalGenerator, ArrivalModel, type NumberedArrival, SLOT_MS, slotOf } from './arrival-model';
import { type PlanContext, planDossier } from './dossier-plan';
import { EventQueue } from './event-queue';
import { IngestAbortedError, IngestClient } from './ingest-client';
import { deriveRng } from './prng';
import { ProcedureMix } from './procedure-mix';
import {
  type ResolvedSimulatorOptions,
  resolveSimulatorOptions,
  type SimulatorOptions,
} from './simulator-options';
import { buildUnitProfile, type UnitProfile } from './unit-profile';

export type { SimulatorOptions } from './simulator-options';

export interface SimulatorStats {
  /** Dossiers received so far (in the backfill and live). */
  dossiers: number;
  /** Events in requests the server answered. */
  eventsSent: number;
  accepted: number;
  duplicate: number;
  /** Events the server refused: each one is a simulator bug, logged with its reason. */
  rejected: number;
  requests: number;
  /** Requests resent after a 503, a 429 or a network error. */
  retries: number;
  backfillEvents: number;
  /** Events still planned for the future when the run stopped. */
  queuedEvents: number;
  elapsedMs: number;
}

/** The outside world of a run, replaceable in tests (a fake clock, a fake server). */
export interface SimulatorDependencies {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch: typeof fetch;
  log: (line: string) => void;
}

const defaultDependencies: SimulatorDependencies = {
  now: () => Date.now(),
  sleep: sleepUnlessAborted,
  fetch: (input, init) => globalThis.fetch(input, init),
  log: (line) => {
    process.stderr.write(`${line}\n`);
  },
};

const BACKFILL_PROGRESS_EVERY_MS = 2000;
const LIVE_PROGRESS_EVERY_MS = 30_000;
/** At most this many rejected events are logged one by one; the rest are only counted. */
const MAX_LOGGED_REJECTIONS = 50;

/**
 * Simulates the province's service centers: generates the history of the last `backfill`, then
 * keeps generating live, sending every event through the public ingest API when its instant has
 * come. Resolves with the counts when the duration has passed or the signal aborted.
 */
export async function runSimulator(
  options: SimulatorOptions,
  signal?: AbortSignal,
  dependencies: Partial<SimulatorDependencies> = {},
): Promise<SimulatorStats> {
  const settings = resolveSimulatorOptions(options, REFERENCE_UNITS);
  const simulation = new Simulation(settings, { ...defaultDependencies, ...dependencies }, signal);
  return simulation.run();
}

class Simulation {
  private readonly calendar: WorkingCalendar;
  private readonly profiles: readonly UnitProfile[];
  private readonly profilesByCode: ReadonlyMap<string, UnitProfile>;
  private readonly model: ArrivalModel;
  private readonly procedureMix = new ProcedureMix(REFERENCE_PROCEDURES);
  private readonly queue = new EventQueue();
  private readonly sender: BatchSender;
  private readonly stats: SimulatorStats = {
    dossiers: 0,
    eventsSent: 0,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    requests: 0,
    retries: 0,
    backfillEvents: 0,
    queuedEvents: 0,
    elapsedMs: 0,
  };

  constructor(
    private readonly settings: ResolvedSimulatorOptions,
    private readonly deps: SimulatorDependencies,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.calendar = new WorkingCalendar(REFERENCE_CALENDAR, settings.officeHours);
    this.profiles = settings.units.map((unit) => buildUnitProfile(unit, settings.seed, settings.rates));
    this.profilesByCode = new Map(this.profiles.map((profile) => [profile.code, profile]));
    this.model = new ArrivalModel(this.calendar, settings.rates);
    const client = new IngestClient({
      url: settings.url,
      key: settings.key,
      fetch: deps.fetch,
      sleep: deps.sleep,
      log: deps.log,
    });
    this.sender = new BatchSender(client, this.stats, deps.log, signal);
  }

  async run(): Promise<SimulatorStats> {
    const startedAt = this.deps.now();
    const { settings } = this;
    const perDay = this.profiles.reduce((sum, p) => sum + p.dossiersPerWorkingDay, 0) * settings.volume;
    this.deps.log(
      `simulator: ${this.profiles.length} units (~${Math.round(perDay).toLocaleString('en-US')} dossiers per working day), ` +
        `seed ${settings.seed}, speed ${settings.speed}, backfill ${formatSpan(settings.backfillMs)}, ` +
        `duration ${settings.durationMs === null ? 'until stopped' : formatSpan(settings.durationMs)} -> ${settings.url}`,
    );
    try {
      await this.backfill(startedAt);
      await this.live(slotOf(startedAt));
    } catch (error) {
      // Stopping while a batch was in flight or waiting to be resent is a normal end.
      if (!(error instanceof IngestAbortedError && this.signal?.aborted)) throw error;
    }
    this.stats.queuedEvents = this.queue.size;
    this.stats.elapsedMs = this.deps.now() - startedAt;
    this.deps.log(
      `simulator: stopped after ${formatSpan(this.stats.elapsedMs)}: ${this.stats.dossiers.toLocaleString('en-US')} dossiers, ` +
        `${this.stats.eventsSent.toLocaleString('en-US')} events sent (${this.stats.accepted} accepted, ` +
        `${this.stats.duplicate} duplicate, ${this.stats.rejected} rejected), ${this.stats.queuedEvents} still planned`,
    );
    return { ...this.stats };
  }

  /** The history of the backfill window at speed 1, sent as fast as the server takes it. */
  private async backfill(startedAt: number): Promise<void> {
    const { backfillMs, seed, volume, batchSize, concurrency } = this.settings;
    if (backfillMs <= 0) return;
    const context = this.planContext(1);
    const generator = new ArrivalGenerator(this.model, seed, this.profiles, volume);
    const tag = runTag(seed, volume, 1);
    const firstSlot = slotOf(startedAt - backfillMs);
    const endSlot = slotOf(startedAt);
    const pending: IngestEvent[] = [];
    const began = this.deps.now();
    let lastProgress = began;
    const progress = (simulatedTo: number) => {
      const elapsedS = Math.max(0.001, (this.deps.now() - began) / 1000);
      const share = Math.round(
        (100 * (simulatedTo - firstSlot * SLOT_MS)) / Math.max(1, (endSlot - firstSlot) * SLOT_MS),
      );
      this.deps.log(
        `backfill: simulated to ${formatVietnamMinute(simulatedTo)} (${share}%), ` +
          `${this.stats.eventsSent.toLocaleString('en-US')} events sent, ` +
          `${Math.round(this.stats.eventsSent / elapsedS).toLocaleString('en-US')} events/s`,
      );
    };
    const sendDue = async (horizonMs: number) => {
      for (const event of this.queue.takeDue(horizonMs)) {
        pending.push(event);
        if (pending.length >= batchSize) await this.sender.send(pending.splice(0), concurrency);
      }
    };

    for (let slot = firstSlot; slot < endSlot; slot++) {
      if (this.signal?.aborted) return;
      this.receive(generator.arrivalsForSlot(slot), context, tag);
      // Every hour of simulated arrivals, their whole past (up to now) is sent: a dossier received
      // a month ago arrives with its resolution, instead of looking overdue until the replay
      // reaches the day it was resolved.
      if ((slot + 1) % 60 === 0) {
        await sendDue(this.deps.now());
        if (this.deps.now() - lastProgress >= BACKFILL_PROGRESS_EVERY_MS) {
          lastProgress = this.deps.now();
          progress((slot + 1) * SLOT_MS);
        }
      }
    }
    await sendDue(this.deps.now());
    if (pending.length > 0) await this.sender.send(pending.splice(0), concurrency);
    await this.sender.drain();
    this.stats.backfillEvents = this.stats.eventsSent;
    const seconds = Math.max(0.001, (this.deps.now() - began) / 1000);
    this.deps.log(
      `backfill: done, ${this.stats.dossiers.toLocaleString('en-US')} dossiers, ` +
        `${this.stats.eventsSent.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s ` +
        `(${Math.round(this.stats.eventsSent / seconds).toLocaleString('en-US')} events/s); ` +
        `${this.queue.size.toLocaleString('en-US')} events of open dossiers wait for their time`,
    );
  }

  /** A tick every second (faster at higher speeds): new arrivals, then every event now due. */
  private async live(firstSlot: number): Promise<void> {
    const { seed, volume, speed, durationMs, batchSize } = this.settings;
    const context = this.planContext(speed);
    const generator = new ArrivalGenerator(this.model, seed, this.profiles, volume * speed);
    const tag = runTag(seed, volume, speed);
    const tickMs = Math.max(100, 1000 / speed);
    const liveStartedAt = this.deps.now();
    const endsAt = durationMs === null ? Number.POSITIVE_INFINITY : liveStartedAt + durationMs;
    let nextSlot = firstSlot;
    let lastProgress = { at: liveStartedAt, eventsSent: this.stats.eventsSent };

    for (;;) {
      if (this.signal?.aborted) return;
      const tickAt = this.deps.now();
      for (const nowSlot = slotOf(tickAt); nextSlot <= nowSlot; nextSlot++) {
        this.receive(generator.arrivalsForSlot(nextSlot), context, tag);
      }
      // One request per tick unless more than a batch is due (after an outage, say).
      for (
        let due = this.queue.takeDue(tickAt, batchSize);
        due.length > 0;
        due = this.queue.takeDue(tickAt, batchSize)
      ) {
        await this.sender.send(due, 1);
      }
      await this.sender.drain();
      if (tickAt - lastProgress.at >= LIVE_PROGRESS_EVERY_MS) {
        const rate = ((this.stats.eventsSent - lastProgress.eventsSent) * 1000) / (tickAt - lastProgress.at);
        this.deps.log(
          `live: ${this.stats.dossiers.toLocaleString('en-US')} dossiers, ` +
            `${this.stats.eventsSent.toLocaleString('en-US')} events sent (${rate.toFixed(1)} events/s), ` +
            `${this.queue.size.toLocaleString('en-US')} planned`,
        );
        lastProgress = { at: tickAt, eventsSent: this.stats.eventsSent };
      }
      const now = this.deps.now();
      if (now >= endsAt || this.signal?.aborted) return;
      await this.deps.sleep(Math.min(endsAt - now, Math.max(0, tickAt + tickMs - now)), this.signal);
    }
  }

  private planContext(speed: number): PlanContext {
    return { calendar: this.calendar, procedureMix: this.procedureMix, rates: this.settings.rates, speed };
  }

  /** Plans each arriving dossier and queues its events until their instant. */
  private receive(arrivals: readonly NumberedArrival[], context: PlanContext, tag: string): void {
    for (const arrival of arrivals) {
      const profile = this.profilesByCode.get(arrival.unitCode);
      if (!profile) continue;
      const day = arrival.date.slice(2).replaceAll('-', '');
      const number = String(arrival.sequenceOfDay).padStart(4, '0');
      const dossierCode = `000.${tag}.${arrival.unitCode}-${day}-${number}`;
      const plan = planDossier(
        {
          profile,
          dossierCode,
          eventIdPrefix: `sim-${tag}-${arrival.unitCode}-${day}-${number}`,
          receivedAtMs: arrival.atMs,
          stream: arrival.stream,
        },
        context,
        deriveRng(this.settings.seed, 'dossier', dossierCode),
      );
      this.queue.pushAll(plan.events);
      this.stats.dossiers += 1;
    }
  }
}

/**
 * Names the run's settings in every dossier code and event id, so that runs with different
 * seeds, volumes or speeds never reuse each other's ids, while the same run restarted does.
 */
export function runTag(seed: number, volume: number, speed: number): string {
  return `S${seed}${volume === 1 ? '' : `V${volume}`}${speed === 1 ? '' : `X${speed}`}`;
}

/** Sends batches with a bounded number of requests in flight, and keeps the counts. */
class BatchSender {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;
  private readonly loggedRejections = new Set<string>();

  constructor(
    private readonly client: IngestClient,
    private readonly stats: SimulatorStats,
    private readonly log: (line: string) => void,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Starts sending a batch, first waiting while `concurrency` requests are already in flight. */
  async send(batch: IngestEvent[], concurrency: number): Promise<void> {
    this.throwIfFailed();
    while (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const delivery: Promise<void> = this.deliver(batch)
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private async deliver(batch: IngestEvent[]): Promise<void> {
    const answer = await this.client.send(batch, this.signal);
    this.stats.requests += answer.attempts;
    this.stats.retries += answer.attempts - 1;
    this.stats.eventsSent += batch.length;
    this.stats.accepted += answer.accepted;
    this.stats.duplicate += answer.duplicate;
    this.stats.rejected += answer.rejected.length;
    for (const rejection of answer.rejected) {
      const id = rejection.id ?? batch[rejection.index]?.id ?? `#${rejection.index}`;
      if (this.loggedRejections.has(id) || this.loggedRejections.size >= MAX_LOGGED_REJECTIONS) continue;
      this.loggedRejections.add(id);
      this.log(`ingest: event '${id}' was rejected: ${rejection.reason}`);
      if (this.loggedRejections.size === MAX_LOGGED_REJECTIONS) {
        this.log(`ingest: ${MAX_LOGGED_REJECTIONS} rejections logged; further ones are only counted`);
      }
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}

function formatVietnamMinute(instantMs: number): string {
  const minute = vietnamMinuteOfDay(instantMs);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${vietnamDate(instantMs)} ${hh}:${mm} (UTC+7)`;
}

function formatSpan(ms: number): string {
  if (ms === 0) return '0';
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}
