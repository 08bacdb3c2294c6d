import type { Ranking } from '@ioc/shared';
import { MAX_QUEUED_READS } from '../database/read-gate.service';
import { TEST_ENGINE } from '../testing/test-database';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Reads of the service index cannot starve ingest (issue 12, item 8): a result is computed once
 * per state of the data and served again until an ingest request commits; a client reading in a
 * loop gets 429; reads queue behind writes, and a full queue answers 503 at once.
 */
describe(`service index reads beside ingest (${TEST_ENGINE})`, () => {
  let t: TestServer;
  afterEach(async () => {
    await t?.close();
  });
  const ranking = async () => {
    const response = await t.read(`/api/v1/rankings?period=month`);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Ranking,
    };
  };

  it('serves a ranking again while nothing changed, and recomputes it as soon as an ingest commits', async () => {
    t = await startTestServer({ IOC_RANKING_MIN_DOSSIERS: '1' });
    const first = await ranking();
    const again = await ranking();
    // The same computation: evaluated at the same instant, with the same figures.
    expect(again.body.evaluatedAt).toBe(first.body.evaluatedAt);
    expect((await t.post([aReceivedEvent('24781')])).body).toMatchObject({ accepted: 1 });
    const after = await ranking();
    expect(after.body.evaluatedAt).not.toBe(first.body.evaluatedAt);
    expect(after.body.province.score.counts.received).toBe(first.body.province.score.counts.received + 1);
  });

  it('answers a client past its read rate 429 with Retry-After, and other routes still serve it', async () => {
    t = await startTestServer({ IOC_READ_RATE_LIMIT: '2' });
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await ranking());
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(12); // the burst: 6 s' worth
    expect(refused.length).toBeGreaterThanOrEqual(7);
    expect(refused[0]).toMatchObject({
      retryAfter: '1',
      body: { message: expect.stringMatching(/^too many service index reads from this client/) },
    });
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  (TEST_ENGINE === 'embedded' ? it : it.skip)(
    'keeps ingest answering while 40 readers ask for uncached two-year rankings; past the queue, reads get 503',
    async () => {
      t = await startTestServer({ IOC_READ_CACHE_MS: '0', IOC_READ_RATE_LIMIT: '1000' });
      await t.post(Array.from({ length: 200 }, (_, i) => aReceivedEvent(i % 2 ? '24781' : '22918')));
      const query = `/api/v1/rankings?period=custom&from=2025-07-01&to=${new Date().toISOString().slice(0, 10)}`;
      let reading = true;
      const statuses: number[] = [];
      const readers = Array.from({ length: 40 }, async () => {
        while (reading) {
          const response = await t.read(query);
          statuses.push(response.status);
          await response.arrayBuffer();
          if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
      const ingestMs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        expect((await t.post([aReceivedEvent('24781')])).status).toBe(200);
        ingestMs.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      reading = false;
      await Promise.all(readers);
      // Each write waits for at most the one read in flight (tens of ms here), not for 40.
      expect(Math.max(...ingestMs)).toBeLessThan(1_000);
      expect(new Set(statuses)).toEqual(new Set([200, 503]));
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(20);
      expect(MAX_QUEUED_READS).toBeLessThan(40);
    },
  );
});
