import { startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import type { IngestEvent } from '@ioc/shared';
import { EventFactory } from '../support/events';
import { call, type HttpAnswer } from '../support/http';
import { mulberry32, shuffle, type Prng } from '../support/prng';
import { FuzzItems, prototypeKeys, type FuzzItem } from './fuzz-items';

/*
 * Thousands of malformed bodies and events, mixed with valid ones in the same batches, against one
 * server. Every answer is checked against docs/ingest-contract.md (status, counts, each rejection's
 * index and reason); at the end the database must hold exactly the events the API counted, once.
 * Deterministic: one seeded stream draws every request.
 */

/** Replay a failure with IOC_FUZZ_SEED=<seed>. */
const SEED = Number(process.env.IOC_FUZZ_SEED ?? 20261122);
// The contract's limits, written out: the test holds the server to the document, not to its constants.
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_EVENTS = 10_000;
/** "Each request gets an answer within a few seconds." */
const ANSWER_WITHIN_MS = 5_000;
const MARKER = `polluted_${SEED}`;
// The e2e project's testTimeout does not reach a test run by path; the run itself takes seconds.
jest.setTimeout(90_000);

interface FuzzRequest {
  label: string;
  contentType: string | null;
  body: string | Buffer | Buffer[];
  /** The statuses the contract allows for this body. */
  statuses: readonly number[];
  /** The items judged when the answer is 200. */
  items: FuzzItem[];
}

interface Violation {
  request: number;
  label: string;
  problem: string;
}

interface Rejection {
  index: number;
  id?: string;
  reason: string;
}

interface Answered {
  accepted: number;
  duplicate: number;
  rejected: Rejection[];
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function asIngestResult(value: unknown): Answered | string {
  if (typeof value !== 'object' || value === null) return 'the answer is not a JSON object';
  const { accepted, duplicate, rejected } = value as Record<string, unknown>;
  if (!isCount(accepted) || !isCount(duplicate)) return 'accepted/duplicate are not counts';
  if (!Array.isArray(rejected)) return 'rejected is not an array';
  for (const r of rejected as unknown[]) {
    const { index, id, reason } = (r ?? {}) as Record<string, unknown>;
    if (!isCount(index)) return `a rejection has no index: ${JSON.stringify(r)}`;
    if (typeof reason !== 'string' || reason.trim() === '') return `rejection ${index} has no reason`;
    if (id !== undefined && typeof id !== 'string') return `rejection ${index} has a non-string id`;
  }
  return { accepted, duplicate, rejected: rejected as Rejection[] };
}

/** A reason names the field (`dossier.code: ...`) or the problem (a line that is not JSON, not an object). */
const NAMES_FIELD_OR_PROBLEM = /^[A-Za-z][\w.]*: \S|JSON/;

/**
 * What the test knows: the ids the API has counted (so stored), with their JSON to send again,
 * the sum of `accepted`, and every departure from the contract.
 */
class Ledger {
  readonly stored = new Map<string, string>();
  sumAccepted = 0;
  itemsJudged = 0;
  readonly violations: Violation[] = [];
  readonly latencies: number[] = [];

  judge(request: number, req: FuzzRequest, answer: HttpAnswer): void {
    const flag = (problem: string) => this.violations.push({ request, label: req.label, problem });
    this.latencies.push(answer.ms);
    if (!req.statuses.includes(answer.status)) {
      // Name the unusual items the batch held: the likely culprits of a 500.
      const suspects = [...new Set(req.items.filter((i) => i.verdict.kind === 'either').map((i) => i.label))];
      flag(
        `status ${answer.status} (expected ${req.statuses.join('/')})${suspects.length ? `; batch held ${suspects.sort().join(' | ')}` : ''}`,
      );
      return;
    }
    if (answer.status !== 200) {
      const message = (answer.json as { message?: unknown } | undefined)?.message;
      if (typeof message !== 'string' || message === '') flag(`${answer.status} without a JSON message`);
      return;
    }
    const result = asIngestResult(answer.json);
    if (typeof result === 'string') {
      flag(result);
      return;
    }
    this.sumAccepted += result.accepted;
    this.itemsJudged += req.items.length;
    const { items } = req;
    if (result.accepted + result.duplicate + result.rejected.length !== items.length) {
      flag(
        `accepted ${result.accepted} + duplicate ${result.duplicate} + rejected ${result.rejected.length} !== ${items.length} items`,
      );
    }
    const byIndex = new Map<number, Rejection>();
    for (const r of result.rejected) {
      if (r.index >= items.length) flag(`rejection index ${r.index} out of range`);
      if (byIndex.has(r.index)) flag(`index ${r.index} rejected twice`);
      if (!NAMES_FIELD_OR_PROBLEM.test(r.reason)) flag(`reason names no field: "${r.reason}"`);
      byIndex.set(r.index, r);
    }
    let acceptedExpected = 0;
    let duplicateExpected = 0;
    let unknown = 0;
    const inRequest = new Set<string>();
    const counted: FuzzItem[] = [];
    items.forEach((item, index) => {
      const rejection = byIndex.get(index);
      const { verdict } = item;
      if (rejection) {
        if (verdict.kind === 'valid') flag(`${item.label}: rejected ("${rejection.reason}")`);
        else if (!verdict.reason.test(rejection.reason))
          flag(`${item.label}: reason "${rejection.reason}" does not match ${String(verdict.reason)}`);
        if (verdict.kind === 'invalid' && item.echoId !== undefined && rejection.id !== item.echoId)
          flag(`${item.label}: the rejection does not carry the item's id`);
        return;
      }
      if (verdict.kind === 'invalid' || item.id === undefined) {
        flag(`${item.label}: not rejected`);
        unknown += 1;
        return;
      }
      if (this.stored.has(item.id) || inRequest.has(item.id)) duplicateExpected += 1;
      else acceptedExpected += 1;
      inRequest.add(item.id);
      counted.push(item);
    });
    if (unknown === 0 && (result.accepted !== acceptedExpected || result.duplicate !== duplicateExpected)) {
      flag(
        `counted accepted ${result.accepted}/duplicate ${result.duplicate}, expected ${acceptedExpected}/${duplicateExpected}`,
      );
    }
    for (const item of counted) if (!this.stored.has(item.id!)) this.stored.set(item.id!, item.json);
  }

  /** One line per kind of problem, with how often it happened and the first request that showed it. */
  summary(): string[] {
    const groups = new Map<string, { count: number; first: Violation }>();
    for (const v of this.violations) {
      const key = v.problem.replace(/\d+/g, 'N');
      const group = groups.get(key);
      if (group) group.count += 1;
      else groups.set(key, { count: 1, first: v });
    }
    return [...groups.values()].map(
      ({ count, first }) => `${count}× ${first.problem}  [first: request #${first.request}, ${first.label}]`,
    );
  }
}

const jsonArray = (items: readonly FuzzItem[]) => `[${items.map((i) => i.json).join(',')}]`;

/** Builds each request of the run, from its kind, when it is its turn (the 10 MB ones are not kept). */
class Plan {
  constructor(
    private readonly prng: Prng,
    private readonly items: FuzzItems,
    private readonly events: EventFactory,
  ) {}

  kinds(): string[] {
    const counts: Record<string, number> = {
      json: 120,
      ndjson: 15,
      'not JSON': 6,
      'truncated JSON': 5,
      'JSON scalar': 4,
      'empty body': 4,
      'invalid UTF-8': 5,
      'NDJSON, no line parses': 2,
      'other content type': 6,
      'BOM or single object': 2,
      '10 MB string in an event': 1,
      '10 MB string in an event, chunked': 1,
      '10,001 events (JSON)': 1,
      '10,001 events (NDJSON)': 1,
      'exactly 10,000 items': 1,
      'exactly 8 MiB': 1,
      '8 MiB + 1 byte': 1,
    };
    return shuffle(
      this.prng,
      Object.entries(counts).flatMap(([kind, n]) => new Array<string>(n).fill(kind)),
    );
  }

  build(kind: string): FuzzRequest {
    const p = this.prng;
    const bad = (body: string | Buffer, contentType: string | null = 'application/json'): FuzzRequest => ({
      label: kind,
      contentType,
      body,
      statuses: [400],
      items: [],
    });
    const tooLarge = (body: string | Buffer | Buffer[], contentType = 'application/json'): FuzzRequest => ({
      label: kind,
      contentType,
      body,
      statuses: [413],
      items: [],
    });
    switch (kind) {
      case 'json': {
        const items = this.items.mixed(p.int(1, 70));
        const contentType = p.pick([
          'application/json',
          'application/json; charset=utf-8',
          'Application/JSON',
        ]);
        return {
          label: `JSON batch of ${items.length}`,
          contentType,
          body: jsonArray(items),
          statuses: [200],
          items,
        };
      }
      case 'ndjson': {
        const items = this.items.mixed(p.int(1, 40));
        for (let i = p.int(1, 3); i > 0; i--)
          items.splice(p.int(0, items.length), 0, this.items.brokenLine());
        const eol = p.pick(['\n', '\r\n']);
        const body = items.map((i) => i.json).join(eol) + (p.chance(0.5) ? eol : '');
        const contentType = p.pick(['application/x-ndjson', 'application/x-ndjson; charset=utf-8']);
        return { label: `NDJSON batch of ${items.length}`, contentType, body, statuses: [200], items };
      }
      case 'not JSON':
        return bad(
          p.pick(['<events/>', 'undefined', 'NaN', "{'id': 'x'}", '[1,2,]', '{"a":1}{"b":2}', '\u0000']),
        );
      case 'truncated JSON': {
        const body = jsonArray(this.items.mixed(p.int(1, 20)));
        return bad(body.slice(0, p.int(1, body.length - 1)));
      }
      case 'JSON scalar':
        return bad(p.pick(['1', '"text"', 'true', 'null', '  42  ', '-0']));
      case 'empty body':
        return p.chance(0.5)
          ? bad(p.pick(['', '   ']))
          : bad(p.pick(['', '\n\n  \n']), 'application/x-ndjson');
      case 'invalid UTF-8': {
        const text = jsonArray(this.items.mixed(p.int(1, 20)));
        const cut = text.indexOf('"', p.int(0, text.length - 1));
        const at = cut < 0 ? 1 : cut + 1;
        const invalid = Buffer.from(
          p.pick([[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98]]),
        );
        const body = Buffer.concat([Buffer.from(text.slice(0, at)), invalid, Buffer.from(text.slice(at))]);
        return bad(body, p.pick(['application/json', 'application/x-ndjson']));
      }
      case 'NDJSON, no line parses':
        return bad(
          [this.items.brokenLine(), this.items.brokenLine()].map((i) => i.json).join('\n'),
          'application/x-ndjson',
        );
      case 'other content type': {
        // The contract names two types; a server may judge the bytes as JSON anyway, or refuse with 400.
        const items = this.items.mixed(p.int(1, 20));
        const contentType = p.pick([
          'text/plain',
          'application/xml',
          'application/octet-stream',
          'application/x-www-form-urlencoded',
          'text/json',
          null,
        ]);
        return {
          label: `${kind}: ${contentType}`,
          contentType,
          body: jsonArray(items),
          statuses: [200, 400],
          items,
        };
      }
      case 'BOM or single object': {
        const item = this.items.fresh();
        return p.chance(0.5)
          ? {
              label: 'JSON after a UTF-8 BOM',
              contentType: 'application/json',
              body: `\ufeff${jsonArray([item])}`,
              statuses: [200, 400],
              items: [item],
            }
          : {
              label: 'a single object, not an array',
              contentType: 'application/json',
              body: item.json,
              statuses: [200, 400],
              items: [item],
            };
      }
      case '10 MB string in an event':
      case '10 MB string in an event, chunked': {
        const huge = { ...this.events.feedback(), comment: 'x'.repeat(10_000_000) };
        const text = jsonArray([
          ...this.items.mixed(10),
          { label: 'huge', json: JSON.stringify(huge), verdict: { kind: 'valid' } },
        ]);
        if (!kind.endsWith('chunked')) return tooLarge(text);
        const bytes = Buffer.from(text);
        const chunks: Buffer[] = [];
        for (let at = 0; at < bytes.length; at += 1 << 20) chunks.push(bytes.subarray(at, at + (1 << 20)));
        return tooLarge(chunks);
      }
      case '10,001 events (JSON)':
      case '10,001 events (NDJSON)': {
        const events = Array.from({ length: MAX_EVENTS + 1 }, () => JSON.stringify(this.events.next()));
        return kind.includes('NDJSON')
          ? tooLarge(events.join('\n'), 'application/x-ndjson')
          : tooLarge(`[${events.join(',')}]`);
      }
      case 'exactly 10,000 items': {
        const items = Array.from({ length: MAX_EVENTS }, (_, i) =>
          i % 2 === 0 ? this.items.smallInvalid() : this.items.notAnObject(),
        );
        return {
          label: kind,
          contentType: 'application/json',
          body: jsonArray(items),
          statuses: [200],
          items,
        };
      }
      case 'exactly 8 MiB':
      case '8 MiB + 1 byte': {
        const good = this.items.fresh();
        const token = `filler-${SEED}`;
        const filler = { ...this.events.feedback(), comment: token };
        const skeleton = `[${good.json},${JSON.stringify(filler)}]`;
        const size = MAX_BYTES + (kind === 'exactly 8 MiB' ? 0 : 1);
        const body = skeleton.replace(token, 'y'.repeat(size - Buffer.byteLength(skeleton) + token.length));
        expect(Buffer.byteLength(body)).toBe(size);
        const tooLong: FuzzItem = {
          label: 'invalid: comment of 8 MiB',
          json: '',
          verdict: { kind: 'invalid', reason: /^comment: \S/ },
          echoId: filler.id,
        };
        return size === MAX_BYTES
          ? { label: kind, contentType: 'application/json', body, statuses: [200], items: [good, tooLong] }
          : tooLarge(body);
      }
      default:
        throw new Error(`unknown request kind ${kind}`);
    }
  }
}

describe(`POST /api/v1/events under fuzzed input (seed ${SEED}, replay with IOC_FUZZ_SEED)`, () => {
  let t: TestServer;
  const ledger = new Ledger();
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let requests = 0;

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (req: FuzzRequest): Promise<HttpAnswer> =>
    call(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.key}`,
        ...(req.contentType === null ? {} : { 'content-type': req.contentType }),
      },
      body: req.body,
      timeoutMs: ANSWER_WITHIN_MS,
    });

  it('answers every malformed body and event as the contract says, within seconds', async () => {
    const prng = mulberry32(SEED);
    const events = new EventFactory(prng, `fz${SEED}`);
    const plan = new Plan(prng, new FuzzItems(prng, events, MARKER), events);
    const started = Date.now();
    for (const kind of plan.kinds()) {
      const req = plan.build(kind);
      requests += 1;
      try {
        ledger.judge(requests, req, await post(req));
      } catch (error) {
        ledger.violations.push({ request: requests, label: req.label, problem: (error as Error).message });
      }
    }
    const worst = Math.max(...ledger.latencies);
    console.info(
      `fuzz seed ${SEED}: ${requests} requests, ${ledger.itemsJudged} items judged, ${ledger.sumAccepted} accepted, ` +
        `${ledger.stored.size} ids stored, worst answer ${worst.toFixed(0)} ms, ${Date.now() - started} ms in all`,
    );
    expect(ledger.summary()).toEqual([]);
    expect(ledger.itemsJudged).toBeGreaterThan(MAX_EVENTS + 3_000);
  });

  it('stores each counted event exactly once, and nothing it did not count', async () => {
    const rows: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM dossier_events UNION ALL SELECT id FROM feedback',
    );
    const twice: { id: string; n: number }[] = await t.dataSource.query(
      `SELECT id, count(*)::int AS n FROM (SELECT id FROM dossier_events UNION ALL SELECT id FROM feedback) e
       GROUP BY id HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    expect(ledger.stored.size).toBeGreaterThan(1_000);
    const stored = new Set(rows.map((r) => r.id));
    // An id claimed for idempotency without its event stored turns every resend into a silent loss.
    const claimed: { id: string }[] = await t.dataSource.query('SELECT id FROM ingested_event_ids');
    const show = (ids: string[]) => ids.slice(0, 10).map((id) => JSON.stringify(id));
    expect({
      countedButNotStored: show([...ledger.stored.keys()].filter((id) => !stored.has(id))),
      storedButNotCounted: show([...stored].filter((id) => !ledger.stored.has(id))),
      claimedButNotStored: show(claimed.map((c) => c.id).filter((id) => !stored.has(id))),
    }).toEqual({ countedButNotStored: [], storedButNotCounted: [], claimedButNotStored: [] });
    expect(rows.length).toBe(ledger.sumAccepted);
  });

  it('counts every stored event as a duplicate when it is posted again, and stores nothing more', async () => {
    const all = [...ledger.stored.values()];
    const answers: string[] = [];
    for (let at = 0; at < all.length; at += 1_000) {
      const batch = all.slice(at, at + 1_000);
      const answer = await call(`${t.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: `[${batch.join(',')}]`,
        timeoutMs: ANSWER_WITHIN_MS,
      });
      const result = asIngestResult(answer.json);
      if (answer.status !== 200 || typeof result === 'string')
        answers.push(`${answer.status} ${answer.text}`);
      else if (result.accepted !== 0 || result.duplicate !== batch.length || result.rejected.length > 0)
        answers.push(
          `accepted ${result.accepted}, duplicate ${result.duplicate}/${batch.length}, rejected ${JSON.stringify(result.rejected.slice(0, 3))}`,
        );
    }
    expect(answers).toEqual([]);
    const [count] = await t.dataSource.query<{ n: number }[]>(
      'SELECT (SELECT count(*) FROM dossier_events) + (SELECT count(*) FROM feedback) AS n',
    );
    expect(Number(count!.n)).toBe(ledger.sumAccepted);
  });

  it('stays healthy and leaves Object.prototype alone', async () => {
    const health = await call(`${t.url}/api/health`, { timeoutMs: ANSWER_WITHIN_MS });
    expect(health.status).toBe(200);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)[MARKER]).toBeUndefined();
    expect(Object.keys(prototypeKeys(MARKER))).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  describe('edge values the fuzz found, each next to a valid event in the same batch', () => {
    const events = new EventFactory(mulberry32(SEED + 1), `edge${SEED}`);
    type Draft = Record<string, unknown>;
    const received = () => JSON.parse(JSON.stringify(events.received())) as Draft;
    const dossier = (d: Draft) => d.dossier as Draft;
    const cases: [string, RegExp, () => Draft][] = [
      ['U+0000 in dossier.code', /^dossier\.code: /, () => withDossier(received(), 'code', 'A\u0000B')],
      ['U+0000 in dossier.field', /^dossier\.field: /, () => withDossier(received(), 'field', 'civil\u0000')],
      ['U+0000 in a feedback comment', /^comment: /, () => ({ ...events.feedback(), comment: 'a\u0000b' })],
      [
        'a lone surrogate (\\ud800) in dossier.field',
        /^dossier\.field: /,
        () => withDossier(received(), 'field', 'x\ud800'),
      ],
      [
        'a lone surrogate (\\ud800) in the id',
        /^id: /,
        () => ({ ...received(), id: `edge-${SEED}-lone-\ud800` }),
      ],
      ['at in year 0 (0000-01-01T00:00:00Z)', /^at: /, () => ({ ...received(), at: '0000-01-01T00:00:00Z' })],
      [
        'at in year 0 UTC (0001-01-01T00:00:00+07:00)',
        /^at: /,
        () => ({ ...received(), at: '0001-01-01T00:00:00+07:00' }),
      ],
      [
        'dossier.dueAt in year 10000 UTC (9999-12-31T23:59:59-01:00)',
        /^dossier\.dueAt: /,
        () => withDossier(received(), 'dueAt', '9999-12-31T23:59:59-01:00'),
      ],
      [
        'BEL and ESC in dossier.code',
        /^dossier\.code: /,
        () => withDossier(received(), 'code', `B${SEED}\u0007\u001b[31m`),
      ],
    ];
    function withDossier(draft: Draft, key: string, value: string): Draft {
      dossier(draft)[key] = value;
      return draft;
    }

    it.each(cases)(
      '%s: 200, the valid event stored, the edge one stored or rejected naming the field',
      async (_label, reason, make) => {
        const mate: IngestEvent = events.received();
        const edge = make();
        const answer = await call(`${t.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
          body: JSON.stringify([mate, edge]),
          timeoutMs: ANSWER_WITHIN_MS,
        });
        expect({ status: answer.status, body: answer.json }).toEqual({
          status: 200,
          body: expect.anything(),
        });
        const result = asIngestResult(answer.json) as Answered;
        expect(result.accepted + result.duplicate + result.rejected.length).toBe(2);
        expect(result.rejected.filter((r) => r.index === 0)).toEqual([]);
        const storedCount = async (id: unknown) =>
          Number(
            (
              await t.dataSource.query<{ n: number }[]>(
                'SELECT (SELECT count(*) FROM dossier_events WHERE id = $1) + (SELECT count(*) FROM feedback WHERE id = $1) AS n',
                [String(id)],
              )
            )[0]!.n,
          );
        expect(await storedCount(mate.id)).toBe(1);
        const rejection = result.rejected.find((r) => r.index === 1);
        const fate = rejection
          ? rejection.reason
          : (await storedCount(edge.id)) === 1
            ? 'stored'
            : 'counted, not stored';
        expect(fate).toMatch(new RegExp(`^stored$|${reason.source}`));
      },
    );
  });
});
