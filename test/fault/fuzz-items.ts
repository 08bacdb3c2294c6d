import type { IngestEvent } from '@ioc/shared';
import { EventFactory, isoWithOffset, UNTIMED_PROCEDURES } from '../support/events';
import type { Prng } from '../support/prng';

/** What the contract says about one item of a batch. */
export type Verdict =
  /** Must be counted (accepted, or duplicate when its id was seen before). */
  | { kind: 'valid' }
  /** Must be rejected at its index, with a reason like this one. */
  | { kind: 'invalid'; reason: RegExp }
  /** The contract allows both; a rejection must still name the field. */
  | { kind: 'either'; reason: RegExp };

export interface FuzzItem {
  label: string;
  /** The item's JSON text as it goes into the body: an array element or an NDJSON line. */
  json: string;
  verdict: Verdict;
  /** The id under which a counted item is stored (valid and either items). */
  id?: string;
  /** The contract-valid id a rejection of this item must echo. */
  echoId?: string;
}

type Draft = Record<string, unknown>;

interface Mutation {
  label: string;
  applies?: (event: IngestEvent) => boolean;
  verdict: Verdict;
  /** Changes the draft in place (what it returns is ignored)... */
  apply?: (draft: Draft, prng: Prng, event: IngestEvent) => unknown;
  /** ...or returns a replacement, and a `detail` for the item's label. */
  transform?: (draft: Draft, prng: Prng, event: IngestEvent) => Outcome;
}

interface Outcome {
  replace?: Draft;
  detail?: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Replaced, after JSON.stringify, by text too deep for JSON.stringify to write itself. */
const DEEP_TOKEN = '"__fuzz_deep__"';
export const CONTROL_IN_ID = ['\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085'] as const;
const CONTROL_IN_TEXT = ['\u0000', '\u0007', '\u001b[31m', '\t', '\r\n', '\u007f', '\u0085'] as const;
const LONE_SURROGATES = ['\ud800', '\udfff', '\udc00\ud800', '\ud83d'] as const;

const isDossierEvent = (e: IngestEvent) => e.type !== 'feedback.submitted';
const ofType =
  (...types: IngestEvent['type'][]) =>
  (e: IngestEvent) =>
    types.includes(e.type);
const dossierOf = (draft: Draft): Draft => draft.dossier as Draft;
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const field = (name: string) => new RegExp(`^${name.replace('.', '\\.')}: \\S`);

/** `__proto__`, `constructor` and `prototype` as own keys, as JSON.parse makes them. */
export function prototypeKeys(marker: string): Draft {
  return JSON.parse(
    `{"__proto__":{"${marker}":"__proto__"},"constructor":{"prototype":{"${marker}":"constructor"}},"prototype":{"${marker}":"prototype"}}`,
  ) as Draft;
}

/** The free-text fields an event of this type has, by path. */
function textFields(event: IngestEvent): string[] {
  switch (event.type) {
    case 'dossier.received':
      return ['dossier.code', 'dossier.field'];
    case 'dossier.assigned':
      return ['dossier.code', 'department'];
    case 'dossier.paused':
    case 'dossier.rejected':
      return ['dossier.code', 'reason'];
    case 'feedback.submitted':
      return ['comment'];
    default:
      return ['dossier.code'];
  }
}

/** A string with its invisible characters written as \uXXXX, for labels. */
export function visible(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function appendTo(draft: Draft, path: string, suffix: string): { detail: string } {
  const detail = `${path} + ${visible(suffix)}`;
  if (path.startsWith('dossier.')) {
    const key = path.slice('dossier.'.length);
    const dossier = dossierOf(draft);
    dossier[key] = `${typeof dossier[key] === 'string' ? dossier[key] : ''}${suffix}`;
  } else {
    draft[path] = `${typeof draft[path] === 'string' ? draft[path] : 'x'}${suffix}`;
  }
  return { detail };
}

const padTo = (text: string, length: number, filler: string) =>
  text.length >= length ? text.slice(0, length) : text + filler.repeat(length - text.length);

const INVALID: Mutation[] = [
  { label: 'id missing', verdict: { kind: 'invalid', reason: field('id') }, apply: (d) => delete d.id },
  {
    label: 'id not a string',
    verdict: { kind: 'invalid', reason: field('id') },
    apply: (d, r) => (d.id = r.pick([12345, null, true, {}, ['a']])),
  },
  { label: 'id empty', verdict: { kind: 'invalid', reason: field('id') }, apply: (d) => (d.id = '') },
  {
    label: 'id of 129 chars',
    verdict: { kind: 'invalid', reason: field('id') },
    apply: (d) => (d.id = padTo(String(d.id), 129, 'x')),
  },
  {
    label: 'id with a control character',
    verdict: { kind: 'invalid', reason: field('id') },
    apply: (d, r) => (d.id = `${String(d.id)}${r.pick(CONTROL_IN_ID)}x`),
  },
  {
    label: 'unit unknown',
    verdict: { kind: 'invalid', reason: /^unit: .*'99999'.*unknown/ },
    apply: (d) => (d.unit = '99999'),
  },
  {
    label: 'unit malformed',
    verdict: { kind: 'invalid', reason: field('unit') },
    apply: (d, r) =>
      (d.unit = r.pick(['2478', '247810', 'abcde', '', ' 24781', 24781, null, '__proto__', '２４７８１'])),
  },
  { label: 'unit missing', verdict: { kind: 'invalid', reason: field('unit') }, apply: (d) => delete d.unit },
  {
    label: 'type unknown',
    verdict: { kind: 'invalid', reason: field('type') },
    apply: (d, r) =>
      (d.type = r.pick([
        'dossier.exploded',
        'DOSSIER.RECEIVED',
        'feedback',
        '',
        'dossier.received ',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        7,
        null,
        ['dossier.received'],
      ])),
  },
  { label: 'type missing', verdict: { kind: 'invalid', reason: field('type') }, apply: (d) => delete d.type },
  {
    label: 'at an impossible date',
    verdict: { kind: 'invalid', reason: field('at') },
    apply: (d, r) =>
      (d.at = r.pick([
        '2026-02-30T10:00:00+07:00',
        '2026-04-31T10:00:00+07:00',
        '2025-02-29T10:00:00Z',
        '2026-13-01T10:00:00Z',
        '2026-11-20T24:00:00Z',
        '2026-11-20T08:60:00Z',
      ])),
  },
  {
    label: 'at without offset',
    verdict: { kind: 'invalid', reason: field('at') },
    apply: (d, r) => (d.at = r.pick(['2026-11-20T08:15:00', '2026-11-20T08:15:00.000', '2026-11-20'])),
  },
  {
    label: 'at garbage',
    verdict: { kind: 'invalid', reason: field('at') },
    apply: (d, r) =>
      (d.at = r.pick([
        'garbage',
        'yesterday',
        '',
        'now',
        '2026-11-20 08:15:00+07:00',
        '20261120T081500Z',
        '2026-11-20T08:15:00+0700',
        '2026-11-20t08:15:00z',
        '2026-11-20T08:15:00+99:00',
        1763600000000,
        null,
        {},
      ])),
  },
  {
    // Well-formed ISO 8601 that PostgreSQL refuses (past ±15:59) or no place on Earth uses.
    label: 'at with an offset beyond -12:00..+14:00',
    verdict: { kind: 'invalid', reason: /^at: must have a UTC offset/ },
    apply: (d, r) =>
      (d.at = `2026-11-20T08:15:00${r.pick(['+16:00', '+15:59', '-15:30', '+14:30', '-12:30', '+23:59', '-23:00'])}`),
  },
  { label: 'at missing', verdict: { kind: 'invalid', reason: field('at') }, apply: (d) => delete d.at },
  {
    label: 'at more than 5 minutes in the future',
    verdict: { kind: 'invalid', reason: /^at: .*future/ },
    apply: (d, r) =>
      (d.at = isoWithOffset(
        Date.now() + r.pick([6 * MINUTE, 61 * MINUTE, 2 * DAY, 400 * DAY, 80 * 365 * DAY]),
        r.pick([0, 420, -300]),
      )),
  },
  {
    label: 'dossier missing',
    applies: isDossierEvent,
    verdict: { kind: 'invalid', reason: field('dossier') },
    apply: (d) => delete d.dossier,
  },
  {
    label: 'dossier not an object',
    verdict: { kind: 'invalid', reason: field('dossier') },
    apply: (d, r) => (d.dossier = r.pick(['D-1', 42, null, [], [{ code: 'x' }], true])),
  },
  {
    label: 'nested garbage instead of dossier',
    verdict: { kind: 'invalid', reason: field('dossier') },
    apply: (d) => (d.dossier = JSON.parse(DEEP_TOKEN) as string),
  },
  {
    label: 'dossier.code invalid',
    applies: isDossierEvent,
    verdict: { kind: 'invalid', reason: field('dossier.code') },
    apply: (d, r) => (dossierOf(d).code = r.pick(['', 'x'.repeat(65), 42, null, ['a']])),
  },
  {
    label: 'dossier.code missing',
    applies: isDossierEvent,
    verdict: { kind: 'invalid', reason: field('dossier.code') },
    apply: (d) => delete dossierOf(d).code,
  },
  {
    label: 'huge array instead of a field',
    verdict: { kind: 'invalid', reason: /^(id|unit|at|type): \S/ },
    apply: (d, r) => (d[r.pick(['id', 'unit', 'at', 'type'])] = new Array<number>(30_000).fill(7)),
  },
  {
    label: 'procedure unknown',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.procedure') },
    apply: (d, r) =>
      (dossierOf(d).procedure = r.pick([
        '9.999999',
        '1.001193 ',
        'constructor',
        '__proto__',
        'toString',
        '',
      ])),
  },
  {
    label: 'procedure not a string',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.procedure') },
    apply: (d, r) => (dossierOf(d).procedure = r.pick([1.001193, null, { code: '1.001193' }])),
  },
  {
    label: 'channel unknown',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.channel') },
    apply: (d, r) => (dossierOf(d).channel = r.pick(['fax', 'ONLINE', '', null, 'constructor'])),
  },
  {
    label: 'field missing or not text',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.field') },
    apply: (d, r) => {
      const value = r.pick([undefined, 42, null, ['land'], '']);
      if (value === undefined) delete dossierOf(d).field;
      else dossierOf(d).field = value;
    },
  },
  {
    // A field becomes a live scope and a label on the wall: the catalogue's codes only.
    label: 'field outside the catalogue',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: /^dossier\.field: .* is not a field of the procedure catalogue/ },
    apply: (d, r) =>
      (dossierOf(d).field = r.pick([
        '<img src=x onerror=alert(1)>',
        'Hộ tịch',
        'LAND',
        'land ',
        'constructor',
      ])),
  },
  {
    label: 'flag not a boolean',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: /^dossier\.(digitized|feeRequired): \S/ },
    apply: (d, r) => (dossierOf(d)[r.pick(['digitized', 'feeRequired'])] = r.pick(['yes', 1, 'true', null])),
  },
  {
    label: 'dueAt invalid',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.dueAt') },
    apply: (d, r) =>
      (dossierOf(d).dueAt = r.pick([
        '2026-02-30T10:00:00+07:00',
        'garbage',
        '2026-11-20T08:15:00',
        '2026-12-20T08:15:00+16:00',
        5,
      ])),
  },
  {
    label: 'dueAt not after at',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.dueAt') },
    apply: (d, r) => (dossierOf(d).dueAt = isoWithOffset(Date.parse(String(d.at)) - r.pick([0, DAY]), 420)),
  },
  {
    label: 'procedure without statutory time and no dueAt',
    applies: ofType('dossier.received'),
    verdict: { kind: 'invalid', reason: field('dossier.dueAt') },
    apply: (d, r) => {
      dossierOf(d).procedure = r.pick(UNTIMED_PROCEDURES);
      delete dossierOf(d).dueAt;
    },
  },
  {
    label: 'rating out of range',
    applies: ofType('feedback.submitted'),
    verdict: { kind: 'invalid', reason: field('rating') },
    apply: (d, r) => (d.rating = r.pick([0, 6, -1, 2.5, 100, '5', null, true, 1e308])),
  },
  {
    label: 'rating missing',
    applies: ofType('feedback.submitted'),
    verdict: { kind: 'invalid', reason: field('rating') },
    apply: (d) => delete d.rating,
  },
  {
    label: 'source unknown',
    applies: ofType('feedback.submitted'),
    verdict: { kind: 'invalid', reason: field('source') },
    apply: (d, r) => (d.source = r.pick(['email', 'SMS', '', null, 'constructor'])),
  },
  {
    label: 'comment too long or not text',
    applies: ofType('feedback.submitted'),
    verdict: { kind: 'invalid', reason: field('comment') },
    apply: (d, r) => (d.comment = r.pick(['a'.repeat(2001), 42, {}, ['x']])),
  },
  {
    label: 'department invalid',
    applies: ofType('dossier.assigned'),
    verdict: { kind: 'invalid', reason: field('department') },
    apply: (d, r) => (d.department = r.pick(['', 42, 'x'.repeat(201), null])),
  },
  {
    label: 'reason invalid',
    applies: ofType('dossier.paused', 'dossier.rejected'),
    verdict: { kind: 'invalid', reason: field('reason') },
    apply: (d, r) => (d.reason = r.pick(['', 'x'.repeat(2001), null, 3])),
  },
  {
    label: 'method unknown',
    applies: ofType('dossier.paid'),
    verdict: { kind: 'invalid', reason: field('method') },
    apply: (d, r) => (d.method = r.pick(['cash', '', null, 'ONLINE'])),
  },
  {
    label: 'newDueAt invalid',
    applies: ofType('dossier.apologized'),
    verdict: { kind: 'invalid', reason: field('newDueAt') },
    apply: (d, r) => (d.newDueAt = r.pick(['garbage', '2026-02-30T10:00:00+07:00', null])),
  },
  {
    label: 'eResult not a boolean',
    applies: ofType('dossier.resolved'),
    verdict: { kind: 'invalid', reason: field('eResult') },
    apply: (d, r) => (d.eResult = r.pick(['true', 1, null])),
  },
];

/** Outside the contract's letter but allowed by it: the event must be counted. */
function validMutations(marker: string): Mutation[] {
  return [
    {
      label: 'prototype keys at the top level',
      verdict: { kind: 'valid' },
      // Spread, not Object.assign: `__proto__` must stay an own key, as JSON.parse makes it.
      transform: (d) => ({ replace: { ...prototypeKeys(marker), ...d } }),
    },
    {
      label: 'prototype keys in dossier',
      applies: isDossierEvent,
      verdict: { kind: 'valid' },
      apply: (d) => (d.dossier = { ...prototypeKeys(marker), ...dossierOf(d) }),
    },
    {
      label: 'prototype keys nested in an unknown field',
      verdict: { kind: 'valid' },
      apply: (d) => (d.meta = { list: [prototypeKeys(marker), { nested: prototypeKeys(marker) }] }),
    },
    {
      label: 'unknown field holding nested garbage',
      verdict: { kind: 'valid' },
      apply: (d, r) =>
        (d.extra = r.chance(0.5)
          ? (JSON.parse(DEEP_TOKEN) as string)
          : new Array<unknown>(20_000).fill({ a: [null, 1, 'x'] })),
    },
    {
      label: 'at 4 minutes in the future (inside the skew)',
      applies: (e) => e.type !== 'dossier.received' || e.dossier.dueAt === undefined,
      verdict: { kind: 'valid' },
      apply: (d) => (d.at = isoWithOffset(Date.now() + 4 * MINUTE, 420)),
    },
    {
      label: 'id of exactly 128 chars',
      verdict: { kind: 'valid' },
      apply: (d) => (d.id = padTo(String(d.id), 128, 'ư')),
    },
  ];
}

const EITHER: Mutation[] = [
  {
    label: 'control character in free text',
    verdict: { kind: 'either', reason: /^(dossier\.code|dossier\.field|department|reason|comment): \S/ },
    transform: (d, r, e) => appendTo(d, r.pick(textFields(e)), `${r.pick(CONTROL_IN_TEXT)}z`),
  },
  {
    label: 'lone surrogate in free text',
    verdict: { kind: 'either', reason: /^(dossier\.code|dossier\.field|department|reason|comment): \S/ },
    transform: (d, r, e) => appendTo(d, r.pick(textFields(e)), r.pick(LONE_SURROGATES)),
  },
  {
    label: 'lone surrogate in id',
    verdict: { kind: 'either', reason: field('id') },
    transform: (d, r) => {
      const suffix = r.pick(LONE_SURROGATES);
      d.id = `${String(d.id)}${suffix}`;
      return { detail: `id + ${visible(suffix)}` };
    },
  },
  {
    label: 'due date out of the database range',
    applies: ofType('dossier.received', 'dossier.apologized'),
    verdict: { kind: 'either', reason: /^(dossier\.dueAt|newDueAt): \S/ },
    transform: (d, r, e) => {
      const value = r.pick([
        '9999-12-31T23:59:59-01:00',
        '0000-06-01T00:00:00Z',
        '9999-12-31T23:59:59-14:00',
      ]);
      if (e.type === 'dossier.received') dossierOf(d).dueAt = value;
      else d.newDueAt = value;
      return { detail: `${e.type === 'dossier.received' ? 'dossier.dueAt' : 'newDueAt'} = ${value}` };
    },
  },
];

/** Whether an id is one the contract accepts: what a rejection must echo back. */
export function isContractId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length >= 1 &&
    id.length <= 128 &&
    !/\p{Cc}/u.test(id) &&
    !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id)
  );
}

/** Makes the items of the fuzz run: valid events, each mutation of them, and things that are not events. */
export class FuzzItems {
  /** Every item that may be counted, to be sent again later. */
  readonly sendable: FuzzItem[] = [];
  private readonly valid: Mutation[];
  private readonly deepText: string;

  constructor(
    private readonly prng: Prng,
    private readonly events: EventFactory,
    marker: string,
  ) {
    this.valid = validMutations(marker);
    this.deepText = deep(20_000);
  }

  /** A mix of every kind: about 48 % valid, 8 % sent again, 43 % invalid, 1 % either. */
  mixed(count: number): FuzzItem[] {
    const items: FuzzItem[] = [];
    while (items.length < count) {
      const roll = this.prng.next();
      if (roll < 0.48) items.push(this.prng.chance(0.15) ? this.mutated(this.valid) : this.fresh());
      else if (roll < 0.56) items.push(this.again(items));
      else if (roll < 0.95) items.push(this.mutated(INVALID));
      else if (roll < 0.99) items.push(this.notAnObject());
      // Rare, so that most batches holding valid events are not lost to one of them.
      else items.push(this.mutated(EITHER));
    }
    return items;
  }

  fresh(): FuzzItem {
    const event = this.events.next();
    return this.remember({
      label: 'valid',
      json: JSON.stringify(event),
      verdict: { kind: 'valid' },
      id: event.id,
    });
  }

  /** An item sent before (in another request, or earlier in this one): counted as duplicate once stored. */
  again(batch: FuzzItem[]): FuzzItem {
    const inBatch = batch.filter((i) => i.verdict.kind === 'valid');
    if (inBatch.length > 0 && this.prng.chance(0.4)) return this.prng.pick(inBatch);
    return this.sendable.length > 0 ? this.prng.pick(this.sendable) : this.fresh();
  }

  notAnObject(): FuzzItem {
    const text = this.prng.pick(['42', '"dossier.received"', 'null', 'true', '[]', '-0', '1e999', 'valid']);
    return {
      label: `not an object: ${text}`,
      json: text === 'valid' ? `[${JSON.stringify(this.events.next())}]` : text,
      verdict: { kind: 'invalid', reason: /JSON object/ },
    };
  }

  mutated(mutations: readonly Mutation[]): FuzzItem {
    const event = this.events.next();
    const applicable = mutations.filter((m) => m.applies?.(event) ?? true);
    const mutation = this.prng.pick(applicable);
    const original = JSON.parse(JSON.stringify(event)) as Draft;
    const outcome = mutation.transform?.(original, this.prng, event) ?? {};
    mutation.apply?.(original, this.prng, event);
    const draft = outcome.replace ?? original;
    const json = JSON.stringify(draft).replace(DEEP_TOKEN, this.deepText);
    const label = `${mutation.verdict.kind}: ${mutation.label}${outcome.detail ? ` (${outcome.detail})` : ''}`;
    const item: FuzzItem = { label, json, verdict: mutation.verdict };
    if (mutation.verdict.kind !== 'invalid' && typeof draft.id === 'string') item.id = draft.id;
    if (isContractId(draft.id)) item.echoId = draft.id;
    return mutation.verdict.kind === 'invalid' ? item : this.remember(item);
  }

  /** An invalid item of a few hundred bytes at most. */
  smallInvalid(): FuzzItem {
    return this.mutated(INVALID.filter((m) => !/huge|nested/.test(m.label)));
  }

  /** A broken NDJSON line: not JSON at all. */
  brokenLine(): FuzzItem {
    const whole = JSON.stringify(this.events.next());
    const text = this.prng.pick([
      '{"id": "x"',
      'garbage',
      '}{',
      "{'id':'single-quoted'}",
      '[1,2',
      whole.slice(0, this.prng.int(1, whole.length - 1)),
      `${whole}}`,
    ]);
    return { label: 'broken NDJSON line', json: text, verdict: { kind: 'invalid', reason: /JSON/ } };
  }

  private remember(item: FuzzItem): FuzzItem {
    this.sendable.push(item);
    return item;
  }
}
