import { LiveMetricsService } from '../live/live-metrics.service';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

describe('POST /api/v1/events against the embedded TimescaleDB', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores the same event posted twice only once', async () => {
    const event = aReceivedEvent();
    expect((await t.post([event])).body).toEqual({ accepted: 1, duplicate: 0, rejected: [] });
    expect((await t.post([event])).body).toEqual({ accepted: 0, duplicate: 1, rejected: [] });
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM dossier_events WHERE id = $1', [
      event.id,
    ]);
    expect(row.n).toBe(1);
  });

  it('rejects bad items with a reason and stores the good ones of the same batch', async () => {
    const good = aReceivedEvent('22918');
    const { status, body } = await t.post([good, { ...aReceivedEvent(), unit: '99999' }, { id: 'x' }]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      expect.objectContaining({ index: 1, reason: "unit: '99999' is unknown" }),
      expect.objectContaining({ index: 2, id: 'x', reason: expect.stringContaining('type:') }),
    ]);
  });

  it('answers 401 without a valid key and 400 for a body that is not JSON', async () => {
    expect((await t.post([aReceivedEvent()], 'application/json', 'ioc_nope')).status).toBe(401);
    expect((await t.post('{not json')).status).toBe(400);
  });

  it('raises the unit backlog on the live layer', async () => {
    const live = t.server.app.get(LiveMetricsService);
    await live.flush();
    const before = live.unitFigures('22933');
    await t.post([aReceivedEvent('22933'), aReceivedEvent('22933')]);
    await live.flush();
    const after = live.unitFigures('22933');
    expect(after.backlog).toBe(before.backlog + 2);
    expect(after.receivedToday).toBe(before.receivedToday + 2);
  });
});
