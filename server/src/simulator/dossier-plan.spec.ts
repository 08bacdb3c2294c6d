import { REFERENCE_CALENDAR, REFERENCE_PROCEDURES, REFERENCE_UNITS } from '@ioc/db';
import {
  computeDueAt,
  type DerivationContext,
  deriveDossierState,
  type DossierEvent,
  isFeedbackEvent,
  validateIngestEvent,
  vietnamMidnight,
  vietnamMinuteOfDay,
  WorkingCalendar,
} from '@ioc/shared';
import { ArrivalGenerator, ArrivalModel, type NumberedArrival, slotOf } from './arrival-model';
import { type DossierPlan, formatVietnamInstant, type PlanContext, planDossier } from './dossier-plan';
import { deriveRng } from './prng';
import { ProcedureMix } from './procedure-mix';
import { DEFAULT_SIMULATION_RATES } from './simulation-rates';
import { buildUnitProfile, type UnitProfile } from './unit-profile';

const calendar = new WorkingCalendar(REFERENCE_CALENDAR);
const procedureMix = new ProcedureMix(REFERENCE_PROCEDURES);
const procedures = new Map(REFERENCE_PROCEDURES.map((p) => [p.code, p]));
const rates = DEFAULT_SIMULATION_RATES;
const contextAt = (speed: number): PlanContext => ({ calendar, procedureMix, rates, speed });

/** The server's view of a dossier: the shared fold, with statutory deadlines from the catalogue. */
const derivation: DerivationContext = {
  calendar,
  statutoryDueAt: (receivedAtMs, code) => {
    const time = procedures.get(code)?.processingTime;
    return time ? computeDueAt(receivedAtMs, time, calendar) : null;
  },
};

/** A unit whose late share is exactly the province's, so the share can be checked. */
const profiles: UnitProfile[] = REFERENCE_UNITS.filter((u) =>
  ['24781', '22918', '23272', '24838'].includes(u.code),
).map((unit) => ({ ...buildUnitProfile(unit, 1, rates), lateShare: rates.lateShare }));

/** Three weeks of arrivals (Mon 3 Nov to Sun 23 Nov 2025), realistic in time and channel. */
function arrivals(): NumberedArrival[] {
  const generator = new ArrivalGenerator(new ArrivalModel(calendar, rates), 1, profiles, 1);
  const first = slotOf(vietnamMidnight('2025-11-03'));
  const result: NumberedArrival[] = [];
  for (let slot = first; slot < first + 21 * 24 * 60; slot++) result.push(...generator.arrivalsForSlot(slot));
  return result;
}

function plan(arrival: NumberedArrival, speed: number): DossierPlan {
  const profile = profiles.find((p) => p.code === arrival.unitCode);
  if (!profile) throw new Error(`no profile for ${arrival.unitCode}`);
  const code = `000.T.${arrival.unitCode}-${arrival.date}-${arrival.sequenceOfDay}`;
  return planDossier(
    {
      profile,
      dossierCode: code,
      eventIdPrefix: `t-${code}`,
      receivedAtMs: arrival.atMs,
      stream: arrival.stream,
    },
    contextAt(speed),
    deriveRng(1, 'dossier', code),
  );
}

function dossierEvents(p: DossierPlan): DossierEvent[] {
  return p.events.map((e) => e.event).filter((e): e is DossierEvent => !isFeedbackEvent(e));
}

/** Officers' steps land in office hours, or exactly at a session's close. */
function isOfficeInstant(instantMs: number): boolean {
  if (calendar.isOfficeTime(instantMs)) return true;
  const minute = vietnamMinuteOfDay(instantMs);
  return instantMs % 60_000 === 0 && calendar.sessions.some((s) => s.endMinute === minute);
}

describe('dossier plan', () => {
  const sample = arrivals();
  const plans = sample.map((a) => plan(a, 1));

  it('has enough dossiers to judge shares', () => {
    expect(plans.length).toBeGreaterThan(4000);
  });

  it('makes only events that pass the ingest contract, with unique ids', () => {
    const ids = new Set<string>();
    for (const p of plans) {
      for (const { atMs, event } of p.events) {
        const validation = validateIngestEvent(JSON.parse(JSON.stringify(event)));
        if (!validation.ok) throw new Error(`${event.id}: ${validation.reason}`);
        expect(Date.parse(event.at)).toBe(atMs);
        expect(ids.has(event.id)).toBe(false);
        ids.add(event.id);
      }
    }
  });

  it('orders each dossier from its receipt to its closure', () => {
    for (const p of plans) {
      const events = p.events;
      expect(events[0]?.event.type).toBe('dossier.received');
      for (let i = 1; i < events.length; i++) {
        expect(events[i]?.atMs).toBeGreaterThanOrEqual(events[i - 1]?.atMs ?? 0);
      }
      const lifecycle = dossierEvents(p);
      const closures = lifecycle.filter((e) =>
        ['dossier.returned', 'dossier.rejected', 'dossier.withdrawn'].includes(e.type),
      );
      expect(closures).toHaveLength(1);
      expect(lifecycle[lifecycle.length - 1]).toBe(closures[0]);
    }
  });

  it('is the same for the same seed', () => {
    expect(sample.slice(0, 200).map((a) => plan(a, 1))).toEqual(plans.slice(0, 200));
  });

  it('ends as the server will judge it, with no anomaly', () => {
    for (const p of plans) {
      const { state, anomalies } = deriveDossierState(dossierEvents(p), derivation);
      expect(anomalies).toEqual([]);
      expect(state.dueAt).toBe(p.dueAtMs);
      switch (p.fate) {
        case 'late':
          expect(state.outcome).toBe('late');
          expect(state.status).toBe('returned');
          break;
        case 'in-time':
          expect(['early', 'on_time']).toContain(state.outcome);
          break;
        default:
          expect(state.status).toBe(p.fate);
      }
    }
  });

  it('makes about the configured shares of late, rejected, withdrawn and paused dossiers', () => {
    const share = (count: number, of: number) => count / of;
    const resolved = plans.filter((p) => p.fate === 'in-time' || p.fate === 'late');
    const late = resolved.filter((p) => p.fate === 'late');
    expect(share(late.length, resolved.length)).toBeGreaterThan(0.065);
    expect(share(late.length, resolved.length)).toBeLessThan(0.095);
    expect(share(plans.filter((p) => p.fate === 'rejected').length, plans.length)).toBeCloseTo(0.02, 1);
    expect(share(plans.filter((p) => p.fate === 'withdrawn').length, plans.length)).toBeCloseTo(0.01, 1);
    const paused = resolved.filter((p) => p.events.some((e) => e.event.type === 'dossier.paused'));
    expect(share(paused.length, resolved.length)).toBeGreaterThan(0.06);
    expect(share(paused.length, resolved.length)).toBeLessThan(0.1);
    const apologized = late.filter((p) => p.events.some((e) => e.event.type === 'dossier.apologized'));
    expect(share(apologized.length, late.length)).toBeGreaterThan(0.35);
    expect(share(apologized.length, late.length)).toBeLessThan(0.65);
  });

  it('issues apologies before the deadline passes, with a new date no earlier than the result', () => {
    for (const p of plans) {
      const apology = p.events.find((e) => e.event.type === 'dossier.apologized');
      if (!apology || apology.event.type !== 'dossier.apologized') continue;
      expect(apology.atMs).toBeLessThan(p.dueAtMs);
      const resolved = p.events.find((e) => e.event.type === 'dossier.resolved');
      expect(Date.parse(apology.event.newDueAt)).toBeGreaterThanOrEqual(resolved?.atMs ?? Infinity);
    }
  });

  it('places officers’ steps in office hours and counter receipts in office hours', () => {
    const officerSteps = new Set([
      'dossier.assigned',
      'dossier.paused',
      'dossier.resumed',
      'dossier.apologized',
      'dossier.resolved',
      'dossier.returned',
      'dossier.rejected',
      'dossier.withdrawn',
    ]);
    for (const p of plans) {
      const receipt = p.events[0];
      if (p.channel !== 'online') expect(calendar.isOfficeTime(receipt?.atMs ?? 0)).toBe(true);
      for (const { atMs, event } of p.events) {
        if (officerSteps.has(event.type) && !isOfficeInstant(atMs)) {
          throw new Error(`${event.id} at ${event.at} is outside office hours`);
        }
      }
    }
  });

  it('sends an explicit deadline exactly for procedures the catalogue has no time for', () => {
    let explicit = 0;
    for (const p of plans) {
      const receipt = p.events[0]?.event;
      if (receipt?.type !== 'dossier.received') throw new Error('the first event is the receipt');
      const hasTime = procedures.get(receipt.dossier.procedure)?.processingTime != null;
      expect(receipt.dossier.dueAt === undefined).toBe(hasTime);
      if (!hasTime) explicit += 1;
    }
    expect(explicit).toBeGreaterThan(0);
  });

  it('mixes channels, digitisation, fees and feedback as configured', () => {
    const count = (predicate: (p: DossierPlan) => boolean) => plans.filter(predicate).length / plans.length;
    expect(count((p) => p.channel === 'online')).toBeGreaterThan(0.3);
    expect(count((p) => p.channel === 'online')).toBeLessThan(0.45);
    expect(count((p) => p.channel === 'postal')).toBeGreaterThan(0.03);
    expect(count((p) => p.channel === 'postal')).toBeLessThan(0.07);
    const receipts = plans.map((p) => p.events[0]?.event);
    const digitized = receipts.filter((e) => e?.type === 'dossier.received' && e.dossier.digitized).length;
    expect(digitized / plans.length).toBeGreaterThan(0.68);
    expect(digitized / plans.length).toBeLessThan(0.82);
    const returned = plans.filter((p) => p.events.some((e) => e.event.type === 'dossier.returned'));
    const feedback = returned.flatMap((p) => p.events.map((e) => e.event).filter(isFeedbackEvent));
    expect(feedback.length / returned.length).toBeGreaterThan(0.3);
    expect(feedback.length / returned.length).toBeLessThan(0.4);
    const unhappy = feedback.filter((f) => f.rating <= 2).length / feedback.length;
    expect(unhappy).toBeGreaterThan(0.02);
    expect(unhappy).toBeLessThan(0.09);
    const fives = feedback.filter((f) => f.rating === 5).length / feedback.length;
    expect(fives).toBeGreaterThan(0.5);
    const civilOrCertification = receipts.filter(
      (e) => e?.type === 'dossier.received' && ['civil-status', 'certification'].includes(e.dossier.field),
    ).length;
    expect(civilOrCertification / plans.length).toBeGreaterThan(0.6);
  });

  it('compresses processing at a higher speed, while late dossiers stay late', () => {
    const subset = sample.slice(0, 1500);
    let slow = 0;
    let fast = 0;
    for (const arrival of subset) {
      const atSpeed1 = plan(arrival, 1);
      const atSpeed60 = plan(arrival, 60);
      expect(atSpeed60.fate).toBe(atSpeed1.fate);
      const { state } = deriveDossierState(dossierEvents(atSpeed60), derivation);
      if (atSpeed60.fate === 'late') expect(state.outcome).toBe('late');
      if (atSpeed60.fate === 'in-time') {
        expect(['early', 'on_time']).toContain(state.outcome);
        const resolvedAt = (p: DossierPlan) =>
          p.events.find((e) => e.event.type === 'dossier.resolved')?.atMs ?? 0;
        slow += calendar.workingTimeBetween(arrival.atMs, resolvedAt(atSpeed1));
        fast += calendar.workingTimeBetween(arrival.atMs, resolvedAt(atSpeed60));
      }
    }
    expect(fast * 20).toBeLessThan(slow);
  });

  it('writes instants in Vietnam time with their offset', () => {
    expect(formatVietnamInstant(Date.parse('2025-11-20T01:15:00Z'))).toBe('2025-11-20T08:15:00+07:00');
  });
});
