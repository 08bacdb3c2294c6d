import type { Channel, DossierEvent } from '../events/ingest-event';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { judgeOutcome, pauseExtension, type DossierOutcome, type PauseTrace } from '../deadline/deadline';

export type DossierStatus =
  | 'received'
  | 'in_process'
  | 'paused'
  | 'resolved'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  /** Events arrived but no `dossier.received` (yet): not counted anywhere until it does. */
  | 'unreceived';

export const OPEN_STATUSES: readonly DossierStatus[] = ['received', 'in_process', 'paused'];

export type AnomalyKind =
  | 'missing-receipt'
  | 'before-receipt'
  | 'repeated-receipt'
  | 'after-closure'
  | 'resume-without-pause'
  | 'repeated-resolution'
  | 'returned-unresolved';

export interface DossierAnomaly {
  eventId: string;
  kind: AnomalyKind;
  at: string;
  detail: string;
}

export interface DossierState {
  unitCode: string;
  dossierCode: string;
  procedureCode: string | null;
  field: string | null;
  channel: Channel | null;
  status: DossierStatus;
  receivedAt: number | null;
  /** The appointment date printed on the receipt: sent by the commune, or computed once at receipt. */
  statutoryDueAt: number | null;
  /** The current appointment date: the statutory deadline moved by supplement pauses. */
  dueAt: number | null;
  pausedAt: number | null;
  pauseCount: number;
  /** Office time of the supplement pauses that ended (what moved `dueAt` past `statutoryDueAt`). */
  pausedWorkingMs: number;
  resolvedAt: number | null;
  /**
   * Office time from receipt to result, supplement pauses left out: the clock the deadline runs
   * on, so it compares with the statutory time (`GET /api/v1/processing-times`). Null until resolved.
   */
  resolutionWorkingMs: number | null;
  outcome: DossierOutcome | null;
  closedAt: number | null;
  department: string | null;
  digitized: boolean;
  feeRequired: boolean;
  eResult: boolean;
  paidOnline: boolean;
  paidAt: number | null;
  syncedAt: number | null;
  apologizedAt: number | null;
  apologyDueAt: number | null;
  lastEventAt: number;
}

export interface DossierDerivation {
  state: DossierState;
  anomalies: DossierAnomaly[];
}

export interface DerivationContext {
  calendar: WorkingCalendar;
  /**
   * The statutory deadline of a receipt without `dueAt`; null when it cannot be computed. The
   * caller returns the one computed the first time, so a later calendar edit never moves a
   * deadline already printed on a receipt.
   */
  statutoryDueAt(receivedAtMs: number, procedureCode: string): number | null;
  /** Told of every pause as it moves the deadline (the drill-down's explanation); ingest gives none. */
  tracePause?: PauseTrace;
}

/** Ties at the same instant are ordered along the lifecycle, then by id, so the fold is deterministic. */
export const LIFECYCLE_ORDER: Readonly<Record<DossierEvent['type'], number>> = {
  'dossier.received': 0,
  'dossier.assigned': 1,
  'dossier.paused': 2,
  'dossier.resumed': 3,
  'dossier.apologized': 4,
  'dossier.resolved': 5,
  'dossier.paid': 6,
  'dossier.synced': 7,
  'dossier.returned': 8,
  'dossier.rejected': 8,
  'dossier.withdrawn': 8,
};

export function orderDossierEvents(events: readonly DossierEvent[]): DossierEvent[] {
  return [...events].sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      LIFECYCLE_ORDER[a.type] - LIFECYCLE_ORDER[b.type] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A dossier's state is what its events say when ordered by `at`: this fold is the single place
 * that decides it, so a late-arriving earlier event simply re-runs it over the whole timeline.
 * Events that make no sense are kept and reported as anomalies; they never throw.
 */
export function deriveDossierState(
  events: readonly DossierEvent[],
  context: DerivationContext,
): DossierDerivation {
  const ordered = orderDossierEvents(events);
  const first = ordered[0];
  if (!first) throw new Error('a dossier is derived from at least one event');
  const state: DossierState = {
    unitCode: first.unit,
    dossierCode: first.dossier.code,
    procedureCode: null,
    field: null,
    channel: null,
    status: 'unreceived',
    receivedAt: null,
    statutoryDueAt: null,
    dueAt: null,
    pausedAt: null,
    pauseCount: 0,
    pausedWorkingMs: 0,
    resolvedAt: null,
    resolutionWorkingMs: null,
    outcome: null,
    closedAt: null,
    department: null,
    digitized: false,
    feeRequired: false,
    eResult: false,
    paidOnline: false,
    paidAt: null,
    syncedAt: null,
    apologizedAt: null,
    apologyDueAt: null,
    lastEventAt: Date.parse(first.at),
  };
  const anomalies: DossierAnomaly[] = [];
  const flag = (event: DossierEvent, kind: AnomalyKind, detail: string) =>
    anomalies.push({ eventId: event.id, kind, at: event.at, detail });

  const receipt = ordered.find((e) => e.type === 'dossier.received');
  if (!receipt) flag(first, 'missing-receipt', `no dossier.received for dossier '${state.dossierCode}'`);

  // The receipt opens the dossier, so it is applied first: an event dated before it (a result
  // typed with the wrong day, say) is flagged but still counts, and cannot reopen the dossier.
  if (receipt?.type === 'dossier.received') {
    const at = Date.parse(receipt.at);
    state.status = 'received';
    state.receivedAt = at;
    state.procedureCode = receipt.dossier.procedure;
    state.field = receipt.dossier.field;
    state.channel = receipt.dossier.channel;
    state.digitized = receipt.dossier.digitized ?? false;
    state.feeRequired = receipt.dossier.feeRequired ?? false;
    state.statutoryDueAt = receipt.dossier.dueAt
      ? Date.parse(receipt.dossier.dueAt)
      : context.statutoryDueAt(at, receipt.dossier.procedure);
    state.dueAt = state.statutoryDueAt;
  }

  for (const event of ordered) {
    const at = Date.parse(event.at);
    state.lastEventAt = Math.max(state.lastEventAt, at);
    if (event === receipt) continue;
    if (event.type === 'dossier.received') {
      flag(event, 'repeated-receipt', 'the dossier was already received; this receipt is ignored');
      continue;
    }
    if (receipt && at < Date.parse(receipt.at)) {
      flag(event, 'before-receipt', `${event.type} is dated before the receipt`);
    }
    if (state.closedAt !== null) {
      flag(event, 'after-closure', `${event.type} arrived after the dossier was closed`);
      continue;
    }
    applyLifecycleEvent(state, event, at, context, flag);
  }
  return { state, anomalies };
}

function applyLifecycleEvent(
  state: DossierState,
  event: Exclude<DossierEvent, { type: 'dossier.received' }>,
  at: number,
  context: DerivationContext,
  flag: (event: DossierEvent, kind: AnomalyKind, detail: string) => void,
): void {
  const received = state.receivedAt !== null;
  switch (event.type) {
    case 'dossier.assigned':
      state.department = event.department;
      if (received && (state.status === 'received' || state.status === 'in_process'))
        state.status = 'in_process';
      return;
    case 'dossier.paused':
      state.pauseCount += 1;
      if (state.pausedAt === null) state.pausedAt = at;
      if (received && state.resolvedAt === null) state.status = 'paused';
      return;
    case 'dossier.resumed':
      if (state.pausedAt === null) {
        flag(event, 'resume-without-pause', 'resumed without a preceding pause');
        return;
      }
      endPause(state, at, context);
      if (received && state.resolvedAt === null) state.status = state.department ? 'in_process' : 'received';
      return;
    case 'dossier.apologized':
      state.apologizedAt = at;
      state.apologyDueAt = Date.parse(event.newDueAt);
      return;
    case 'dossier.resolved':
      if (state.resolvedAt !== null) {
        flag(event, 'repeated-resolution', 'the dossier was already resolved; the first resolution counts');
        return;
      }
      resolve(state, at, context);
      state.eResult = event.eResult ?? false;
      return;
    case 'dossier.paid':
      state.paidAt = at;
      state.paidOnline = event.method === 'online';
      return;
    case 'dossier.synced':
      state.syncedAt = at;
      return;
    case 'dossier.returned':
      if (state.resolvedAt === null) {
        flag(
          event,
          'returned-unresolved',
          'returned without a resolution; counted as resolved when returned',
        );
        resolve(state, at, context);
      }
      close(state, 'returned', at);
      return;
    case 'dossier.rejected':
      close(state, 'rejected', at);
      return;
    case 'dossier.withdrawn':
      close(state, 'withdrawn', at);
      return;
  }
}

/** A pause ends (resumed, or resolved while paused): the deadline moves by the office time it lasted. */
function endPause(state: DossierState, at: number, context: DerivationContext): void {
  if (state.pausedAt !== null && state.dueAt !== null) {
    const extension = pauseExtension(state.dueAt, state.pausedAt, at, context.calendar, context.tracePause);
    state.dueAt = extension.dueAt;
    state.pausedWorkingMs += extension.pausedMs;
  }
  state.pausedAt = null;
}

function resolve(state: DossierState, at: number, context: DerivationContext): void {
  // A dossier resolved while paused: the pause ends with the resolution.
  if (state.pausedAt !== null && state.dueAt !== null) endPause(state, at, context);
  state.resolvedAt = at;
  if (state.receivedAt !== null) {
    const worked = context.calendar.workingTimeBetween(state.receivedAt, at);
    state.resolutionWorkingMs = Math.max(0, worked - state.pausedWorkingMs);
  }
  state.outcome = state.dueAt === null ? null : judgeOutcome(at, state.dueAt);
  if (state.receivedAt !== null) state.status = 'resolved';
}

function close(state: DossierState, status: DossierStatus, at: number): void {
  state.pausedAt = null;
  state.closedAt = at;
  if (state.receivedAt !== null) state.status = status;
}

export function isOpen(state: Pick<DossierState, 'status'>): boolean {
  return OPEN_STATUSES.includes(state.status);
}

export const ANOMALY_KINDS: readonly AnomalyKind[] = [
  'missing-receipt',
  'before-receipt',
  'repeated-receipt',
  'after-closure',
  'resume-without-pause',
  'repeated-resolution',
  'returned-unresolved',
];

/** `GET /api/v1/anomalies`: events that made no sense for their dossier, kept and listed. */
export interface AnomalyListItem extends DossierAnomaly {
  unitCode: string;
  dossierCode: string;
}
export interface AnomalyList {
  /** Anomalies per unit, over the whole filter (not just the page). */
  byUnit: { unitCode: string; count: number }[];
  total: number;
  items: AnomalyListItem[];
}
