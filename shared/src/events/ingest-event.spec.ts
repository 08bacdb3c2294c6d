import { earliestAcceptedAt, INGEST_EVENT_TYPES, UNITS_BEGAN_AT, validateIngestEvent } from './ingest-event';
import { INGEST_EVENT_EXAMPLES } from './ingest-event.examples';

const received = {
  id: 'igate-2025-000123-recv',
  unit: '24781',
  type: 'dossier.received',
  at: '2026-11-20T08:15:00+07:00',
  dossier: {
    code: '000.00.12.H41-261120-0001',
    procedure: '1.001193',
    field: 'civil-status',
    channel: 'online',
  },
};

describe('validateIngestEvent: the contract, per item', () => {
  it('accepts the contract example', () => {
    expect(validateIngestEvent(received)).toEqual({ ok: true, event: received });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', 'event must be a JSON object'],
    ['an unknown type', { ...received, type: 'dossier.lost' }, 'type: must be one of dossier.received'],
    [
      'a date without offset',
      { ...received, at: '2026-11-20T08:15:00' },
      'at: must be an ISO 8601 date-time with an offset',
    ],
    ['a bad unit code', { ...received, unit: '2478' }, 'unit: must be a 5-digit unit code'],
    [
      'a missing dossier code',
      { ...received, dossier: { ...received.dossier, code: undefined } },
      'dossier.code:',
    ],
    [
      'an unknown channel',
      { ...received, dossier: { ...received.dossier, channel: 'fax' } },
      'dossier.channel:',
    ],
    [
      'a control character in the id',
      { ...received, id: 'a\u0007b' },
      'id: must contain printable characters only',
    ],
    [
      'a NUL character in a text field (PostgreSQL cannot store it)',
      { ...received, dossier: { ...received.dossier, code: 'A\u0000B' } },
      'dossier.code: must not contain the NUL character',
    ],
    [
      'a lone surrogate (it would be stored as another string)',
      { ...received, id: 'sur\ud800' },
      'id: must be valid Unicode (no lone surrogate)',
    ],
    ['year 0', { ...received, at: '0000-01-01T00:00:00Z' }, 'at: must be after the year 2000'],
    [
      'a deadline past 2100',
      { ...received, dossier: { ...received.dossier, dueAt: '9999-12-31T23:59:59-01:00' } },
      'dossier.dueAt: must be before the year 2100',
    ],
    ['an id over 128 chars', { ...received, id: 'x'.repeat(129) }, 'id:'],
    [
      'a rating out of range',
      { id: 'f', unit: '24781', type: 'feedback.submitted', at: received.at, rating: 6, source: 'kiosk' },
      'rating:',
    ],
  ])('rejects %s, naming the field', (_case, input, reason) => {
    const result = validateIngestEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('drops keys outside the contract, including __proto__', () => {
    const input = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(received).slice(1)}`,
    ) as object;
    const result = validateIngestEvent(input);
    expect(result.ok).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('INGEST_EVENT_EXAMPLES (shown on /api/docs)', () => {
  it('has a valid example of every event type of the contract', () => {
    expect(Object.keys(INGEST_EVENT_EXAMPLES).sort()).toEqual([...INGEST_EVENT_TYPES].sort());
    for (const example of Object.values(INGEST_EVENT_EXAMPLES)) {
      expect(validateIngestEvent(example)).toEqual({ ok: true, event: example });
    }
  });
});

describe('earliestAcceptedAt: the history ingest takes', () => {
  const now = Date.parse('2026-12-06T08:00:00+07:00');

  it('takes live events from the units’ first day and imports from 1 January 2024', () => {
    expect(earliestAcceptedAt('events', now).at).toBe(Date.parse(UNITS_BEGAN_AT));
    expect(earliestAcceptedAt('events', now).reason).toContain('POST /api/v1/imports');
    expect(earliestAcceptedAt('imports', now).at).toBe(Date.parse('2024-01-01T00:00:00+07:00'));
  });

  it('rises with the raw log’s retention, so that no accepted event is dropped while its id stays claimed', () => {
    const in2031 = Date.parse('2031-03-01T00:00:00+07:00');
    for (const route of ['events', 'imports'] as const) {
      const { at, reason } = earliestAcceptedAt(route, in2031);
      // Five years back, less a month: the next retention runs keep all of it.
      expect(at).toBe(Date.parse('2026-03-31T00:00:00+07:00'));
      expect(reason).toContain('5 years');
    }
  });
});
