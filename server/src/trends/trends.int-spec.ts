import {
  addCalendarDays,
  dailyFlowSchema,
  kpiComparisonSchema,
  vietnamDate,
  vietnamMidnight,
  type IngestEvent,
} from '@ioc/shared';
import { FixedClock } from '../common/clock';
import { sampleSlot } from '../live/backlog-sampler.service';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';

const A = '24781';
const B = '22918';
const MINUTE = 60_000;
const DAY = 86_400_000;

describe(`KPI comparison and daily flow (${TEST_ENGINE})`, () => {
  let t: TestServer;
  const now = Date.now();
  const yesterday = now - DAY;
  const lastWeek = now - 7 * DAY;
  const dayStartOf = (instant: number) => vietnamMidnight(vietnamDate(instant));
  /** An instant between that day's Vietnam midnight and the moment. */
  const earlierThatDay = (moment: number) =>
    dayStartOf(moment) + Math.floor((moment - dayStartOf(moment)) / 2);
  const iso = (ms: number) => new Date(ms).toISOString();
  let n = 0;
  const received = (unit: string, code: string, at: number, dueAt: number): IngestEvent => ({
    id: `trend-${++n}`,
    unit,
    type: 'dossier.received',
    at: iso(at),
    dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'online', dueAt: iso(dueAt) },
  });
  const resolved = (unit: string, code: string, at: number): IngestEvent => ({
    id: `trend-${++n}`,
    unit,
    type: 'dossier.resolved',
    at: iso(at),
    dossier: { code },
  });

  beforeAll(async () => {
    t = await startTestServer({}, { clock: new FixedClock(now) });
    const inYesterday = earlierThatDay(yesterday);
    const result = await t.post([
      // Received yesterday before the moment: A twice, B once; after the moment and before that
      // midnight: not counted.
      received(A, 'Y1', inYesterday, now + 10 * DAY),
      received(A, 'Y2', inYesterday, now + 10 * DAY),
      received(B, 'Y3', inYesterday, now + 10 * DAY),
      received(A, 'Y-AFTER', yesterday + MINUTE, now + 10 * DAY),
      received(A, 'Y-BEFORE', dayStartOf(yesterday) - MINUTE, now + 10 * DAY),
      // Resolved yesterday before the moment: early (in time) and late; one resolved after it.
      received(A, 'R-EARLY', yesterday - 3 * DAY, now + 10 * DAY),
      resolved(A, 'R-EARLY', inYesterday),
      received(A, 'R-LATE', yesterday - 3 * DAY, yesterday - 2 * DAY),
      resolved(A, 'R-LATE', inYesterday),
      received(B, 'R-AFTER', yesterday - 3 * DAY, now + 10 * DAY),
      resolved(B, 'R-AFTER', yesterday + MINUTE),
      // A week ago: one receipt before the moment.
      received(B, 'W1', earlierThatDay(lastWeek), now + 10 * DAY),
    ]);
    expect(result.body.rejected).toEqual([]);
    const sample = (at: number, unit: string, backlog: number, overdue: number) =>
      t.dataSource.query(
        `INSERT INTO unit_backlog_samples (at, unit_code, backlog, overdue, paused) VALUES ($1, $2, $3, $4, 0)`,
        [new Date(at), unit, backlog, overdue],
      );
    // The slot of yesterday's moment, and an older one that must not be read; none a week ago.
    await sample(sampleSlot(yesterday), A, 40, 4);
    await sample(sampleSlot(yesterday), B, 60, 6);
    await sample(sampleSlot(yesterday) - 5 * MINUTE, A, 999, 99);
  });
  afterAll(() => t?.close());

  const get = async (path: string) => {
    const response = await t.read(path);
    return { status: response.status, body: await response.json() };
  };

  it('compares with the same moment yesterday and a week ago, for the province', async () => {
    const { status, body } = await get('/api/v1/kpi-comparison');
    expect(status).toBe(200);
    expect(kpiComparisonSchema.parse(body)).toEqual({
      unitCode: null,
      at: iso(now),
      yesterday: {
        at: iso(yesterday),
        backlog: 100,
        overdue: 10,
        receivedSoFar: 3,
        resolvedSoFar: 2,
        resolvedInTimeSoFar: 1,
      },
      lastWeek: {
        at: iso(lastWeek),
        backlog: null,
        overdue: null,
        receivedSoFar: 1,
        resolvedSoFar: 0,
        resolvedInTimeSoFar: 0,
      },
    });
  });

  it('compares one unit', async () => {
    const body = kpiComparisonSchema.parse((await get(`/api/v1/kpi-comparison?unit=${A}`)).body);
    expect(body.unitCode).toBe(A);
    expect(body.yesterday).toMatchObject({
      backlog: 40,
      overdue: 4,
      receivedSoFar: 2,
      resolvedSoFar: 2,
      resolvedInTimeSoFar: 1,
    });
    expect(body.lastWeek).toMatchObject({ backlog: null, receivedSoFar: 0 });
  });

  it('refuses a bad or unknown unit with a 400 naming it', async () => {
    for (const path of ['/api/v1/kpi-comparison?unit=abc', '/api/v1/daily-flow?unit=99999']) {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/unit: /);
    }
  });

  it('lists received and resolved dossiers per Vietnam day, every day, today last', async () => {
    const today = vietnamDate(now);
    const check = async () => {
      const flow = dailyFlowSchema.parse((await get('/api/v1/daily-flow?days=10')).body);
      expect(flow.unitCode).toBeNull();
      expect(flow.days.map((d) => d.day)).toEqual(
        Array.from({ length: 10 }, (_, i) => addCalendarDays(today, i - 9)),
      );
      const byDay = new Map(flow.days.map((d) => [d.day, d]));
      // Whether Y-AFTER and R-AFTER (a minute after the moment) fall on yesterday's Vietnam day
      // depends on the hour the test runs: that day is checked against the raw events.
      const [expected] = await t.dataSource.query<{ received: number; resolved: number }[]>(
        `SELECT count(*) FILTER (WHERE type = 'dossier.received')::int AS received,
                count(*) FILTER (WHERE type = 'dossier.resolved')::int AS resolved
         FROM dossier_events WHERE at >= $1 AND at < $2`,
        [
          new Date(vietnamMidnight(vietnamDate(yesterday))),
          new Date(vietnamMidnight(addCalendarDays(vietnamDate(yesterday), 1))),
        ],
      );
      expect(byDay.get(vietnamDate(yesterday))).toEqual({ day: vietnamDate(yesterday), ...expected });
      expect(byDay.get(vietnamDate(lastWeek))).toEqual({
        day: vietnamDate(lastWeek),
        received: 1,
        resolved: 0,
      });
      expect(flow.days.reduce((sum, d) => sum + d.received, 0)).toBe(9);
      expect(flow.days.reduce((sum, d) => sum + d.resolved, 0)).toBe(3);
      const unit = dailyFlowSchema.parse((await get(`/api/v1/daily-flow?days=10&unit=${B}`)).body);
      expect(unit.days.reduce((sum, d) => sum + d.received, 0)).toBe(3);
    };
    await check(); // real-time part of the aggregate: nothing materialised yet
    await t.runPolicies();
    await check(); // materialised
    const defaults = dailyFlowSchema.parse((await get('/api/v1/daily-flow')).body);
    expect(defaults.days).toHaveLength(90);
    expect(defaults.days.at(-1)!.day).toBe(today);
  });

  it('refuses days outside 1..400 with a 400 naming days', async () => {
    for (const days of ['0', '401', 'abc', '1.5', '']) {
      const { status, body } = await get(`/api/v1/daily-flow?days=${days}`);
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/days: /);
    }
    expect((await get('/api/v1/daily-flow?days=400')).status).toBe(200);
  });
});
