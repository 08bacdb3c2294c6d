import type { LostPointDossiers, Ranking, ServiceIndexRulesVersion, UnitIndex } from '@ioc/shared';
import { startTestServer, type TestServer } from '../testing/test-server';
import { dossierEvents, FEE_PROCEDURE, perfectDossier, type DossierStory } from '../testing/dossier-history';

const EMPTY = '22933'; // no dossier at all
const ALL_LATE = '22945';
const ONLY_PAUSED = '22954';
const RULE_CHANGE = '22960';
const TET = '24781';
const MOVED = '22981';
const STILL_OPEN = '22963';

/** 5 dossiers received 5–9 October, each due at 17:00 the same day and resolved the next morning. */
const allLate: DossierStory[] = [5, 6, 7, 8, 9].map((d) => ({
  ...perfectDossier(ALL_LATE, `L${d}`, `2026-10-0${d}`),
  due: `2026-10-0${d} 17:00`,
}));

/**
 * 5 dossiers received 5–9 October, due 20 October, each paused for a supplement on the 10th and
 * still waiting: the clock is stopped before the deadline, so none is overdue; none is resolved.
 */
const onlyPaused: DossierStory[] = [5, 6, 7, 8, 9].map((d) => ({
  unit: ONLY_PAUSED,
  code: `P${d}`,
  received: `2026-10-0${d} 08:00`,
  due: '2026-10-20 17:00',
  channel: 'online',
  pausedSince: '2026-10-10 09:00',
}));

/**
 * Tết 2026: days off 14–22 February (weekdays 16–20). A 3-working-day procedure received Thursday
 * 12 February 08:00 has 7 working hours that day, 8 on Friday 13, none until Monday 23 (8), and
 * the last hour on Tuesday 24: due 24 February 08:00, computed by the IOC (no dueAt sent).
 * T1 resolved Monday 23 → early; T2 resolved Wednesday 25 → late. Counted in calendar days T1
 * would have been eleven days "late".
 */
const tet: DossierStory[] = [
  {
    ...perfectDossier(TET, 'T1', '2026-02-12'),
    procedure: FEE_PROCEDURE,
    due: undefined,
    resolved: '2026-02-23 10:00',
  },
  {
    ...perfectDossier(TET, 'T2', '2026-02-12'),
    procedure: FEE_PROCEDURE,
    due: undefined,
    resolved: '2026-02-25 10:00',
  },
];

/** 4 dossiers before 16 October (2 late: due 17:00 the day received, resolved the next day), 4 perfect after. */
const ruleChange: DossierStory[] = [
  ...[5, 6].map((d) => perfectDossier(RULE_CHANGE, `R${d}`, `2026-10-0${d}`)),
  ...[7, 8].map((d) => ({
    ...perfectDossier(RULE_CHANGE, `R${d}`, `2026-10-0${d}`),
    due: `2026-10-0${d} 17:00`,
  })),
  ...[20, 21, 22, 23].map((d) => perfectDossier(RULE_CHANGE, `R${d}`, `2026-10-${d}`)),
];

/**
 * 4 dossiers received 5–6 October, all still open. O1 is within its deadline but was asked for
 * supplements twice (overdue by the national rule); O2 is past its deadline and was also asked
 * twice (overdue once, not twice); O3 is within its deadline; O4 was paused before its deadline
 * and is still waiting (its clock stopped). On time: (4 open − 2 overdue) / 4 = 0.5 → 10 of 20.
 */
const stillOpen: DossierStory[] = [
  {
    code: 'O1',
    received: '2026-10-05 08:00',
    due: '2030-12-30 17:00',
    pauses: ['2026-10-06 09:00', '2026-10-06 10:30'],
  },
  {
    code: 'O2',
    received: '2026-10-05 09:00',
    due: '2026-10-07 17:00',
    pauses: ['2026-10-06 09:00', '2026-10-06 10:30'],
  },
  { code: 'O3', received: '2026-10-06 08:00', due: '2030-12-30 17:00' },
  { code: 'O4', received: '2026-10-06 09:00', due: '2026-10-08 17:00', pausedSince: '2026-10-07 09:00' },
].map((s) => ({ unit: STILL_OPEN, ...s }));

describe('the service index at its edges', () => {
  let t: TestServer;
  const get = async <T>(path: string) => {
    const response = await t.read(path);
    return { status: response.status, body: (await response.json()) as T };
  };
  const unitIndex = async (unit: string, query = 'period=month&date=2026-10') =>
    (await get<UnitIndex>(`/api/v1/units/${unit}/index?${query}`)).body;
  const group = (index: UnitIndex, id: string) => index.score.groups.find((g) => g.id === id)!;

  beforeAll(async () => {
    t = await startTestServer({ IOC_RANKING_MIN_DOSSIERS: '2' });
    const events = [...allLate, ...onlyPaused, ...tet, ...ruleChange, ...stillOpen].flatMap(dossierEvents);
    expect((await t.post(events)).body).toMatchObject({ accepted: events.length, rejected: [] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a unit with no dossiers no score and no rank, and lists it last', async () => {
    const index = await unitIndex(EMPTY);
    expect(index).toMatchObject({
      rank: null,
      lowVolume: false,
      score: { total: null, dossiers: 0, lostPoints: 0 },
    });
    const ranking = (await get<Ranking>('/api/v1/rankings?period=month&date=2026-10')).body;
    const entry = ranking.units.find((u) => u.unitCode === EMPTY)!;
    expect(ranking.units.indexOf(entry)).toBeGreaterThanOrEqual(3); // after the 3 scored units
    expect(entry).toMatchObject({ rank: null, total: null, dossiers: 0 });
  });

  it('scores all-late dossiers 0 on progress and satisfaction, and lists all five', async () => {
    const index = await unitIndex(ALL_LATE);
    // On time 0/5 → 0 of 20; overdue share 1 → satisfaction 0 of 18; everything else full: 62.
    expect([group(index, 'progress').points, group(index, 'satisfaction').points]).toEqual([0, 0]);
    expect(index.score.total).toBe(62);
    const lost = (
      await get<LostPointDossiers>(
        `/api/v1/units/${ALL_LATE}/index/lost-dossiers?period=month&date=2026-10&indicator=on-time`,
      )
    ).body;
    expect(lost.total).toBe(5);
    expect(new Set(lost.items.map((d) => d.reason))).toEqual(new Set(['late']));
  });

  it('counts dossiers paused before their deadline as within it, and loses nothing on results not yet due', async () => {
    const index = await unitIndex(ONLY_PAUSED);
    const indicators = index.score.groups.flatMap((g) => g.indicators);
    // On time: 5 open, none overdue (paused before the deadline) → 20 of 20.
    expect(indicators.find((i) => i.id === 'on-time')).toMatchObject({ rate: 1, points: 20 });
    // Nothing resolved: synced and e-result have nothing to measure → full points, rate null.
    expect(indicators.find((i) => i.id === 'synced')).toMatchObject({ rate: null, points: 12 });
    expect(indicators.find((i) => i.id === 'e-result')).toMatchObject({ rate: null, points: 10 });
    // Not digitised: 0 of 12. Total 100 − 12 = 88.
    expect(indicators.find((i) => i.id === 'digitized')).toMatchObject({ rate: 0, points: 0 });
    expect(index.score.total).toBe(88);
  });

  it('counts an open dossier overdue once, whether past its deadline, asked for supplements twice, or both', async () => {
    const onTime = (await unitIndex(STILL_OPEN)).score.groups
      .flatMap((g) => g.indicators)
      .find((i) => i.id === 'on-time');
    expect(onTime).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5, points: 10 });
    const ranked = (await get<Ranking>('/api/v1/rankings?period=month&date=2026-10')).body.units;
    expect(
      ranked.find((u) => u.unitCode === STILL_OPEN)!.groups.find((g) => g.id === 'progress'),
    ).toMatchObject({
      points: 10,
    });
    const lost = (
      await get<LostPointDossiers>(
        `/api/v1/units/${STILL_OPEN}/index/lost-dossiers?period=month&date=2026-10&indicator=on-time`,
      )
    ).body;
    expect(lost.items.map((d) => [d.dossierCode, d.reason])).toEqual([
      ['O1', 'supplement-more-than-once'],
      ['O2', 'supplement-more-than-once'],
    ]);
  });

  it('judges dossiers across Tết with the working calendar, in a custom period', async () => {
    const index = await unitIndex(TET, 'period=custom&from=2026-02-10&to=2026-02-25');
    expect(index.period).toEqual({
      kind: 'custom',
      label: '2026-02-10..2026-02-25',
      from: '2026-02-10',
      to: '2026-02-25',
    });
    expect(index.score.groups.find((g) => g.id === 'progress')!.indicators[0]).toMatchObject({
      numerator: 1,
      denominator: 2,
      points: 10,
    });
    const lost = (
      await get<LostPointDossiers>(
        `/api/v1/units/${TET}/index/lost-dossiers?period=custom&from=2026-02-10&to=2026-02-25&indicator=on-time`,
      )
    ).body;
    expect(lost.items).toEqual([
      expect.objectContaining({ dossierCode: 'T2', reason: 'late', dueAt: '2026-02-24T01:00:00.000Z' }),
    ]);
    // The week of Tết itself: nobody received anything, nobody is ranked.
    const tetWeek = (await get<Ranking>('/api/v1/rankings?period=week&date=2026-W08')).body;
    expect(tetWeek.period).toMatchObject({ from: '2026-02-16', to: '2026-02-22' });
    expect(tetWeek.units.every((u) => u.rank === null)).toBe(true);
    // The previous period of a custom range is as long and ends the day before.
    const ranking = (await get<Ranking>('/api/v1/rankings?period=custom&from=2026-02-10&to=2026-02-25')).body;
    expect(ranking.previousPeriod).toMatchObject({ from: '2026-01-25', to: '2026-02-09' });
  });

  it('moves a dossier to the day of its real receipt when an earlier receipt arrives late', async () => {
    const unit = MOVED;
    const [late] = dossierEvents({ ...perfectDossier(unit, 'M1', '2026-10-05'), resolved: undefined });
    const earlier = { ...late!, id: `${late!.id}-earlier`, at: '2026-09-28T08:00:00+07:00' };
    expect((await t.post([late!])).body.accepted).toBe(1);
    // Days before today reach the aggregates with the next refresh.
    await t.runPolicies();
    expect((await unitIndex(unit)).score.dossiers).toBe(1);
    expect((await t.post([earlier])).body.accepted).toBe(1);
    await t.runPolicies();
    // The fold takes the earliest receipt: the dossier now belongs to September, once.
    expect((await unitIndex(unit)).score.dossiers).toBe(0);
    expect((await unitIndex(unit, 'period=month&date=2026-09')).score.dossiers).toBe(1);
    const facts = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM dossier_facts WHERE unit_code = $1`,
      [unit],
    );
    expect(facts[0]!.n).toBe(1);
  });

  it('scores each side of a rule change with the rules in force that day, weighted by dossiers', async () => {
    const { body: current } = await get<ServiceIndexRulesVersion[]>('/api/v1/service-index-rules');
    expect(current.map((v) => v.effectiveFrom)).toEqual(['2025-07-01']);
    // A notice that moves 5 points from online payment to progress from 16 October.
    const notice: ServiceIndexRulesVersion = {
      ...current[0]!,
      effectiveFrom: '2026-10-16',
      source: 'test notice',
      groups: current[0]!.groups.map((g) =>
        g.id === 'progress'
          ? { ...g, points: 25, indicators: [{ ...g.indicators[0]!, points: 25 }] }
          : g.id === 'online-payment'
            ? { ...g, points: 5, indicators: [{ ...g.indicators[0]!, points: 5 }] }
            : g,
      ),
    };
    const broken = { ...notice, groups: notice.groups.slice(1) };
    const refused = await t.admin('PUT', '/api/v1/admin/service-index-rules/2026-10-16', broken);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('groups: Too small');
    expect((await t.admin('PUT', '/api/v1/admin/service-index-rules/2026-10-17', notice)).status).toBe(400);
    expect((await t.admin('PUT', '/api/v1/admin/service-index-rules/2026-10-16', notice)).status).toBe(200);

    const index = await unitIndex(RULE_CHANGE);
    // 1–15 Oct, 2025 rules: 4 dossiers, 2 late → progress 2/4 × 20 = 10; satisfaction
    // 1 − 0.5 = 0.5 → 18 × 0.5/0.9 = 10; all else full: 100 − 10 − 8 = 82.
    // 16–31 Oct, the notice: 4 perfect dossiers → 100.
    // Weighted 4:4 → 91; progress 0.5 × 10 + 0.5 × 25 = 17.5 of 0.5 × 20 + 0.5 × 25 = 22.5.
    expect(index.score.total).toBe(91);
    expect(group(index, 'progress')).toMatchObject({ points: 17.5, maxPoints: 22.5 });
    expect(group(index, 'online-payment')).toMatchObject({ points: 7.5, maxPoints: 7.5 });
    expect(index.score.rules).toEqual([
      {
        effectiveFrom: '2025-07-01',
        source: current[0]!.source,
        from: '2026-10-01',
        to: '2026-10-15',
        dossiers: 4,
      },
      {
        effectiveFrom: '2026-10-16',
        source: 'test notice',
        from: '2026-10-16',
        to: '2026-10-31',
        dossiers: 4,
      },
    ]);
    // November is scored with the notice alone; removing it restores the old rules.
    expect((await unitIndex(RULE_CHANGE, 'period=month&date=2026-11')).score.rules).toEqual([
      expect.objectContaining({ effectiveFrom: '2026-10-16', from: '2026-11-01' }),
    ]);
    expect((await t.admin('DELETE', '/api/v1/admin/service-index-rules/2026-10-16')).status).toBe(204);
    expect((await t.admin('DELETE', '/api/v1/admin/service-index-rules/2026-10-16')).status).toBe(404);
    expect((await t.admin('DELETE', '/api/v1/admin/service-index-rules/2025-07-01')).status).toBe(400);
    // One set of rules for the month: 6/8 on time → 15 of 20; satisfaction 0.75 → 15 of 18: 92.
    expect((await unitIndex(RULE_CHANGE)).score.total).toBe(92);
  });
});
