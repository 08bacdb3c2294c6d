import { LiveMetricsService } from './live-metrics.service';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { aReceivedEvent, startTestServer } from '../testing/test-server';

describe('stopping and starting again', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('keeps the data and the seen event ids, and rebuilds the same live figures', async () => {
    const first = await startTestServer({}, { database });
    const events = [aReceivedEvent('24781'), aReceivedEvent('24781'), aReceivedEvent('22918')];
    await first.post(events);
    const live = first.server.app.get(LiveMetricsService);
    await live.flush();
    const before = live.entriesOf('province');
    await first.close();

    const second = await startTestServer({}, { database });
    const relive = second.server.app.get(LiveMetricsService);
    await relive.ready();
    const after = relive.entriesOf('province');
    // Idempotent across restarts too: the same events again change nothing.
    const resent = await second.post(events);
    await second.close();

    expect(resent.body).toEqual({ accepted: 0, duplicate: 3, rejected: [] });

    expect(after.find((e) => e.key === 'unit:24781')?.figures.backlog).toBe(2);
    expect(after).toEqual(before);
  });
});
