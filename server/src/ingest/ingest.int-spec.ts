import { LiveMetricsService } from '../live/live-metrics.service';
import { TEST_ENGINE } from '../testing/test-database';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

describe(`POST /api/v1/events (${TEST_ENGINE})`, () => {
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

  it('folds every event of a new dossier when concurrent requests bring its events at once', async () => {
    // 30 new dossiers, each received, assigned and resolved; the three events of every dossier go
    // out in three requests at the same moment (on a real server, three connections): whichever
    // request creates a dossier first, the others must find it and fold their event into it.
    const at = (minutes: number) => new Date(Date.now() - 3_600_000 + minutes * 60_000).toISOString();
    const dossiers = Array.from({ length: 30 }, () => aReceivedEvent('24781', { at: at(0) }));
    const requests = [
      dossiers,
      dossiers.map((d) => ({
        ...d,
        id: `${d.id}-a`,
        type: 'dossier.assigned',
        at: at(5),
        dossier: { code: d.dossier.code },
        department: 'Tư pháp',
      })),
      dossiers.map((d) => ({
        ...d,
        id: `${d.id}-r`,
        type: 'dossier.resolved',
        at: at(10),
        dossier: { code: d.dossier.code },
      })),
    ];
    const answers = await Promise.all(requests.map((events) => t.post(events)));
    expect(answers.map((a) => a.body)).toEqual(
      requests.map(() => ({ accepted: 30, duplicate: 0, rejected: [] })),
    );
    const rows = await t.dataSource.query<{ status: string; events: number }[]>(
      `SELECT d.status, jsonb_array_length(t.timeline)::int AS events
       FROM dossiers d JOIN dossier_timelines t ON t.unit_code = d.unit_code AND t.dossier_code = d.code
       WHERE d.unit_code = '24781' AND d.code = ANY($1::text[])`,
      [dossiers.map((d) => d.dossier.code)],
    );
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.status === 'resolved' && r.events === 3)).toBe(true);
  });
});
