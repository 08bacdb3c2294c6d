import type { IngestEvent } from '@ioc/shared';
import { IngestAbortedError, IngestClient, IngestClientError } from './ingest-client';

const events: IngestEvent[] = [
  {
    id: 'sim-1',
    unit: '24781',
    type: 'dossier.synced',
    at: '2025-11-20T08:15:00+07:00',
    dossier: { code: 'A' },
  },
  {
    id: 'sim-2',
    unit: '24781',
    type: 'dossier.returned',
    at: '2025-11-20T08:16:00+07:00',
    dossier: { code: 'A' },
  },
];

interface Call {
  url: string;
  authorization: string | null;
  body: string;
}

/** A scripted server: each request takes the next answer; a thrown error is a network failure. */
function scriptedFetch(answers: (() => Response)[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = ((input: string | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: input.toString(), authorization: headers.get('authorization'), body: bodyText(init) });
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no more scripted answers'));
    try {
      return Promise.resolve(next());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

function bodyText(init?: RequestInit): string {
  return typeof init?.body === 'string' ? init.body : '';
}

const ok = () =>
  new Response(
    JSON.stringify({ accepted: 1, duplicate: 0, rejected: [{ index: 1, id: 'sim-2', reason: 'bad' }] }),
    {
      status: 200,
    },
  );
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new Response('{"message":"no"}', { status: code, headers });

describe('ingest client', () => {
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  beforeEach(() => sleeps.splice(0));

  it('posts the batch as JSON with the key as a bearer token', async () => {
    const server = scriptedFetch([ok]);
    const client = new IngestClient({ url: 'http://ioc.test:3000/', key: 'k-1', fetch: server.fetch, sleep });
    const answer = await client.send(events);
    expect(answer).toEqual({
      accepted: 1,
      duplicate: 0,
      rejected: [{ index: 1, id: 'sim-2', reason: 'bad' }],
      attempts: 1,
    });
    expect(server.calls).toEqual([
      {
        url: 'http://ioc.test:3000/api/v1/events',
        authorization: 'Bearer k-1',
        body: JSON.stringify(events),
      },
    ]);
  });

  it('keeps the batch and resends it, unchanged, after 503, 429 and network errors', async () => {
    const log: string[] = [];
    const server = scriptedFetch([
      status(503),
      () => {
        throw new TypeError('fetch failed');
      },
      status(429, { 'retry-after': '7' }),
      ok,
    ]);
    const client = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: server.fetch,
      sleep,
      log: (l) => log.push(l),
    });
    const answer = await client.send(events);
    expect(answer.attempts).toBe(4);
    expect(new Set(server.calls.map((c) => c.body))).toEqual(new Set([JSON.stringify(events)]));
    // Exponential backoff, and a rate limiter's Retry-After is honoured.
    expect(sleeps).toEqual([500, 1000, 7000]);
    expect(log[0]).toMatch(/503 database unreachable/);
    expect(log[1]).toMatch(/network error/);
    expect(log[2]).toMatch(/429/);
  });

  it('caps the backoff', async () => {
    const server = scriptedFetch([...Array.from({ length: 12 }, () => status(503)), ok]);
    const client = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: server.fetch,
      sleep,
      maxBackoffMs: 4000,
    });
    await client.send(events);
    expect(Math.max(...sleeps)).toBe(4000);
  });

  it('stops with a reason on a refused key or an unparseable batch', async () => {
    const refused = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: scriptedFetch([status(401)]).fetch,
      sleep,
    });
    await expect(refused.send(events)).rejects.toEqual(expect.objectContaining({ code: 'unauthorized' }));
    const bad = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: scriptedFetch([status(400)]).fetch,
      sleep,
    });
    await expect(bad.send(events)).rejects.toBeInstanceOf(IngestClientError);
    const odd = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: scriptedFetch([() => new Response('{"ok":true}', { status: 200 })]).fetch,
      sleep,
    });
    await expect(odd.send(events)).rejects.toEqual(expect.objectContaining({ code: 'unexpected-answer' }));
  });

  it('gives up retrying when aborted', async () => {
    const controller = new AbortController();
    const server = scriptedFetch([status(503), status(503), ok]);
    const client = new IngestClient({
      url: 'http://ioc.test',
      key: 'k',
      fetch: server.fetch,
      sleep: () => {
        controller.abort();
        return Promise.resolve();
      },
    });
    await expect(client.send(events, controller.signal)).rejects.toBeInstanceOf(IngestAbortedError);
    expect(server.calls).toHaveLength(1);
  });
});
