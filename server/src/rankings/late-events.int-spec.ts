import { EMPTY_COUNTS, type Ranking, type ServiceIndexCounts, type UnitIndex } from '@ioc/shared';
import { addDay, dossierEvents, type DossierStory } from '../testing/dossier-history';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * Events that arrive late — a commune's software catching up after an outage — count in the
 * service index at once and keep counting after every refresh policy has run and after a
 * restart, whatever their age: the figures never depend on when a refresh ran. Each is checked
 * against a recount of the stories the events tell.
 */
const A = '24781';
const B = '22918';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Every unit ranked; the test reads ~80 figures in a few seconds, past the per-client read limit.
const ENV = { IOC_RANKING_MIN_DOSSIERS: '1', IOC_READ_RATE_LIMIT: '1000' };
const AGES = { '1 hour': HOUR, '10 days': 10 * DAY, '40 days': 40 * DAY, '400 days': 400 * DAY };

/** Vietnam local time `YYYY-MM-DD HH:mm` of an instant, to the minute. */
const local = (ms: number) =>
  new Date(Math.floor(ms / 60_000) * 60_000 + 7 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
const dayOf = (localTime: string) => localTime.slice(0, 10);
const plusMinutes = (localTime: string, minutes: number) =>
  local(Date.parse(`${localTime.replace(' ', 'T')}:00+07:00`) + minutes * 60_000);

interface Scenario {
  /** Every story, whole: what the recount counts. */
  stories: DossierStory[];
  /** The events the units sent on time (then materialised), and the ones that arrive late. */
  onTime: ReturnType<typeof dossierEvents>;
  late: ReturnType<typeof dossierEvents>;
  /** Days on which late events fall, Vietnam dates. */
  lateDays: string[];
}

/**
 * For each age and unit, at the instant `T` that many hours or days ago:
 *  - a dossier received two days before `T` and resolved the day before, sent on time;
 *  - a dossier received two days before `T`, its receipt sent on time and its resolution at `T`
 *    and rating (1 or 2 stars) sent late;
 *  - a dossier received the day before `T`, resolved at `T` and rated, all of it sent late;
 *  - a dossier received at `T`, sent late and still open: overdue now unless `T` is an hour ago.
 */
function scenario(now: number): Scenario {
  const stories: DossierStory[] = [];
  const onTime: Scenario['onTime'] = [];
  const late: Scenario['late'] = [];
  const lateDays = new Set<string>();
  for (const [age, ms] of Object.entries(AGES)) {
    const t = local(now - ms);
    const dayBefore = (days: number) => `${addDay(dayOf(t), -days)} ${t.slice(11)}`;
    for (const [unit, stars] of [
      [A, 1],
      [B, 2],
    ] as const) {
      const tag = `${unit}-${age.replace(' ', '')}`;
      const due = `${addDay(dayOf(t), 5)} 17:00`;
      const sentOnTime: DossierStory = {
        unit,
        code: `${tag}-on-time`,
        received: dayBefore(2),
        due,
        channel: 'online',
        digitized: true,
        resolved: dayBefore(1),
        eResult: true,
        synced: true,
        rating: 5,
      };
      const resolvedLate: DossierStory = {
        unit,
        code: `${tag}-resolved-late`,
        received: dayBefore(2),
        due,
        resolved: t,
        synced: unit === A,
        rating: stars,
      };
      const sentLate: DossierStory = {
        unit,
        code: `${tag}-sent-late`,
        received: dayBefore(1),
        due,
        digitized: true,
        resolved: t,
        eResult: true,
        rating: 4,
      };
      const openLate: DossierStory = { unit, code: `${tag}-open`, received: t, due, channel: 'online' };
      stories.push(sentOnTime, resolvedLate, sentLate, openLate);
      onTime.push(...dossierEvents(sentOnTime));
      const [receipt, ...rest] = dossierEvents(resolvedLate);
      onTime.push(receipt!);
      late.push(...rest, ...dossierEvents(sentLate), ...dossierEvents(openLate));
      for (const at of [t, dayBefore(1), plusMinutes(t, 40)]) lateDays.add(dayOf(at));
    }
  }
  return { stories, onTime, late, lateDays: [...lateDays].sort() };
}

/** The index's counts of `unit`'s stories over `[from, to]` (Vietnam dates), judged at `now`. */
function recount(stories: DossierStory[], unit: string, from: string, to: string, now: number) {
  const counts: ServiceIndexCounts = { ...EMPTY_COUNTS };
  const within = (localTime: string) => dayOf(localTime) >= from && dayOf(localTime) <= to;
  const instant = (localTime: string) => Date.parse(`${localTime.replace(' ', 'T')}:00+07:00`);
  for (const s of stories.filter((story) => story.unit === unit)) {
    // The ratings count by the day they were given (40 minutes after the resolution, dossierEvents).
    if (s.rating !== undefined && s.resolved && within(plusMinutes(s.resolved, 40))) {
      counts.ratings += 1;
      counts.ratingSum += s.rating;
      if (s.rating <= 2) counts.poorRatings += 1;
    }
    if (!within(s.received)) continue;
    counts.received += 1;
    counts.fullProcess += 1; // every story is of the full-process procedure (dossierEvents' default)
    if (s.channel === 'online') counts.fullProcessOnline += 1;
    if (s.digitized) counts.digitized += 1;
    if (s.resolved) {
      counts.resolved += 1;
      if (instant(s.resolved) <= instant(s.due!)) counts.resolvedInTime += 1;
      if (s.synced) counts.synced += 1;
      if (s.eResult) counts.eResult += 1;
    } else {
      counts.open += 1;
      if (instant(s.due!) < now) counts.openOverdue += 1;
    }
  }
  return counts;
}

describe('late events in the service index, on both engines', () => {
  let database: TestDatabase;
  let t: TestServer;
  let now: number;
  let story: Scenario;
  const get = async <T>(path: string) => {
    const response = await t.read(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  /** The periods the late days fall in: their months, years, and a week up to each. */
  const periods = () => {
    const today = dayOf(local(now));
    const queries = new Map<string, { from: string; to: string }>();
    for (const day of story.lateDays) {
      const month = day.slice(0, 7);
      const monthEnd = addDay(`${addDay(`${month}-28`, 4).slice(0, 7)}-01`, -1);
      queries.set(`period=month&date=${month}`, { from: `${month}-01`, to: monthEnd });
      queries.set(`period=year&date=${day.slice(0, 4)}`, {
        from: `${day.slice(0, 4)}-01-01`,
        to: `${day.slice(0, 4)}-12-31`,
      });
      const to = day < today ? addDay(day, 1) : day;
      queries.set(`period=custom&from=${addDay(to, -6)}&to=${to}`, { from: addDay(to, -6), to });
    }
    return [...queries];
  };

  /** Every figure the test compares: the rankings and both units' index, per period. */
  const figures = async () => {
    const all: { query: string; ranking: Omit<Ranking, 'evaluatedAt'>; units: UnitIndex['score'][] }[] = [];
    for (const [query] of periods()) {
      const { evaluatedAt: _at, ...ranking } = await get<Ranking>(`/api/v1/rankings?${query}`);
      const units = await Promise.all(
        [A, B].map(async (unit) => (await get<UnitIndex>(`/api/v1/units/${unit}/index?${query}`)).score),
      );
      all.push({ query, ranking, units });
    }
    return all;
  };

  const expectRecounted = (measured: Awaited<ReturnType<typeof figures>>) => {
    const byQuery = new Map(periods());
    for (const { query, ranking, units } of measured) {
      const { from, to } = byQuery.get(query)!;
      const expected = [A, B].map((unit) => recount(story.stories, unit, from, to, now));
      expect({ query, counts: units.map((score) => score.counts) }).toEqual({ query, counts: expected });
      const province = { ...EMPTY_COUNTS };
      for (const key of Object.keys(province) as (keyof ServiceIndexCounts)[]) {
        province[key] = expected[0]![key] + expected[1]![key];
      }
      expect({ query, province: ranking.province.score.counts }).toEqual({ query, province });
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestServer(ENV, { database });
    now = Date.now();
    story = scenario(now);
    expect((await t.post(story.onTime)).body).toMatchObject({ accepted: story.onTime.length, rejected: [] });
    // Everything sent on time is materialised: the late events land below every watermark.
    await t.runPolicies();
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('counts late receipts, resolutions and ratings at once, after every policy has run, and after a restart', async () => {
    expect((await t.post(story.late)).body).toMatchObject({ accepted: story.late.length, rejected: [] });
    const before = await figures();
    expectRecounted(before);
    await t.runPolicies();
    const after = await figures();
    expect(after).toEqual(before);

    await t.close();
    t = await startTestServer(ENV, { database });
    const restarted = await figures();
    expect(restarted).toEqual(before);
    await t.runPolicies();
    expect(await figures()).toEqual(before);
  });
});
