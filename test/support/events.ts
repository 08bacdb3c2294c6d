import { REFERENCE_PROCEDURES, REFERENCE_UNITS } from '@ioc/db';
import type { IngestEvent } from '@ioc/shared';
import type { Prng } from './prng';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const UNIT_CODES: readonly string[] = REFERENCE_UNITS.map((u) => u.code);
/** Procedures whose statutory time lets the server compute `dueAt` itself. */
export const TIMED_PROCEDURES: readonly string[] = REFERENCE_PROCEDURES.filter(
  (p) => p.processingTime !== null,
).map((p) => p.code);
/** Procedures without a statutory time: a receipt must carry its own `dueAt`. */
export const UNTIMED_PROCEDURES: readonly string[] = REFERENCE_PROCEDURES.filter(
  (p) => p.processingTime === null,
).map((p) => p.code);

const OFFSETS_MINUTES = [0, 420, 420, 420, -300, 330, 60] as const;

/** An ISO 8601 instant written with the given UTC offset (`Z` for 0 on a coin toss). */
export function isoWithOffset(ms: number, offsetMinutes: number, zulu = false): string {
  if (offsetMinutes === 0 && zulu) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface KnownDossier {
  unit: string;
  code: string;
  receivedAtMs: number;
}

/**
 * Valid events of every type, by the contract: receipts of new dossiers, their follow-ups
 * (sometimes for dossiers never received: an anomaly, still to be stored) and citizen ratings,
 * all dated within the last week. Every id carries the prefix and a sequence number.
 */
export class EventFactory {
  private sequence = 0;
  private readonly dossiers: KnownDossier[] = [];

  constructor(
    private readonly prng: Prng,
    private readonly prefix: string,
  ) {}

  /** Any valid event. */
  next(): IngestEvent {
    const roll = this.prng.next();
    if (roll < 0.4 || this.dossiers.length === 0) return this.received();
    if (roll < 0.6) return this.feedback();
    return this.followUp();
  }

  nextId(kind: string): string {
    this.sequence += 1;
    return `${this.prefix}-${this.sequence}-${kind}`;
  }

  received(): IngestEvent {
    const unit = this.prng.pick(UNIT_CODES);
    const receivedAtMs = Date.now() - this.prng.int(MINUTE, 6 * DAY);
    const untimed = this.prng.chance(0.1);
    const id = this.nextId('recv');
    const code = `${this.prefix}-D${this.sequence}`;
    this.dossiers.push({ unit, code, receivedAtMs });
    const explicitDue = untimed || this.prng.chance(0.2);
    return {
      id,
      unit,
      type: 'dossier.received',
      at: this.at(receivedAtMs),
      dossier: {
        code,
        procedure: this.prng.pick(untimed ? UNTIMED_PROCEDURES : TIMED_PROCEDURES),
        field: this.prng.pick(['civil-status', 'land', 'construction', 'certification', 'social-protection']),
        channel: this.prng.pick(['online', 'direct', 'postal'] as const),
        ...(explicitDue ? { dueAt: this.at(receivedAtMs + this.prng.int(1, 30) * DAY) } : {}),
        ...(this.prng.chance(0.5) ? { digitized: this.prng.chance(0.5) } : {}),
        ...(this.prng.chance(0.5) ? { feeRequired: this.prng.chance(0.5) } : {}),
      },
    };
  }

  feedback(): IngestEvent {
    const known = this.prng.chance(0.5) && this.dossiers.length > 0 ? this.prng.pick(this.dossiers) : null;
    return {
      id: this.nextId('fb'),
      unit: known?.unit ?? this.prng.pick(UNIT_CODES),
      type: 'feedback.submitted',
      at: this.at(Date.now() - this.prng.int(MINUTE, 6 * DAY)),
      rating: this.prng.int(1, 5),
      source: this.prng.pick(['kiosk', 'sms', 'portal', 'zalo'] as const),
      ...(known ? { dossier: { code: known.code } } : {}),
      ...(this.prng.chance(0.5)
        ? { comment: this.prng.pick(['Cán bộ nhiệt tình 👍', 'Chờ lâu quá', '', 'ok'.repeat(1000)]) }
        : {}),
    };
  }

  /** A later event of a known dossier, or of one never received (an anomaly the server keeps). */
  followUp(): IngestEvent {
    const known: KnownDossier = this.prng.chance(0.9)
      ? this.prng.pick(this.dossiers)
      : {
          unit: this.prng.pick(UNIT_CODES),
          code: `${this.prefix}-orphan-${this.sequence}`,
          receivedAtMs: Date.now() - 2 * DAY,
        };
    const atMs = Math.min(Date.now() - 1_000, known.receivedAtMs + this.prng.int(MINUTE, 3 * DAY));
    const common = { unit: known.unit, at: this.at(atMs), dossier: { code: known.code } };
    const type = this.prng.pick([
      'assigned',
      'paused',
      'resumed',
      'resolved',
      'paid',
      'synced',
      'returned',
      'rejected',
      'withdrawn',
      'apologized',
    ] as const);
    const id = this.nextId(type);
    switch (type) {
      case 'assigned':
        return { ...common, id, type: 'dossier.assigned', department: 'Bộ phận Một cửa' };
      case 'paused':
        return { ...common, id, type: 'dossier.paused', reason: 'Thiếu bản sao giấy khai sinh' };
      case 'rejected':
        return { ...common, id, type: 'dossier.rejected', reason: 'Không đủ điều kiện' };
      case 'resolved':
        return {
          ...common,
          id,
          type: 'dossier.resolved',
          ...(this.prng.chance(0.5) ? { eResult: true } : {}),
        };
      case 'paid':
        return {
          ...common,
          id,
          type: 'dossier.paid',
          method: this.prng.pick(['online', 'counter'] as const),
        };
      case 'apologized':
        return { ...common, id, type: 'dossier.apologized', newDueAt: this.at(atMs + 3 * DAY) };
      case 'resumed':
        return { ...common, id, type: 'dossier.resumed' };
      case 'synced':
        return { ...common, id, type: 'dossier.synced' };
      case 'returned':
        return { ...common, id, type: 'dossier.returned' };
      case 'withdrawn':
        return { ...common, id, type: 'dossier.withdrawn' };
    }
  }

  private at(ms: number): string {
    return isoWithOffset(ms, this.prng.pick(OFFSETS_MINUTES), this.prng.chance(0.5));
  }
}
