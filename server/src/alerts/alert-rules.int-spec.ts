import { alertRuleSchema, alertRulesSchema, type IngestEvent, type WallAlert } from '@ioc/shared';
import { LiveStreamService } from '../live/live-stream.service';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { AlertMeasurementsRepository } from './alert-measurements.repository';

const A = '24781';
const B = '22918';
const MINUTE = 60_000;

describe(`wall alert rules (${TEST_ENGINE})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  const get = async (path: string) => {
    const response = await t.read(path);
    return { status: response.status, body: await response.json() };
  };
  /** Events of a dossier nobody received: one anomaly each time, at the event's time. */
  const ghostEvents = (unit: string, count: number, minutesAgo: number): IngestEvent[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `ghost-${unit}-${minutesAgo}-${i}`,
      unit,
      type: 'dossier.assigned',
      at: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
      dossier: { code: `GHOST-${unit}-${minutesAgo}-${i}` },
      department: 'Tư pháp',
    }));

  it('lists the default rules, each a valid rule', async () => {
    const { status, body } = await get('/api/v1/alert-rules');
    expect(status).toBe(200);
    const rules = alertRulesSchema.parse(body);
    expect(rules.map((r) => [r.code, r.kind, r.severity, r.enabled])).toEqual([
      ['anomaly-storm', 'anomaly-storm', 'warning', true],
      ['overdue-surge-province', 'overdue-surge', 'critical', true],
      ['overdue-surge-unit', 'overdue-surge', 'warning', true],
      ['silent-units', 'unit-silent', 'warning', true],
    ]);
    expect(rules.find((r) => r.code === 'overdue-surge-unit')!.params).toEqual({
      scope: 'unit',
      windowMinutes: 60,
      minIncrease: 10,
      minIncreaseShare: 0.5,
    });
  });

  it('refuses an edit without the admin token, and a bad one with a 400 naming the field', async () => {
    const valid = {
      kind: 'anomaly-storm',
      severity: 'warning',
      params: { windowMinutes: 60, minAnomalies: 5 },
    };
    const anonymous = await fetch(`${t.url}/api/v1/admin/alert-rules/anomaly-storm`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    });
    expect(anonymous.status).toBe(401);
    const refused = async (code: string, body: unknown) => {
      const answer = await t.admin('PUT', `/api/v1/admin/alert-rules/${code}`, body);
      expect(answer.status).toBe(400);
      return JSON.stringify(answer.body);
    };
    expect(
      await refused('anomaly-storm', { ...valid, params: { windowMinutes: 1, minAnomalies: 5 } }),
    ).toMatch(/params\.windowMinutes: /);
    expect(await refused('anomaly-storm', { ...valid, kind: 'earthquake' })).toMatch(/kind: /);
    expect(await refused('anomaly-storm', { ...valid, severity: 'panic' })).toMatch(/severity: /);
    expect(await refused('anomaly-storm', { ...valid, params: { windowMinutes: 60 } })).toMatch(
      /params\.minAnomalies: /,
    );
    expect(await refused('anomaly-storm', { ...valid, params: { ...valid.params, extra: 1 } })).toMatch(
      /params: /,
    );
    expect(await refused('Not_A_Code', valid)).toMatch(/code: /);
  });

  it('adds, replaces and removes a rule', async () => {
    const put = await t.admin('PUT', '/api/v1/admin/alert-rules/silent-many', {
      kind: 'unit-silent',
      severity: 'critical',
      params: { minUnits: 10 },
    });
    expect(put.status).toBe(200);
    expect(alertRuleSchema.parse(put.body)).toMatchObject({ code: 'silent-many', enabled: true });
    const replaced = await t.admin('PUT', '/api/v1/admin/alert-rules/silent-many', {
      kind: 'unit-silent',
      enabled: false,
      severity: 'warning',
      params: { minUnits: 3 },
    });
    expect(replaced.body).toMatchObject({ enabled: false, severity: 'warning', params: { minUnits: 3 } });
    const listed = alertRulesSchema.parse((await get('/api/v1/alert-rules')).body);
    expect(listed.find((r) => r.code === 'silent-many')).toMatchObject({
      enabled: false,
      params: { minUnits: 3 },
    });
    expect((await t.admin('DELETE', '/api/v1/admin/alert-rules/silent-many')).status).toBe(204);
    expect((await t.admin('DELETE', '/api/v1/admin/alert-rules/silent-many')).status).toBe(404);
    expect(alertRulesSchema.parse((await get('/api/v1/alert-rules')).body)).toHaveLength(4);
  });

  it('reads each unit’s overdue count from its latest sample at or before the window start, not an older one', async () => {
    const now = new Date();
    const sample = (unit: string, minutesAgo: number, overdue: number) =>
      t.dataSource.query(
        `INSERT INTO unit_backlog_samples (at, unit_code, backlog, overdue, paused) VALUES ($1, $2, $3, $3, 0)`,
        [new Date(now.getTime() - minutesAgo * MINUTE), unit, overdue],
      );
    await sample(A, 62, 3); // the latest at or before now − 60 min
    await sample(A, 72, 9); // an earlier one
    await sample(A, 55, 7); // after the window start: not the baseline
    await sample(B, 80, 4); // 20 min before the window start: too old to stand for it
    const measured = await t.server.app.get(AlertMeasurementsRepository).overdueSampledBefore(now, [60, 70]);
    expect(Object.fromEntries(measured.get(60)!)).toEqual({ [A]: 3 });
    expect(Object.fromEntries(measured.get(70)!)).toEqual({ [A]: 9, [B]: 4 });
  });

  it('counts each unit’s anomalies within the window by their event time', async () => {
    await t.post([...ghostEvents(A, 3, 10), ...ghostEvents(A, 2, 90), ...ghostEvents(B, 1, 30)]);
    const measured = await t.server.app
      .get(AlertMeasurementsRepository)
      .anomaliesWithin(new Date(), [60, 120]);
    expect(Object.fromEntries(measured.get(60)!)).toEqual({ [A]: 3, [B]: 1 });
    expect(Object.fromEntries(measured.get(120)!)).toEqual({ [A]: 5, [B]: 1 });
  });

  it('an edited rule takes effect at once, without a restart, and a removed one clears its alerts', async () => {
    const stream = t.server.app.get(LiveStreamService);
    const storms = async (): Promise<WallAlert[]> =>
      (await stream.snapshot('alerts')).alerts.filter((a) => a.rule === 'anomaly-storm');
    const until = async (check: (alerts: WallAlert[]) => boolean): Promise<WallAlert[]> => {
      // Well within the 5 s between evaluations after live changes, and the minute between the others.
      const deadline = Date.now() + 2_000;
      for (;;) {
        const alerts = await storms();
        if (check(alerts)) return alerts;
        if (Date.now() > deadline) throw new Error(`alerts still ${JSON.stringify(alerts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // Three anomalies of A in the last hour: below the default 20.
    expect(await storms()).toEqual([]);
    const edited = await t.admin('PUT', '/api/v1/admin/alert-rules/anomaly-storm', {
      kind: 'anomaly-storm',
      severity: 'critical',
      params: { windowMinutes: 60, minAnomalies: 3 },
    });
    expect(edited.status).toBe(200);
    const raised = await until((alerts) => alerts.length > 0);
    expect(raised).toEqual([
      expect.objectContaining({
        rule: 'anomaly-storm',
        kind: 'anomaly-storm',
        severity: 'critical',
        unitCodes: [A],
        value: 3,
        threshold: 3,
        windowMinutes: 60,
      }),
    ]);
    expect((await t.admin('DELETE', '/api/v1/admin/alert-rules/anomaly-storm')).status).toBe(204);
    await until((alerts) => alerts.length === 0);
  });
});
