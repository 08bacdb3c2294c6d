import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type IngestEvent, MAX_FUTURE_SKEW_MS, validateIngestEvent } from '@ioc/shared';
import { runSimulator, runTag, type SimulatorDependencies, type SimulatorOptions } from './simulator';
import { SimulatorOptionError } from './simulator-options';

/** Wednesday 19 November 2025, 10:00 in Vietnam: a working morning. */
const START = Date.parse('2025-11-19T03:00:00Z');

interface RecordedRequest {
  sentAt: number;
  events: IngestEvent[];
}

/**
 * A fake clock that sleeping advances, and a fake server that records every request. The server
 * answers `failFirst` requests with 503 before accepting, like a database coming back.
 */
function harness(options: { failFirst?: number } = {}) {
  let now = START;
  let failuresLeft = options.failFirst ?? 0;
  const requests: RecordedRequest[] = [];
  const refused: RecordedRequest[] = [];
  const fetchImpl = ((_input: string | URL, init?: RequestInit) => {
    const events = JSON.parse(typeof init?.body === 'string' ? init.body : '[]') as IngestEvent[];
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      refused.push({ sentAt: now, events });
      return Promise.resolve(new Response('{"message":"database unreachable"}', { status: 503 }));
    }
    requests.push({ sentAt: now, events });
    return Promise.resolve(
      new Response(JSON.stringify({ accepted: events.length, duplicate: 0, rejected: [] }), { status: 200 }),
    );
  }) as typeof fetch;
  const dependencies: SimulatorDependencies = {
    now: () => now,
    sleep: (ms) => {
      now += Math.max(0, ms);
      return Promise.resolve();
    },
    fetch: fetchImpl,
    log: () => undefined,
  };
  return { dependencies, requests, refused, clock: () => now };
}

const base: SimulatorOptions = {
  key: 'test-key',
  url: 'http://ioc.test',
  units: ['24781', '22918'],
  backfillMs: 2 * 86_400_000,
  durationMs: 10 * 60_000,
};

describe('runSimulator', () => {
  const normal = harness();
  let stats: Awaited<ReturnType<typeof runSimulator>>;
  beforeAll(async () => {
    stats = await runSimulator(base, undefined, normal.dependencies);
  });
  const sent = () => normal.requests.flatMap((r) => r.events);

  it('sends a backfill and then live events, all valid and each once', () => {
    const events = sent();
    expect(events.length).toBeGreaterThan(1000);
    expect(stats.eventsSent).toBe(events.length);
    expect(stats.accepted).toBe(events.length);
    expect(stats.rejected).toBe(0);
    expect(stats.backfillEvents).toBeGreaterThan(0);
    expect(stats.backfillEvents).toBeLessThan(events.length);
    expect(stats.queuedEvents).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const event of events) {
      const validation = validateIngestEvent(event);
      if (!validation.ok) throw new Error(`${event.id}: ${validation.reason}`);
      expect(ids.has(event.id)).toBe(false);
      ids.add(event.id);
      expect(['24781', '22918']).toContain(event.unit);
    }
  });

  it('never sends an event before its instant, nor more than 1,000 a request', () => {
    for (const request of normal.requests) {
      expect(request.events.length).toBeLessThanOrEqual(1000);
      for (const event of request.events) {
        expect(Date.parse(event.at)).toBeLessThanOrEqual(request.sentAt);
        expect(Date.parse(event.at)).toBeLessThan(request.sentAt + MAX_FUTURE_SKEW_MS);
      }
    }
  });

  it('covers the backfill window and sends each dossier’s receipt first', () => {
    const events = sent();
    const earliest = Math.min(...events.map((e) => Date.parse(e.at)));
    expect(earliest).toBeGreaterThanOrEqual(START - 2 * 86_400_000 - 60_000);
    expect(earliest).toBeLessThan(START - 86_400_000);
    const received = new Set<string>();
    for (const event of events) {
      if (event.type === 'feedback.submitted') continue;
      if (event.type === 'dossier.received') received.add(event.dossier.code);
      else expect(received.has(event.dossier.code)).toBe(true);
    }
    const live = normal.requests.filter((r) => r.sentAt >= START + 60_000);
    expect(live.length).toBeGreaterThan(0);
    expect(live.flatMap((r) => r.events).some((e) => e.type === 'dossier.received')).toBe(true);
    expect(events[0]?.id).toMatch(new RegExp(`^sim-${runTag(1, 1, 1)}-\\d{5}-\\d{6}-\\d{4}-recv$`));
  });

  it('gives the same events for the same seed, and others for another seed', async () => {
    const again = harness();
    await runSimulator(base, undefined, again.dependencies);
    expect(again.requests).toEqual(normal.requests);
    const other = harness();
    await runSimulator({ ...base, seed: 2, backfillMs: 0 }, undefined, other.dependencies);
    const firstIds = other.requests.flatMap((r) => r.events).map((e) => e.id);
    expect(firstIds.some((id) => id.startsWith('sim-S2-'))).toBe(true);
  });

  it('keeps every event through an outage and resends the same batches', async () => {
    const outage = harness({ failFirst: 5 });
    const outageStats = await runSimulator(base, undefined, outage.dependencies);
    expect(outageStats.retries).toBe(5);
    const accepted = outage.requests.flatMap((r) => r.events.map((e) => e.id));
    expect(new Set(accepted).size).toBe(accepted.length);
    // The refused batches were resent as they were.
    const acceptedBodies = new Set(outage.requests.map((r) => JSON.stringify(r.events)));
    for (const refused of outage.refused)
      expect(acceptedBodies.has(JSON.stringify(refused.events))).toBe(true);
    // Nothing dated before the start went missing.
    const beforeStart = (ids: IngestEvent[]) =>
      ids
        .filter((e) => Date.parse(e.at) < START)
        .map((e) => e.id)
        .sort();
    expect(beforeStart(outage.requests.flatMap((r) => r.events))).toEqual(beforeStart(sent()));
  });

  it('compresses time at a higher speed without sending the future', async () => {
    const fast = harness();
    const fastStats = await runSimulator(
      { ...base, backfillMs: 0, speed: 60, durationMs: 5 * 60_000 },
      undefined,
      fast.dependencies,
    );
    const slow = harness();
    const slowStats = await runSimulator(
      { ...base, backfillMs: 0, durationMs: 5 * 60_000 },
      undefined,
      slow.dependencies,
    );
    expect(fastStats.dossiers).toBeGreaterThan(slowStats.dossiers * 20);
    const fastEvents = fast.requests.flatMap((r) => r.events);
    expect(fastEvents.some((e) => e.type === 'dossier.resolved')).toBe(true);
    expect(fastEvents[0]?.id).toContain(runTag(1, 1, 60));
    for (const request of fast.requests) {
      for (const event of request.events) expect(Date.parse(event.at)).toBeLessThanOrEqual(request.sentAt);
    }
  });

  it('stops when aborted and reports what it did', async () => {
    const controller = new AbortController();
    const run = harness();
    const dependencies: SimulatorDependencies = {
      ...run.dependencies,
      sleep: async (ms) => {
        await run.dependencies.sleep(ms);
        if (run.clock() > START + 120_000) controller.abort();
      },
    };
    const aborted = await runSimulator(
      { ...base, backfillMs: 0, durationMs: null },
      controller.signal,
      dependencies,
    );
    expect(run.clock()).toBeLessThan(START + 130_000);
    expect(aborted.eventsSent).toBe(run.requests.flatMap((r) => r.events).length);
  });

  it('refuses options that make no sense, naming them', async () => {
    await expect(runSimulator({ ...base, units: ['99999'] })).rejects.toThrow(/units: '99999'/);
    await expect(runSimulator({ ...base, speed: 0 })).rejects.toBeInstanceOf(SimulatorOptionError);
    await expect(runSimulator({ ...base, key: '' })).rejects.toThrow(/key/);
    await expect(runSimulator({ ...base, rates: { lateShare: 2 } })).rejects.toThrow(/lateShare/);
  });
});

describe('runSimulator over HTTP', () => {
  let server: Server;
  let url = '';
  const bodies: IngestEvent[][] = [];
  const authorizations = new Set<string | undefined>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        authorizations.add(request.headers.authorization);
        const events = JSON.parse(body) as IngestEvent[];
        bodies.push(events);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ accepted: events.length, duplicate: 0, rejected: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts JSON batches with the key, with the real clock and fetch', async () => {
    const stats = await runSimulator(
      { key: 'real-key', url, units: ['24781'], backfillMs: 3 * 86_400_000, durationMs: 0 },
      undefined,
      { log: () => undefined },
    );
    expect(stats.eventsSent).toBeGreaterThan(0);
    expect(bodies.flat()).toHaveLength(stats.eventsSent);
    expect([...authorizations]).toEqual(['Bearer real-key']);
    const now = Date.now();
    for (const event of bodies.flat()) expect(Date.parse(event.at)).toBeLessThanOrEqual(now);
  });
});
