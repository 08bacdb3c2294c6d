import type { IngestEvent } from '@ioc/shared';

/** Procedures of the catalogue the index tests use. */
export const FULL_PROCESS_PROCEDURE = '1.001193'; // birth registration: full-process online, no fee
export const FEE_PROCEDURE = '1.001022'; // civil status, with a fee, not full-process online

export interface DossierStory {
  unit: string;
  code: string;
  /** Vietnam local time `YYYY-MM-DD HH:mm`. */
  received: string;
  /** Absent: the IOC computes it from the procedure's statutory time and the working calendar. */
  due?: string;
  procedure?: string;
  /** Absent: `civil-status`. */
  field?: string;
  channel?: 'online' | 'direct' | 'postal';
  digitized?: boolean;
  feeRequired?: boolean;
  /** Each pause lasts one hour from the given local time. */
  pauses?: string[];
  /** A supplement requested at this local time and not provided yet: the dossier stays paused. */
  pausedSince?: string;
  resolved?: string;
  eResult?: boolean;
  synced?: boolean;
  paid?: 'online' | 'counter';
  rating?: number;
  closed?: 'rejected' | 'withdrawn';
}

const at = (local: string) => `${local.replace(' ', 'T')}:00+07:00`;
const plusMinutes = (local: string, minutes: number) => {
  const ms = Date.parse(at(local)) + minutes * 60_000 + 7 * 3_600_000;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
};

/** The events a dossier's story implies, as a commune's software would send them. */
export function dossierEvents(s: DossierStory): IngestEvent[] {
  const id = (suffix: string) => `${s.unit}-${s.code}-${suffix}`;
  const ref = { code: s.code };
  const events: IngestEvent[] = [
    {
      id: id('recv'),
      unit: s.unit,
      type: 'dossier.received',
      at: at(s.received),
      dossier: {
        code: s.code,
        procedure: s.procedure ?? FULL_PROCESS_PROCEDURE,
        field: s.field ?? 'civil-status',
        channel: s.channel ?? 'direct',
        ...(s.due === undefined ? {} : { dueAt: at(s.due) }),
        digitized: s.digitized ?? false,
        feeRequired: s.feeRequired ?? false,
      },
    },
  ];
  (s.pauses ?? []).forEach((pause, i) => {
    events.push({
      id: id(`pause${i}`),
      unit: s.unit,
      type: 'dossier.paused',
      at: at(pause),
      dossier: ref,
      reason: 'bổ sung giấy tờ',
    });
    events.push({
      id: id(`resume${i}`),
      unit: s.unit,
      type: 'dossier.resumed',
      at: at(plusMinutes(pause, 60)),
      dossier: ref,
    });
  });
  if (s.pausedSince) {
    events.push({
      id: id('paused'),
      unit: s.unit,
      type: 'dossier.paused',
      at: at(s.pausedSince),
      dossier: ref,
      reason: 'chờ bổ sung',
    });
  }
  if (s.resolved) {
    events.push({
      id: id('resolved'),
      unit: s.unit,
      type: 'dossier.resolved',
      at: at(s.resolved),
      dossier: ref,
      eResult: s.eResult ?? false,
    });
    if (s.paid)
      events.push({
        id: id('paid'),
        unit: s.unit,
        type: 'dossier.paid',
        at: at(plusMinutes(s.resolved, 10)),
        dossier: ref,
        method: s.paid,
      });
    if (s.synced)
      events.push({
        id: id('synced'),
        unit: s.unit,
        type: 'dossier.synced',
        at: at(plusMinutes(s.resolved, 20)),
        dossier: ref,
      });
    events.push({
      id: id('returned'),
      unit: s.unit,
      type: 'dossier.returned',
      at: at(plusMinutes(s.resolved, 30)),
      dossier: ref,
    });
    if (s.rating !== undefined) {
      events.push({
        id: id('rating'),
        unit: s.unit,
        type: 'feedback.submitted',
        at: at(plusMinutes(s.resolved, 40)),
        rating: s.rating,
        source: 'kiosk',
        dossier: ref,
      });
    }
  }
  if (s.closed) {
    const closedAt = at(plusMinutes(s.received, 120));
    events.push(
      s.closed === 'rejected'
        ? {
            id: id('rejected'),
            unit: s.unit,
            type: 'dossier.rejected',
            at: closedAt,
            dossier: ref,
            reason: 'không đủ điều kiện',
          }
        : { id: id('withdrawn'), unit: s.unit, type: 'dossier.withdrawn', at: closedAt, dossier: ref },
    );
  }
  return events;
}

/** A dossier where nothing went wrong: full-process procedure filed online, digitised, resolved early with an e-result, synced, rated 5. */
export function perfectDossier(unit: string, code: string, receivedDay: string): DossierStory {
  return {
    unit,
    code,
    received: `${receivedDay} 08:00`,
    due: `${addDay(receivedDay, 3)} 17:00`,
    channel: 'online',
    digitized: true,
    resolved: `${addDay(receivedDay, 1)} 09:00`,
    eResult: true,
    synced: true,
    rating: 5,
  };
}

export function addDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
