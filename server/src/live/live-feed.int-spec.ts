import { WALL_FEED_LENGTH, type IngestEvent } from '@ioc/shared';
import { ReferenceService } from '../reference/reference.service';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { LiveFeedService } from './live-feed.service';

const A = '24781';
const B = '22918';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The wall's live lists against a dataset whose every row is in or out for a stated reason. */
describe(`the wall's live lists, scope feed (${TEST_ENGINE})`, () => {
  let t: TestServer;
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  let n = 0;
  const id = () => `feed-${++n}`;
  const received = (unit: string, code: string, receivedAgo: number, dueAgo: number): IngestEvent => ({
    id: id(),
    unit,
    type: 'dossier.received',
    at: ago(receivedAgo),
    dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'online', dueAt: ago(dueAgo) },
  });
  const step = (unit: string, code: string, type: string, whenAgo: number, extra: object = {}): IngestEvent =>
    ({ id: id(), unit, type, at: ago(whenAgo), dossier: { code }, ...extra }) as IngestEvent;
  const rating = (unit: string, value: number, whenAgo: number, extra: object = {}): IngestEvent => ({
    id: id(),
    unit,
    type: 'feedback.submitted',
    at: ago(whenAgo),
    rating: value,
    source: 'kiosk',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestServer();
    const events: IngestEvent[] = [
      // Turned overdue: due 2 h ago (A-LATE1), and two due at the very same instant 3 h ago in two units.
      received(A, 'A-LATE1', 3 * DAY, 2 * HOUR),
      received(A, 'A-TIE', 3 * DAY, 3 * HOUR),
      received(B, 'B-TIE', 3 * DAY, 3 * HOUR),
      // Paused after its deadline: stays overdue, so it is listed.
      received(B, 'B-PAUSED-AFTER', 3 * DAY, 5 * HOUR),
      step(B, 'B-PAUSED-AFTER', 'dossier.paused', 4 * HOUR, { reason: 'Thiếu giấy tờ' }),
      // Not listed: due 25 h ago (out of the 24 hours), due in 2 h, paused before its deadline, resolved.
      received(A, 'A-OLD', 5 * DAY, 25 * HOUR),
      received(A, 'A-SOON', DAY, -2 * HOUR),
      received(A, 'A-PAUSED-BEFORE', 3 * DAY, HOUR),
      step(A, 'A-PAUSED-BEFORE', 'dossier.paused', 2 * HOUR, { reason: 'Thiếu giấy tờ' }),
      // Resolved late an hour ago (listed), 30 h ago (too old), and on time (not late).
      received(A, 'A-RESOLVED-LATE', 5 * DAY, DAY),
      step(A, 'A-RESOLVED-LATE', 'dossier.resolved', HOUR),
      received(B, 'B-RESOLVED-LATE-OLD', 5 * DAY, 2 * DAY),
      step(B, 'B-RESOLVED-LATE-OLD', 'dossier.resolved', 30 * HOUR),
      received(B, 'B-RESOLVED-ON-TIME', 2 * DAY, -5 * DAY),
      step(B, 'B-RESOLVED-ON-TIME', 'dossier.resolved', HOUR),
      // Ratings: a 1 with a comment naming a dossier, a 2, a 3 (not low), a 1 of 31 days ago (too old).
      rating(A, 1, 10 * MINUTE, { comment: 'Chờ quá lâu', dossier: { code: 'A-RESOLVED-LATE' } }),
      rating(B, 2, 20 * MINUTE, { source: 'zalo' }),
      rating(A, 3, 5 * MINUTE),
      rating(A, 1, 31 * DAY),
    ];
    const result = await t.post(events);
    expect(result.body.rejected).toEqual([]);
  });
  afterAll(() => t?.close());

  it('lists the ratings of 1–2 of the last 30 days, newest first, with comment, source and dossier', async () => {
    const feed = await t.server.app.get(LiveFeedService).feed(now);
    expect(feed.lowRatings).toEqual([
      {
        id: expect.any(String),
        unitCode: A,
        rating: 1,
        comment: 'Chờ quá lâu',
        at: ago(10 * MINUTE),
        dossierCode: 'A-RESOLVED-LATE',
        source: 'kiosk',
      },
      {
        id: expect.any(String),
        unitCode: B,
        rating: 2,
        comment: null,
        at: ago(20 * MINUTE),
        dossierCode: null,
        source: 'zalo',
      },
    ]);
  });

  it('lists the open dossiers whose deadline passed in the last 24 hours, latest deadline first, named from the catalogue', async () => {
    const feed = await t.server.app.get(LiveFeedService).feed(now);
    // Ties on the deadline are ordered by unit (then code), the same way at every recount.
    expect(feed.turnedOverdue.map((d) => d.dossierCode)).toEqual([
      'A-LATE1',
      'A-TIE',
      'B-TIE',
      'B-PAUSED-AFTER',
    ]);
    expect(feed.turnedOverdue[0]).toEqual({
      unitCode: A,
      dossierCode: 'A-LATE1',
      procedureCode: '1.001193',
      procedureName: t.server.app.get(ReferenceService).procedure('1.001193')!.name,
      field: 'civil-status',
      receivedAt: ago(3 * DAY),
      dueAt: ago(2 * HOUR),
      resolvedAt: null,
    });
  });

  it('lists the dossiers resolved late in the last 24 hours, with when', async () => {
    const feed = await t.server.app.get(LiveFeedService).feed(now);
    expect(feed.resolvedLate).toEqual([
      expect.objectContaining({ dossierCode: 'A-RESOLVED-LATE', dueAt: ago(DAY), resolvedAt: ago(HOUR) }),
    ]);
  });

  it(`keeps each list to the newest ${WALL_FEED_LENGTH}`, async () => {
    const more: IngestEvent[] = [];
    for (let i = 0; i < WALL_FEED_LENGTH + 5; i++) {
      more.push(received(B, `B-MANY-${String(i).padStart(2, '0')}`, 2 * DAY, 6 * HOUR + i * MINUTE));
      more.push(rating(B, 1, 30 * MINUTE + i * MINUTE));
    }
    expect((await t.post(more)).body.rejected).toEqual([]);
    const feed = await t.server.app.get(LiveFeedService).feed(now);
    expect(feed.lowRatings).toHaveLength(WALL_FEED_LENGTH);
    expect(feed.lowRatings.slice(0, 2).map((r) => r.unitCode)).toEqual([A, B]);
    expect(feed.turnedOverdue).toHaveLength(WALL_FEED_LENGTH);
    expect(feed.turnedOverdue.slice(0, 4).map((d) => d.dossierCode)).toEqual([
      'A-LATE1',
      'A-TIE',
      'B-TIE',
      'B-PAUSED-AFTER',
    ]);
    expect(feed.turnedOverdue.at(-1)!.dossierCode).toBe('B-MANY-15');
  });
});
