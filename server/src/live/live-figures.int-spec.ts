import {
  addCalendarDays,
  addLiveCounts,
  emptyLiveCounts,
  LIVE_COUNT_KEYS,
  liveRates,
  RATED_30D_KEYS,
  RATED_TODAY_KEYS,
  vietnamDate,
  vietnamMidnight,
  type IngestEvent,
  type LiveCounts,
  type LiveEntry,
  type LiveFiguresScope,
} from '@ioc/shared';
import { LiveMetricsService } from './live-metrics.service';
import { LiveStreamService } from './live-stream.service';
import { startTestServer, type TestServer } from '../testing/test-server';

const A = '24781'; // Lâm Đồng
const B = '22918'; // Bình Thuận
const C = '24611'; // Đắk Nông: never sends anything
const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Every live figure, in every kind of scope, against an independent recount from the RAW event
 * log (`dossier_events`, `feedback`) in SQL: the dossier's state is re-derived from its events
 * here, not read from the `dossiers` table the server keeps.
 */
describe('live figures', () => {
  let t: TestServer;
  const now = Date.now();
  const today = vietnamDate(now);
  const dayStart = vietnamMidnight(today);
  const endOfToday = vietnamMidnight(addCalendarDays(today, 1)) - 1_000;
  // Two instants earlier today, whatever the time of day the test runs.
  const t1 = dayStart + Math.floor((now - dayStart) * 0.3);
  const t2 = dayStart + Math.floor((now - dayStart) * 0.6);
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const at = (ms: number) => new Date(ms).toISOString();
  let n = 0;
  const id = () => `figures-${++n}`;

  const received = (
    unit: string,
    code: string,
    receivedAt: string,
    dueAt: string,
    field: string,
    channel: 'online' | 'direct',
  ): IngestEvent => ({
    id: id(),
    unit,
    type: 'dossier.received',
    at: receivedAt,
    dossier: { code, procedure: '1.001193', field, channel, dueAt },
  });
  const step = (unit: string, code: string, type: string, when: string, extra: object = {}): IngestEvent =>
    ({ id: id(), unit, type, at: when, dossier: { code }, ...extra }) as IngestEvent;
  const rating = (unit: string, value: number, when: string, dossier?: string): IngestEvent => ({
    id: id(),
    unit,
    type: 'feedback.submitted',
    at: when,
    rating: value,
    source: 'kiosk',
    ...(dossier ? { dossier: { code: dossier } } : {}),
  });

  const events: IngestEvent[] = [
    // A1 open, due in 2 hours: due within one working day.
    received(A, 'A1', at(t1), ago(-2 * HOUR), 'civil-status', 'online'),
    // A2, A3 in process and overdue; only A3 has an apology letter.
    received(A, 'A2', ago(3 * DAY), ago(DAY), 'land', 'direct'),
    step(A, 'A2', 'dossier.assigned', ago(3 * DAY - HOUR), { department: 'Địa chính' }),
    received(A, 'A3', ago(3 * DAY), ago(DAY), 'land', 'online'),
    step(A, 'A3', 'dossier.assigned', ago(3 * DAY - HOUR), { department: 'Địa chính' }),
    step(A, 'A3', 'dossier.apologized', ago(DAY + HOUR), { newDueAt: ago(-DAY) }),
    // A4 paused before its deadline (clock stopped); A5 paused after it (stays overdue).
    received(A, 'A4', ago(10 * DAY), ago(-40 * DAY), 'civil-status', 'direct'),
    step(A, 'A4', 'dossier.paused', ago(2 * DAY), { reason: 'Thiếu giấy tờ' }),
    received(A, 'A5', ago(10 * DAY), ago(5 * DAY), 'land', 'direct'),
    step(A, 'A5', 'dossier.paused', ago(DAY), { reason: 'Thiếu giấy tờ' }),
    // Resolved today: A6 on time (same day as its deadline), A7 early, A8 late.
    received(A, 'A6', at(t1), at(endOfToday), 'civil-status', 'online'),
    step(A, 'A6', 'dossier.resolved', at(t2)),
    received(A, 'A7', ago(3 * DAY), ago(-3 * DAY), 'land', 'direct'),
    step(A, 'A7', 'dossier.resolved', at(t2)),
    received(A, 'A8', ago(10 * DAY), ago(2 * DAY), 'land', 'online'),
    step(A, 'A8', 'dossier.resolved', at(t2)),
    // A9 resolved late 12 days ago (in the 30-day window); A10 45 days ago (outside).
    received(A, 'A9', ago(20 * DAY), ago(15 * DAY), 'civil-status', 'direct'),
    step(A, 'A9', 'dossier.resolved', ago(12 * DAY)),
    received(A, 'A10', ago(45 * DAY), ago(40 * DAY), 'civil-status', 'direct'),
    step(A, 'A10', 'dossier.resolved', ago(35 * DAY)),
    // A11 rejected: closed, never resolved.
    received(A, 'A11', ago(5 * DAY), ago(-5 * DAY), 'land', 'direct'),
    step(A, 'A11', 'dossier.rejected', ago(4 * DAY), { reason: 'Không đủ điều kiện' }),
    // An event for a dossier nobody received: an anomaly of no known field.
    step(A, 'A-GHOST', 'dossier.assigned', at(t2), { department: 'Tư pháp' }),
    // B1 in process, resumed without a pause (an anomaly); B2 overdue by an hour.
    received(B, 'B1', at(t1), ago(-40 * DAY), 'civil-status', 'online'),
    step(B, 'B1', 'dossier.assigned', at(t1 + 1_000), { department: 'Tư pháp' }),
    step(B, 'B1', 'dossier.resumed', at(t2)),
    received(B, 'B2', ago(2 * DAY), ago(HOUR), 'construction', 'direct'),
    // Ratings: today, in the window, outside it; with and without a dossier.
    rating(A, 5, at(t2), 'A6'),
    rating(A, 1, at(t2)),
    rating(A, 2, ago(10 * DAY), 'A9'),
    rating(A, 4, ago(40 * DAY), 'A10'),
    rating(B, 3, at(t2), 'B1'),
  ];

  beforeAll(async () => {
    t = await startTestServer();
    const result = await t.post(events);
    expect(result.body.rejected).toEqual([]);
    await t.server.app.get(LiveMetricsService).flush();
  });
  afterAll(() => t?.close());

  /** The independent recount, per unit and field ('' for no known field), straight from the raw events. */
  async function recountFromRawEvents(): Promise<Map<string, LiveCounts>> {
    const rows = await t.dataSource.query<Record<string, string | number>[]>(
      `WITH receipts AS (
         SELECT DISTINCT ON (unit_code, dossier_code) unit_code, dossier_code, at AS received_at,
                event->'dossier'->>'field' AS field, event->'dossier'->>'channel' AS channel,
                (event->'dossier'->>'dueAt')::timestamptz AS due_at
         FROM dossier_events WHERE type = 'dossier.received' ORDER BY unit_code, dossier_code, at
       ),
       history AS (
         SELECT unit_code, dossier_code,
                min(at) FILTER (WHERE type = 'dossier.resolved') AS resolved_at,
                bool_or(type IN ('dossier.resolved', 'dossier.returned', 'dossier.rejected', 'dossier.withdrawn')) AS closed,
                max(at) FILTER (WHERE type = 'dossier.paused') AS paused_at,
                bool_or(type = 'dossier.assigned') AS assigned,
                bool_or(type = 'dossier.apologized') AS apologized
         FROM dossier_events GROUP BY 1, 2
       ),
       d AS (
         SELECT r.*, h.resolved_at, h.closed, h.paused_at, h.assigned, h.apologized,
                NOT h.closed AND r.due_at <= $1 AND (h.paused_at IS NULL OR r.due_at <= h.paused_at) AS overdue,
                CASE WHEN h.resolved_at > r.due_at THEN 'late'
                     WHEN (h.resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                        < (r.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'early'
                     ELSE 'on_time' END AS outcome
         FROM receipts r JOIN history h USING (unit_code, dossier_code)
       ),
       dossier_counts AS (
         SELECT unit_code, field,
           count(*) FILTER (WHERE NOT closed) AS backlog,
           count(*) FILTER (WHERE NOT closed AND paused_at IS NULL AND assigned) AS in_process,
           count(*) FILTER (WHERE NOT closed AND paused_at IS NOT NULL) AS paused,
           count(*) FILTER (WHERE overdue) AS overdue,
           count(*) FILTER (WHERE NOT closed AND NOT overdue AND paused_at IS NULL AND due_at <= $4) AS due_soon,
           count(*) FILTER (WHERE overdue AND NOT apologized) AS late_without_apology,
           count(*) FILTER (WHERE received_at >= $2) AS received_today,
           count(*) FILTER (WHERE received_at >= $2 AND channel = 'online') AS received_online_today,
           count(*) FILTER (WHERE resolved_at >= $2 AND outcome = 'early') AS early_today,
           count(*) FILTER (WHERE resolved_at >= $2 AND outcome = 'on_time') AS on_time_today,
           count(*) FILTER (WHERE resolved_at >= $2 AND outcome = 'late') AS late_today,
           count(*) FILTER (WHERE received_at >= $3) AS received_30d,
           count(*) FILTER (WHERE received_at >= $3 AND channel = 'online') AS received_online_30d,
           count(*) FILTER (WHERE resolved_at >= $3) AS resolved_30d,
           count(*) FILTER (WHERE resolved_at >= $3 AND outcome <> 'late') AS in_time_30d
         FROM d GROUP BY 1, 2
       ),
       rating_counts AS (
         SELECT f.unit_code, coalesce(r.field, '') AS field,
           count(*) FILTER (WHERE f.at >= $2) AS ratings_today,
           coalesce(sum(f.rating) FILTER (WHERE f.at >= $2), 0) AS rating_sum_today,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating <= 2) AS low_today,
           count(*) FILTER (WHERE f.at >= $3) AS ratings_30d,
           coalesce(sum(f.rating) FILTER (WHERE f.at >= $3), 0) AS rating_sum_30d,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating <= 2) AS low_30d,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating = 1) AS one_today,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating = 2) AS two_today,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating = 3) AS three_today,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating = 4) AS four_today,
           count(*) FILTER (WHERE f.at >= $2 AND f.rating = 5) AS five_today,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating = 1) AS one_30d,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating = 2) AS two_30d,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating = 3) AS three_30d,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating = 4) AS four_30d,
           count(*) FILTER (WHERE f.at >= $3 AND f.rating = 5) AS five_30d
         FROM feedback f LEFT JOIN receipts r ON r.unit_code = f.unit_code AND r.dossier_code = f.dossier_code
         GROUP BY 1, 2
       ),
       anomaly_counts AS (
         -- The kinds this dataset contains: events of a dossier never received (flagged once), and
         -- a resume with no pause before it.
         SELECT e.unit_code, coalesce(r.field, '') AS field, count(*) AS anomalies
         FROM dossier_events e LEFT JOIN receipts r USING (unit_code, dossier_code)
         WHERE e.at >= $2 AND (
           (r.dossier_code IS NULL AND e.at = (SELECT min(at) FROM dossier_events x
                                               WHERE x.unit_code = e.unit_code AND x.dossier_code = e.dossier_code))
           OR (e.type = 'dossier.resumed' AND NOT EXISTS (
                SELECT 1 FROM dossier_events p WHERE p.unit_code = e.unit_code AND p.dossier_code = e.dossier_code
                  AND p.type = 'dossier.paused' AND p.at < e.at)))
         GROUP BY 1, 2
       )
       SELECT 'd' AS source, *, 0 FROM dossier_counts
       UNION ALL SELECT 'r', unit_code, field, ratings_today, rating_sum_today, low_today, ratings_30d, rating_sum_30d, low_30d,
              one_today, two_today, three_today, four_today, five_today, one_30d, two_30d, three_30d, four_30d, five_30d
       FROM rating_counts
       UNION ALL SELECT 'a', unit_code, field, anomalies, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM anomaly_counts`,
      [
        new Date(now),
        new Date(dayStart),
        new Date(vietnamMidnight(addCalendarDays(today, -29))),
        new Date(now + 8 * HOUR),
      ],
    );
    const cells = new Map<string, LiveCounts>();
    for (const row of rows) {
      const key = `${row.unit_code}/${row.field ?? ''}`;
      const counts = cells.get(key) ?? emptyLiveCounts();
      const v = Object.values(row).slice(3).map(Number);
      if (row.source === 'd') {
        addLiveCounts(counts, {
          ...emptyLiveCounts(),
          backlog: v[0]!,
          inProcess: v[1]!,
          paused: v[2]!,
          overdue: v[3]!,
          dueWithinOneWorkingDay: v[4]!,
          lateWithoutApology: v[5]!,
          receivedToday: v[6]!,
          receivedOnlineToday: v[7]!,
          resolvedEarlyToday: v[8]!,
          resolvedOnTimeToday: v[9]!,
          resolvedLateToday: v[10]!,
          received30d: v[11]!,
          receivedOnline30d: v[12]!,
          resolved30d: v[13]!,
          resolvedInTime30d: v[14]!,
        });
      } else if (row.source === 'r') {
        addLiveCounts(counts, {
          ...emptyLiveCounts(),
          ratingsToday: v[0]!,
          ratingSumToday: v[1]!,
          lowRatingsToday: v[2]!,
          ratings30d: v[3]!,
          ratingSum30d: v[4]!,
          lowRatings30d: v[5]!,
          ...Object.fromEntries([...RATED_TODAY_KEYS, ...RATED_30D_KEYS].map((key, i) => [key, v[6 + i]!])),
        });
      } else {
        addLiveCounts(counts, { ...emptyLiveCounts(), anomaliesToday: v[0]! });
      }
      cells.set(key, counts);
    }
    return cells;
  }

  /** Sums the recounted cells matching a unit and/or field. */
  function expected(cells: Map<string, LiveCounts>, unit: string | null, field: string | null): LiveCounts {
    const sum = emptyLiveCounts();
    for (const [key, counts] of cells) {
      const [u, f] = key.split('/');
      if ((unit === null || u === unit) && (field === null || f === field)) addLiveCounts(sum, counts);
    }
    return sum;
  }

  async function entriesOf(scope: LiveFiguresScope): Promise<Map<string, LiveEntry>> {
    const snapshot = await t.server.app.get(LiveStreamService).snapshot(scope);
    return new Map(snapshot.entries.map((entry) => [entry.key, entry]));
  }

  function expectFigures(entry: LiveEntry | undefined, counts: LiveCounts): void {
    expect(entry).toBeDefined();
    const shown = Object.fromEntries(LIVE_COUNT_KEYS.map((key) => [key, entry!.figures[key]]));
    expect({ key: entry!.key, ...shown }).toEqual({ key: entry!.key, ...counts });
    expect(entry!.figures).toMatchObject(liveRates(counts));
  }

  it('the recount itself matches the dataset as a person reads it', async () => {
    const a = expected(await recountFromRawEvents(), A, null);
    expect(a).toMatchObject({
      backlog: 5, // A1–A5
      inProcess: 2, // A2, A3
      paused: 2, // A4, A5
      overdue: 3, // A2, A3, A5
      dueWithinOneWorkingDay: 1, // A1
      lateWithoutApology: 2, // A2, A5
      receivedToday: 2, // A1, A6
      resolvedEarlyToday: 1,
      resolvedOnTimeToday: 1,
      resolvedLateToday: 1,
      resolved30d: 4, // A6, A7, A8, A9
      resolvedInTime30d: 2,
      ratingsToday: 2,
      lowRatingsToday: 1,
      ratings30d: 3,
      anomaliesToday: 1,
    });
    // Ratings by level: 5 (A6) and 1 today, 2 ten days ago; 4 of forty days ago is outside.
    const levels = (counts: LiveCounts) => ({
      today: RATED_TODAY_KEYS.map((key) => counts[key]),
      days30: RATED_30D_KEYS.map((key) => counts[key]),
    });
    expect(levels(a)).toEqual({ today: [1, 0, 0, 0, 1], days30: [1, 1, 0, 0, 1] });
    expect(levels(expected(await recountFromRawEvents(), B, null))).toEqual({
      today: [0, 0, 1, 0, 0],
      days30: [0, 0, 1, 0, 0],
    });
  });

  it('ratings by level add up to the ratings of the day and of 30 days, in every entry', async () => {
    for (const scope of ['province', `unit:${A}`, `unit:${B}`, 'field:civil-status'] as const) {
      for (const { key, figures } of (await entriesOf(scope)).values()) {
        const sum = (keys: readonly (keyof LiveCounts)[]) => keys.reduce((total, k) => total + figures[k], 0);
        expect({ key, today: sum(RATED_TODAY_KEYS), days30: sum(RATED_30D_KEYS) }).toEqual({
          key,
          today: figures.ratingsToday,
          days30: figures.ratings30d,
        });
      }
    }
    expect((await entriesOf('province')).get('province:province')!.figures).toMatchObject({
      ratedOneToday: 1,
      ratedThreeToday: 1,
      ratedFiveToday: 1,
      ratedTwo30d: 1,
      ratings30d: 4,
    });
  });

  it('per unit, with its fields, equal the recount from the raw events', async () => {
    const cells = await recountFromRawEvents();
    for (const unit of [A, B, C]) {
      const entries = await entriesOf(`unit:${unit}`);
      expectFigures(entries.get(`unit:${unit}`), expected(cells, unit, null));
      for (const field of ['civil-status', 'land', 'construction']) {
        const counts = expected(cells, unit, field);
        if (LIVE_COUNT_KEYS.some((key) => counts[key] !== 0))
          expectFigures(entries.get(`field:${field}`), counts);
      }
    }
  });

  it('per field across the province, with its units, equal the recount', async () => {
    const cells = await recountFromRawEvents();
    for (const field of ['civil-status', 'land', 'construction']) {
      const entries = await entriesOf(`field:${field}`);
      expectFigures(entries.get(`field:${field}`), expected(cells, null, field));
      for (const unit of [A, B]) {
        const counts = expected(cells, unit, field);
        if (LIVE_COUNT_KEYS.some((key) => counts[key] !== 0))
          expectFigures(entries.get(`unit:${unit}`), counts);
        else expect(entries.has(`unit:${unit}`)).toBe(false);
      }
    }
  });

  it('per former province and for the province equal the recount, with freshness', async () => {
    const cells = await recountFromRawEvents();
    const entries = await entriesOf('province');
    expectFigures(entries.get('province:province'), expected(cells, null, null));
    expectFigures(entries.get('former-province:Lâm Đồng'), expected(cells, A, null));
    expectFigures(entries.get('former-province:Bình Thuận'), expected(cells, B, null));
    expectFigures(entries.get('former-province:Đắk Nông'), emptyLiveCounts());
    const [freshness] = await t.dataSource.query<{ last: Date }[]>(
      `SELECT max(at) AS last FROM (SELECT at FROM dossier_events UNION ALL SELECT at FROM feedback) e`,
    );
    expect(entries.get('province:province')!.figures).toMatchObject({
      units: 124,
      unitsWithoutData: 122,
      lastEventAt: freshness!.last.toISOString(),
    });
    expect(entries.get(`unit:${C}`)!.figures).toMatchObject({
      units: 1,
      unitsWithoutData: 1,
      lastEventAt: null,
    });
  });
});
