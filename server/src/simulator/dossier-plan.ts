import {
  type Channel,
  computeDueAt,
  extendDueAtForPause,
  LIFECYCLE_ORDER,
  type FeedbackSource,
  type IngestEvent,
  type IngestEventType,
  VIETNAM_UTC_OFFSET_MS,
  vietnamDate,
  type WorkingCalendar,
} from '@ioc/shared';
import type { ArrivalStream } from './arrival-model';
import { FEEDBACK_COMMENTS, REJECTION_REASONS, SUPPLEMENT_REASONS } from './citizen-texts';
import { chance, pickOne, pickWeighted, type Rng, uniform, type Weighted } from './prng';
import { departmentFor, type ProcedureMix } from './procedure-mix';
import type { SimulationRates } from './simulation-rates';
import type { UnitProfile } from './unit-profile';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** One dossier as it arrives: who, when, through which door, and the names it will carry. */
export interface DossierArrival {
  profile: UnitProfile;
  dossierCode: string;
  /** Every event id of the dossier is this prefix plus a step name, so ids are deterministic. */
  eventIdPrefix: string;
  receivedAtMs: number;
  stream: ArrivalStream;
}

export interface PlanContext {
  calendar: WorkingCalendar;
  procedureMix: ProcedureMix;
  rates: SimulationRates;
  /** Processing durations are divided by this; deadlines stay those of the real receipt time. */
  speed: number;
}

/** How the dossier's story is meant to end, for tests and statistics. */
export type PlannedFate = 'in-time' | 'late' | 'rejected' | 'withdrawn';

export interface PlannedEvent {
  atMs: number;
  event: IngestEvent;
}

export interface DossierPlan {
  fate: PlannedFate;
  channel: Channel;
  procedureCode: string;
  /** The deadline the server will hold after any supplement pause. */
  dueAtMs: number;
  /** The dossier's events (and its feedback, if any), ordered by `at` along the lifecycle. */
  events: PlannedEvent[];
}

/** Ties at one instant follow the lifecycle, as the server orders them. */
const STEP_ORDER: Record<IngestEventType, number> = { ...LIFECYCLE_ORDER, 'feedback.submitted': 9 };

const RATINGS_IN_TIME: Weighted<1 | 2 | 3 | 4 | 5>[] = [
  { value: 5, weight: 0.63 },
  { value: 4, weight: 0.26 },
  { value: 3, weight: 0.08 },
  { value: 2, weight: 0.02 },
  { value: 1, weight: 0.01 },
];
/** Citizens whose result came late rate worse. */
const RATINGS_LATE: Weighted<1 | 2 | 3 | 4 | 5>[] = [
  { value: 5, weight: 0.2 },
  { value: 4, weight: 0.3 },
  { value: 3, weight: 0.2 },
  { value: 2, weight: 0.15 },
  { value: 1, weight: 0.15 },
];
const FEEDBACK_SOURCES_BY_STREAM: Record<ArrivalStream, Weighted<FeedbackSource>[]> = {
  online: [
    { value: 'portal', weight: 0.55 },
    { value: 'zalo', weight: 0.3 },
    { value: 'sms', weight: 0.15 },
  ],
  counter: [
    { value: 'kiosk', weight: 0.55 },
    { value: 'sms', weight: 0.25 },
    { value: 'zalo', weight: 0.2 },
  ],
};
const FEEDBACK_COMMENT_SHARE = 0.3;

/** ISO 8601 in Vietnam time with its offset, as commune software writes it. */
export function formatVietnamInstant(instantMs: number): string {
  return `${new Date(instantMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * The whole life of one dossier, decided at its receipt: every event with its instant. Steps
 * done by officers fall in office hours; the deadline follows the shared rule so that the
 * outcome the server will judge is the one intended here.
 */
export function planDossier(arrival: DossierArrival, context: PlanContext, rng: Rng): DossierPlan {
  const { calendar, rates, speed } = context;
  const { profile, dossierCode: code } = arrival;
  const unit = profile.code;
  /** Working time of a processing step, compressed by the speed; whole seconds, never zero. */
  const step = (durationMs: number) => Math.max(SECOND_MS, roundToSecond(durationMs / speed));
  const afterWorking = (fromMs: number, durationMs: number) =>
    calendar.addWorkingTime(fromMs, step(durationMs));
  const between = (fromMs: number, toMs: number, fraction: number) =>
    roundToSecond(fromMs + (toMs - fromMs) * fraction);
  const events: PlannedEvent[] = [];
  const add = (atMs: number, event: IngestEvent) => events.push({ atMs, event });
  const id = (stepName: string) => `${arrival.eventIdPrefix}-${stepName}`;
  const ref = { code };

  const receivedAt = arrival.receivedAtMs;
  const procedure = context.procedureMix.pick(rng, profile.kind, arrival.stream);
  const channel: Channel =
    arrival.stream === 'online'
      ? 'online'
      : chance(rng, profile.postalShare / Math.max(1e-9, 1 - profile.onlineShare))
        ? 'postal'
        : 'direct';
  const statutoryTime = procedure.processingTime ?? rates.unknownProcessingTime;
  const statutoryDueAt = computeDueAt(receivedAt, statutoryTime, calendar);
  // Online filings arrive as scans; paper at the counter is digitised less often.
  const digitized = chance(
    rng,
    channel === 'online' ? Math.min(0.98, rates.digitizedShare * 1.27) : rates.digitizedShare * 0.85,
  );
  const feeRequired = procedure.fee ?? chance(rng, rates.unknownFeeShare);
  add(receivedAt, {
    id: id('recv'),
    unit,
    type: 'dossier.received',
    at: formatVietnamInstant(receivedAt),
    dossier: {
      code,
      procedure: procedure.code,
      field: procedure.field,
      channel,
      // The server cannot compute a deadline the catalogue lacks, so it is sent explicitly.
      ...(procedure.processingTime === null ? { dueAt: formatVietnamInstant(statutoryDueAt) } : {}),
      digitized,
      feeRequired,
    },
  });

  const assignedAt = afterWorking(receivedAt, uniform(rng, 5, 90) * MINUTE_MS);
  add(assignedAt, {
    id: id('assign'),
    unit,
    type: 'dossier.assigned',
    at: formatVietnamInstant(assignedAt),
    dossier: ref,
    department: departmentFor(procedure.field),
  });
  // The working time the department has before the deadline, at speed 1.
  const budget = Math.max(MINUTE_MS, calendar.workingTimeBetween(assignedAt, statutoryDueAt));
  const plan = (fate: PlannedFate, dueAtMs: number): DossierPlan => ({
    fate,
    channel,
    procedureCode: procedure.code,
    dueAtMs,
    events: events.sort((a, b) => a.atMs - b.atMs || STEP_ORDER[a.event.type] - STEP_ORDER[b.event.type]),
  });

  const closure = rng();
  if (closure < rates.rejectedShare) {
    const rejectedAt = afterWorking(assignedAt, uniform(rng, 0.05, 0.5) * budget);
    add(rejectedAt, {
      id: id('reject'),
      unit,
      type: 'dossier.rejected',
      at: formatVietnamInstant(rejectedAt),
      dossier: ref,
      reason: pickOne(rng, REJECTION_REASONS),
    });
    return plan('rejected', statutoryDueAt);
  }
  if (closure < rates.rejectedShare + rates.withdrawnShare) {
    const withdrawnAt = afterWorking(assignedAt, uniform(rng, 0.05, 0.8) * budget);
    add(withdrawnAt, {
      id: id('withdraw'),
      unit,
      type: 'dossier.withdrawn',
      at: formatVietnamInstant(withdrawnAt),
      dossier: ref,
    });
    return plan('withdrawn', statutoryDueAt);
  }

  const late = chance(rng, profile.lateShare);
  // Where in the budget the work ends: many dossiers are done early, few at the last hour.
  const workShare = late ? 1 : chance(rng, 0.55) ? uniform(rng, 0.1, 0.5) : uniform(rng, 0.5, 0.97);
  let workStartsAt = assignedAt;
  let remainingWork = workShare * budget;
  let dueAt = statutoryDueAt;
  if (chance(rng, rates.supplementShare)) {
    const workBeforePause = uniform(rng, 0.05, 0.7) * remainingWork;
    const pausedAt = afterWorking(assignedAt, workBeforePause);
    const resumedAt = afterWorking(pausedAt, uniform(rng, 1, 3) * calendar.workingMinutesPerDay * MINUTE_MS);
    add(pausedAt, {
      id: id('pause'),
      unit,
      type: 'dossier.paused',
      at: formatVietnamInstant(pausedAt),
      dossier: ref,
      reason: pickOne(rng, SUPPLEMENT_REASONS),
    });
    add(resumedAt, {
      id: id('resume'),
      unit,
      type: 'dossier.resumed',
      at: formatVietnamInstant(resumedAt),
      dossier: ref,
    });
    // The server moves the deadline by exactly the paused working time.
    dueAt = extendDueAtForPause(statutoryDueAt, pausedAt, resumedAt, calendar);
    workStartsAt = resumedAt;
    remainingWork -= workBeforePause;
  }

  let resolvedAt: number;
  if (late) {
    // Hours to days past the deadline, counted in working time from it.
    const lateness = chance(rng, 0.5)
      ? uniform(rng, 0.5, 8) * HOUR_MS
      : uniform(rng, 1, 5) * calendar.workingMinutesPerDay * MINUTE_MS;
    resolvedAt = Math.max(dueAt + SECOND_MS, afterWorking(dueAt, lateness));
    const apologyWindow = calendar.workingTimeBetween(workStartsAt, dueAt);
    if (chance(rng, rates.apologyShareOfLate) && apologyWindow > 2 * SECOND_MS) {
      // Issued while the deadline still lies ahead, promising the day the result will be ready.
      const apologizedAt = calendar.addWorkingTime(
        workStartsAt,
        roundToSecond(uniform(rng, 0.5, 0.95) * apologyWindow),
      );
      const closeOfDay = calendar.at(vietnamDate(resolvedAt), lastSessionEnd(calendar));
      add(apologizedAt, {
        id: id('apology'),
        unit,
        type: 'dossier.apologized',
        at: formatVietnamInstant(apologizedAt),
        dossier: ref,
        newDueAt: formatVietnamInstant(Math.max(resolvedAt, closeOfDay)),
      });
    }
  } else {
    resolvedAt = afterWorking(workStartsAt, remainingWork);
  }
  const eResult = chance(rng, digitized ? 0.8 : 0.3);
  add(resolvedAt, {
    id: id('resolve'),
    unit,
    type: 'dossier.resolved',
    at: formatVietnamInstant(resolvedAt),
    dossier: ref,
    eResult,
  });

  // An electronic result goes back online within hours; paper waits for the citizen's visit.
  const returnedAt =
    channel === 'online' && eResult
      ? afterWorking(resolvedAt, uniform(rng, 2, 240) * MINUTE_MS)
      : afterWorking(resolvedAt, uniform(rng, 10, 2 * calendar.workingMinutesPerDay) * MINUTE_MS);
  if (feeRequired) {
    const onlineShare =
      channel === 'online' ? Math.min(1, rates.onlinePaymentShare * 1.9) : rates.onlinePaymentShare * 0.5;
    const method = chance(rng, onlineShare) ? 'online' : 'counter';
    // Online payment comes any time before the return; at the counter, just before it.
    const paidAt =
      method === 'online'
        ? between(resolvedAt, returnedAt, uniform(rng, 0.05, 0.9))
        : Math.max(resolvedAt, returnedAt - step(uniform(rng, 1, 5) * MINUTE_MS));
    add(paidAt, {
      id: id('pay'),
      unit,
      type: 'dossier.paid',
      at: formatVietnamInstant(paidAt),
      dossier: ref,
      method,
    });
  }
  if (chance(rng, profile.syncedShare)) {
    // Synchronised before the return: anything after the return is an anomaly on the server.
    const syncedAt = between(resolvedAt, returnedAt, uniform(rng, 0.05, 0.95));
    add(syncedAt, {
      id: id('sync'),
      unit,
      type: 'dossier.synced',
      at: formatVietnamInstant(syncedAt),
      dossier: ref,
    });
  }
  add(returnedAt, {
    id: id('return'),
    unit,
    type: 'dossier.returned',
    at: formatVietnamInstant(returnedAt),
    dossier: ref,
  });

  if (chance(rng, rates.feedbackShare)) {
    const rating = pickWeighted(rng, late ? RATINGS_LATE : RATINGS_IN_TIME);
    const feedbackAt = returnedAt + step(uniform(rng, 1, 180) * MINUTE_MS);
    const comment = chance(rng, FEEDBACK_COMMENT_SHARE) ? pickOne(rng, FEEDBACK_COMMENTS[rating]) : undefined;
    add(feedbackAt, {
      id: id('feedback'),
      unit,
      type: 'feedback.submitted',
      at: formatVietnamInstant(feedbackAt),
      rating,
      dossier: ref,
      source: pickWeighted(rng, FEEDBACK_SOURCES_BY_STREAM[arrival.stream]),
      ...(comment === undefined ? {} : { comment }),
    });
  }
  return plan(late ? 'late' : 'in-time', dueAt);
}

function roundToSecond(ms: number): number {
  return Math.round(ms / SECOND_MS) * SECOND_MS;
}

function lastSessionEnd(calendar: WorkingCalendar): number {
  const last = calendar.sessions[calendar.sessions.length - 1];
  return last ? last.endMinute : 17 * 60;
}
