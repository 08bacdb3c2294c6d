import { startTestServer, type TestServer } from '../testing/test-server';
import { runSimulator } from './simulator';

/** The simulator against the real server and database: nothing it sends may be rejected. */
describe('simulator against the ingest API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has a week of history for two units accepted, and sending it again only makes duplicates', async () => {
    const options = {
      url: server.url,
      key: server.key,
      units: ['24781', '22918'],
      backfillMs: 7 * 86_400_000,
      durationMs: 0,
    };
    const first = await runSimulator(options, undefined, { log: () => undefined });
    expect(first.eventsSent).toBeGreaterThan(5000);
    expect(first.rejected).toBe(0);
    expect(first.accepted).toBe(first.eventsSent);
    // The server sees coherent timelines, and the outcomes the simulator intended.
    const anomalies: { count: number }[] = await server.dataSource.query(
      'SELECT count(*)::int AS count FROM dossier_anomalies',
    );
    expect(anomalies[0]?.count).toBe(0);
    const outcomes: { outcome: string | null; count: number }[] = await server.dataSource.query(
      'SELECT outcome, count(*)::int AS count FROM dossiers GROUP BY outcome',
    );
    const count = (outcome: string | null) => outcomes.find((o) => o.outcome === outcome)?.count ?? 0;
    expect(count('early') + count('on_time')).toBeGreaterThan(0);
    expect(count('late') / (count('early') + count('on_time') + count('late'))).toBeLessThan(0.2);
    // A restart with the same seed regenerates the same ids: the server stores nothing twice.
    const again = await runSimulator(options, undefined, { log: () => undefined });
    expect(again.rejected).toBe(0);
    expect(again.duplicate).toBeGreaterThan(first.eventsSent * 0.99);
  });
});
