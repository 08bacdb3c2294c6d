import { WorkingCalendar } from '../calendar/working-calendar';
import { computeDueAt } from '../deadline/deadline';
import type { DossierEvent } from '../events/ingest-event';
import { showVn } from '../testing/vietnam-time';
import { deriveDossierState, isOpen, type DerivationContext } from './dossier-state';

const calendar = new WorkingCalendar([]);
const context: DerivationContext = {
  calendar,
  statutoryDueAt: (at) => computeDueAt(at, { value: 3, unit: 'working-days' }, calendar),
};

const base = { unit: '24781', dossier: { code: 'H41-0001' } };
const received = (at: string, id = 'recv'): DossierEvent => ({
  id,
  unit: '24781',
  type: 'dossier.received',
  at,
  dossier: { code: 'H41-0001', procedure: '1.001193', field: 'civil-status', channel: 'online' },
});
const event = <T extends DossierEvent['type']>(type: T, at: string, id: string, extra: object = {}) =>
  ({ ...base, id, type, at, ...extra }) as DossierEvent;

describe('deriveDossierState', () => {
  it('follows the lifecycle to a resolution judged against the deadline', () => {
    const { state, anomalies } = deriveDossierState(
      [
        received('2026-11-23T10:00:00+07:00'),
        event('dossier.assigned', '2026-11-23T11:00:00+07:00', 'a', { department: 'Tư pháp' }),
        event('dossier.resolved', '2026-11-25T09:00:00+07:00', 'r'),
      ],
      context,
    );
    expect(showVn(state.dueAt!)).toBe('2026-11-26 10:00');
    expect(state.status).toBe('resolved');
    expect(state.outcome).toBe('early');
    expect(state.department).toBe('Tư pháp');
    expect(anomalies).toEqual([]);
  });

  it('gives the same state whatever order the events arrive in', () => {
    const events = [
      received('2026-11-23T10:00:00+07:00'),
      event('dossier.paused', '2026-11-24T08:00:00+07:00', 'p', { reason: 'Thiếu giấy tờ' }),
      event('dossier.resumed', '2026-11-25T08:00:00+07:00', 'u'),
      event('dossier.resolved', '2026-11-27T10:30:00+07:00', 'r'),
    ];
    const inOrder = deriveDossierState(events, context).state;
    const reversed = deriveDossierState([...events].reverse(), context).state;
    expect(reversed).toEqual(inOrder);
    // Paused a full working day: the deadline moved from Thu 10:00 to Fri 10:00, so 10:30 is late.
    expect(showVn(inOrder.dueAt!)).toBe('2026-11-27 10:00');
    expect(inOrder.outcome).toBe('late');
  });

  it('keeps a paused dossier open and out of the clock', () => {
    const { state } = deriveDossierState(
      [
        received('2026-11-23T10:00:00+07:00'),
        event('dossier.paused', '2026-11-23T11:00:00+07:00', 'p', { reason: 'x' }),
      ],
      context,
    );
    expect(state.status).toBe('paused');
    expect(isOpen(state)).toBe(true);
  });

  it('flags nonsense as anomalies instead of failing', () => {
    const { state, anomalies } = deriveDossierState(
      [
        received('2026-11-23T10:00:00+07:00'),
        event('dossier.resolved', '2026-11-24T10:00:00+07:00', 'r'),
        event('dossier.returned', '2026-11-24T11:00:00+07:00', 'ret1'),
        event('dossier.returned', '2026-11-24T12:00:00+07:00', 'ret2'),
        received('2026-11-23T11:00:00+07:00', 'recv-again'),
      ],
      context,
    );
    expect(state.status).toBe('returned');
    expect(anomalies.map((a) => [a.eventId, a.kind])).toEqual([
      ['recv-again', 'repeated-receipt'],
      ['ret2', 'after-closure'],
    ]);
  });

  it('a dossier never received is not open and says why', () => {
    const { state, anomalies } = deriveDossierState(
      [event('dossier.resolved', '2026-11-24T10:00:00+07:00', 'r')],
      context,
    );
    expect(state.status).toBe('unreceived');
    expect(isOpen(state)).toBe(false);
    expect(anomalies[0]?.kind).toBe('missing-receipt');
  });

  it('a receipt arriving late re-derives the state and clears the missing-receipt anomaly', () => {
    const { state, anomalies } = deriveDossierState(
      [event('dossier.resolved', '2026-11-24T10:00:00+07:00', 'r'), received('2026-11-23T10:00:00+07:00')],
      context,
    );
    expect(state.status).toBe('resolved');
    expect(anomalies).toEqual([]);
  });

  it('uses the dueAt the commune sent instead of the catalogue', () => {
    const withDue = received('2026-11-23T10:00:00+07:00');
    if (withDue.type === 'dossier.received') withDue.dossier.dueAt = '2026-12-01T17:00:00+07:00';
    expect(showVn(deriveDossierState([withDue], context).state.dueAt!)).toBe('2026-12-01 17:00');
  });
});

describe('deriveDossierState: a result dated before its receipt', () => {
  it('stays resolved and returned (the receipt opens the dossier first), with the anomaly flagged', () => {
    const { state, anomalies } = deriveDossierState(
      [
        received('2026-11-20T14:00:00+07:00'),
        event('dossier.resolved', '2026-11-20T08:00:00+07:00', 'r'),
        event('dossier.returned', '2026-11-20T08:00:00+07:00', 'ret'),
      ],
      context,
    );
    expect(state.status).toBe('returned');
    expect(isOpen(state)).toBe(false);
    expect(anomalies.map((a) => a.kind)).toEqual(['before-receipt', 'before-receipt']);
  });
});
