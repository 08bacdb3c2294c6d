import {
  rankingSchema,
  unitIndexSchema,
  type LostPointDossiers,
  type Ranking,
  type UnitIndex,
} from '@ioc/shared';
import { startTestServer, type TestServer } from '../testing/test-server';
import {
  addDay,
  dossierEvents,
  FEE_PROCEDURE,
  perfectDossier,
  type DossierStory,
} from '../testing/dossier-history';

/**
 * A hand-computed month. Rules: the shipped version (db/src/reference/service-index-rules.json):
 * transparency 18 = synced 12 + publication 6 (does not apply to communes: always 6);
 * progress 20 = on time; online services 12; digitisation 22 = digitised 12 (full at 80%) +
 * e-result 10; satisfaction 18 (full at 90%); online payment 10. Minimum volume: 5 dossiers.
 */
const A = '24781';
const B = '22918';
const C = '22924'; // only 3 dossiers: low volume

const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}`;
const resolvedEarly = (d: number) => ({
  received: `${day(d)} 08:00`,
  due: `${day(d + 3)} 17:00`,
  resolved: `${day(d + 1)} 09:00`,
});

/**
 * Unit A, October: 10 counted dossiers (A11 rejected and A12 withdrawn do not count).
 *  - A1–A4 full-process procedure, A1–A3 filed online → online services 3/4 = 0.75 × 12 = 9
 *  - A1–A7 resolved early, A8 resolved late, A9 open within its deadline, A10 open and overdue
 *    → on time (7 + 1) / 10 = 0.8 × 20 = 16
 *  - synced: A1–A7 of the 8 resolved → 7/8 × 12 = 10.5; + publication 6 → transparency 16.5
 *  - digitised A1–A7: 7/10 = 0.7, full at 0.8 → 12 × 0.7 / 0.8 = 10.5
 *  - e-result A1–A6 of 8 resolved → 6/8 × 10 = 7.5; digitisation 18
 *  - ratings 5, 4, 5 and A8's 1 → poor share 1/4; overdue share 2/10;
 *    satisfaction 1 − 0.45 = 0.55, full at 0.9 → 18 × 0.55 / 0.9 = 11
 *  - fee A5–A10 (6), paid online A5–A7 → 3/6 × 10 = 5
 *  Total 16.5 + 16 + 9 + 18 + 11 + 5 = 75.5
 */
const unitA: DossierStory[] = [
  ...[1, 2, 3].map((n) => ({ ...resolvedEarly(4 + n), code: `A${n}`, channel: 'online' as const })),
  { ...resolvedEarly(8), code: 'A4', channel: 'direct' as const },
  ...[5, 6, 7].map((n) => ({
    ...resolvedEarly(4 + n),
    code: `A${n}`,
    procedure: FEE_PROCEDURE,
    feeRequired: true,
    paid: 'online' as const,
  })),
  {
    code: 'A8',
    received: `${day(8)} 08:00`,
    due: `${day(10)} 17:00`,
    resolved: `${day(12)} 09:00`,
    procedure: FEE_PROCEDURE,
    feeRequired: true,
    paid: 'counter' as const,
    rating: 1,
  },
  {
    code: 'A9',
    received: `${day(13)} 08:00`,
    due: '2026-12-31 17:00',
    procedure: FEE_PROCEDURE,
    feeRequired: true,
  },
  {
    code: 'A10',
    received: `${day(14)} 08:00`,
    due: `${day(20)} 17:00`,
    procedure: FEE_PROCEDURE,
    feeRequired: true,
  },
  { code: 'A11', received: `${day(14)} 09:00`, due: `${day(20)} 17:00`, closed: 'rejected' as const },
  { code: 'A12', received: `${day(14)} 10:00`, due: `${day(20)} 17:00`, closed: 'withdrawn' as const },
].map((s, i) => ({
  unit: A,
  ...s,
  digitized: i < 7,
  eResult: i < 6,
  synced: i < 7,
  ...(['A1', 'A2', 'A3'].includes(s.code) ? { rating: [5, 4, 5][i] } : {}),
}));

/**
 * Unit B, October: 10 dossiers, all resolved early.
 *  - B1–B8 full-process, all online → 12
 *  - B10 was asked for a supplement twice: counted as not on time → 9/10 × 20 = 18
 *  - all synced → 12 + 6 = 18; all digitised → 12; e-result 9/10 (not B9) → 9; digitisation 21
 *  - ratings B1–B5, all 5: poor share 0; overdue share 1/10 → 0.9 → full 18
 *  - fee B9, B10; B9 paid online → 1/2 × 10 = 5
 *  Total 18 + 18 + 12 + 21 + 18 + 5 = 92
 */
const unitB: DossierStory[] = Array.from({ length: 10 }, (_, i) => {
  const n = i + 1;
  const fee = n >= 9;
  return {
    unit: B,
    code: `B${n}`,
    ...resolvedEarly(5 + i),
    channel: fee ? ('direct' as const) : ('online' as const),
    ...(fee
      ? {
          procedure: FEE_PROCEDURE,
          feeRequired: true,
          paid: n === 9 ? ('online' as const) : ('counter' as const),
        }
      : {}),
    digitized: true,
    eResult: n !== 9,
    synced: true,
    ...(n <= 5 ? { rating: 5 } : {}),
    ...(n === 10 ? { pauses: [`${day(14)} 14:00`, `${day(14)} 15:30`] } : {}),
  };
});

/** Unit C: 3 perfect dossiers → 100 points, but below the minimum volume of 5. */
const unitC = [1, 2, 3].map((n) => perfectDossier(C, `C${n}`, day(5 + n)));

/**
 * September, for the rank change: A 5 perfect dossiers → 100 (rank 1); B 5 dossiers of which one
 * resolved late → progress 4/5 × 20 = 16, satisfaction 1 − 0.2 = 0.8 → 18 × 0.8/0.9 = 16: 94 (rank 2).
 */
const september = [
  ...[1, 2, 3, 4, 5].map((n) => perfectDossier(A, `SA${n}`, `2026-09-0${n}`)),
  ...[1, 2, 3, 4, 5].map((n) => ({
    ...perfectDossier(B, `SB${n}`, `2026-09-0${n}`),
    ...(n === 5 ? { due: '2026-09-05 17:00', resolved: `${addDay('2026-09-05', 2)} 09:00` } : {}),
  })),
];

describe('the service index, hand-computed', () => {
  let t: TestServer;
  const get = async <T>(path: string) => {
    const response = await t.read(path);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    t = await startTestServer({ IOC_RANKING_MIN_DOSSIERS: '5' });
    const events = [...unitA, ...unitB, ...unitC, ...september].flatMap(dossierEvents);
    const result = await t.post(events);
    expect(result.body).toMatchObject({ accepted: events.length, rejected: [] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('scores unit A group by group as computed by hand', async () => {
    const { status, body } = await get<UnitIndex>(`/api/v1/units/${A}/index?period=month&date=2026-10`);
    expect(status).toBe(200);
    // The shared schema the wall parses this answer with describes all of it.
    expect(unitIndexSchema.parse(body)).toEqual(body);
    expect(body.score.dossiers).toBe(10);
    expect(body.score.groups.map((g) => [g.id, g.points])).toEqual([
      ['transparency', 16.5],
      ['progress', 16],
      ['online-services', 9],
      ['digitisation', 18],
      ['satisfaction', 11],
      ['online-payment', 5],
    ]);
    expect(body.score.total).toBe(75.5);
    expect(body.score.lostPoints).toBe(24.5);
    const indicators = body.score.groups.flatMap((g) => g.indicators);
    expect(indicators.find((i) => i.id === 'on-time')).toMatchObject({
      rate: 0.8,
      numerator: 8,
      denominator: 10,
      lostPoints: 4,
    });
    expect(indicators.find((i) => i.id === 'digitized')).toMatchObject({
      rate: 0.7,
      fullAt: 0.8,
      points: 10.5,
      lostPoints: 1.5,
    });
    expect(indicators.find((i) => i.id === 'publication')).toMatchObject({
      appliesToCommunes: false,
      points: 6,
      lostPoints: 0,
    });
    expect(body).toMatchObject({ rank: 2, rankedUnits: 2, lowVolume: false });
  });

  it('ranks by total, flags the low-volume unit instead of crowning it, and shows the rank change', async () => {
    const { body } = await get<Ranking>('/api/v1/rankings?period=month&date=2026-10');
    expect(rankingSchema.parse(body)).toEqual(body);
    expect(body.period).toEqual({ kind: 'month', label: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    expect(body.previousPeriod.label).toBe('2026-09');
    expect(body.units).toHaveLength(124);
    expect(body.units.slice(0, 3)).toEqual([
      expect.objectContaining({
        unitCode: B,
        rank: 1,
        total: 92,
        dossiers: 10,
        previousRank: 2,
        rankChange: 1,
        lowVolume: false,
      }),
      expect.objectContaining({
        unitCode: A,
        rank: 2,
        total: 75.5,
        dossiers: 10,
        previousRank: 1,
        rankChange: -1,
      }),
      expect.objectContaining({
        unitCode: C,
        rank: null,
        total: 100,
        dossiers: 3,
        lowVolume: true,
        rankChange: null,
      }),
    ]);
    // The 121 units without a dossier are listed last, with nothing to score.
    expect(body.units.slice(3).every((u) => u.total === null && u.rank === null && u.dossiers === 0)).toBe(
      true,
    );
    expect(body.units[0]!.groups.map((g) => g.points)).toEqual([18, 18, 12, 21, 18, 5]);
  });

  it('scores the former provinces and the province from their units pooled', async () => {
    const { body } = await get<Ranking>('/api/v1/rankings?period=month&date=2026-10');
    // Province: 23 dossiers; on time 8 (A) + 9 (B) + 3 (C) = 20 → 20/23 × 20 = 17.39.
    expect(body.province.score.dossiers).toBe(23);
    const onTime = body.province.score.groups.find((g) => g.id === 'progress')!.indicators[0]!;
    expect(onTime).toMatchObject({ numerator: 20, denominator: 23, points: 17.39 });
    // B and C are in former Binh Thuan: 13 dossiers; A (Xuan Huong) in former Lam Dong.
    expect(body.formerProvinces.map((p) => [p.name, p.score.dossiers])).toEqual([
      ['Bình Thuận', 13],
      ['Lâm Đồng', 10],
      ['Đắk Nông', 0],
    ]);
  });

  it('lists the dossiers behind every lost point', async () => {
    const lost = async (unit: string, indicator: string) =>
      (
        await get<LostPointDossiers>(
          `/api/v1/units/${unit}/index/lost-dossiers?period=month&date=2026-10&indicator=${indicator}`,
        )
      ).body;
    const onTime = await lost(A, 'on-time');
    expect(onTime.items.map((d) => [d.dossierCode, d.reason])).toEqual([
      ['A8', 'late'],
      ['A10', 'overdue-open'],
    ]);
    expect(onTime.total).toBe(2); // = denominator − numerator of the indicator
    expect((await lost(A, 'satisfaction')).items.map((d) => [d.dossierCode, d.reason, d.rating])).toEqual([
      // In time order: A8 received 8 Oct, its poor rating given 12 Oct, A10 received 14 Oct.
      ['A8', 'late', undefined],
      ['A8', 'poor-rating', 1],
      ['A10', 'overdue-open', undefined],
    ]);
    expect((await lost(A, 'synced')).items.map((d) => d.dossierCode)).toEqual(['A8']);
    expect((await lost(A, 'digitized')).items.map((d) => d.dossierCode)).toEqual(['A8', 'A9', 'A10']);
    expect((await lost(A, 'e-result')).items.map((d) => d.dossierCode)).toEqual(['A8', 'A7']); // by receipt: 8 and 11 October
    expect((await lost(A, 'paid-online')).items.map((d) => d.dossierCode)).toEqual(['A8', 'A9', 'A10']);
    expect((await lost(A, 'full-process-online')).items.map((d) => [d.dossierCode, d.reason])).toEqual([
      ['A4', 'not-filed-online'],
    ]);
    expect(await lost(A, 'publication')).toMatchObject({ total: 0, items: [] });
    expect((await lost(B, 'on-time')).items.map((d) => [d.dossierCode, d.reason, d.pauseCount])).toEqual([
      ['B10', 'supplement-more-than-once', 2],
    ]);
    const page = (
      await get<LostPointDossiers>(
        `/api/v1/units/${A}/index/lost-dossiers?period=month&date=2026-10&indicator=digitized&limit=1&offset=1`,
      )
    ).body;
    expect(page).toMatchObject({ total: 3, items: [expect.objectContaining({ dossierCode: 'A9' })] });
  });

  it('gives the same figures from the materialised daily and monthly aggregates as from real-time aggregation', async () => {
    // Whole months come from the monthly rollups, partial ones day by day from the daily
    // aggregates: a month, a year, a range of two partial months, and one with September's
    // last days and the whole of October.
    const queries = [
      'period=month&date=2026-10',
      'period=year&date=2026',
      'period=custom&from=2026-09-15&to=2026-10-12',
      'period=custom&from=2026-09-20&to=2026-10-31',
    ];
    const rankings = () =>
      Promise.all(queries.map(async (q) => (await get<Ranking>(`/api/v1/rankings?${q}`)).body));
    const realTime = await rankings();
    expect(realTime[2]!.units.find((u) => u.unitCode === A)!.dossiers).toBe(8); // A1–A8, received 5–12 Oct
    expect(realTime[3]!.units.find((u) => u.unitCode === A)!.dossiers).toBe(10);

    await t.runPolicies();
    const [materialised] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM _timescaledb_catalog.continuous_aggs_watermark w
       JOIN _timescaledb_catalog.continuous_agg c ON c.mat_hypertable_id = w.mat_hypertable_id
       WHERE c.user_view_name = 'unit_monthly_dossier_facts' AND w.watermark > 0`,
    );
    expect(materialised!.n).toBe(1);
    const fromAggregates = await rankings();
    fromAggregates.forEach((ranking, i) => {
      expect(ranking.units).toEqual(realTime[i]!.units);
      expect(ranking.province).toEqual(realTime[i]!.province);
    });
  });

  it('takes a late change to an October dossier into the month at once, and keeps it after the refreshes', async () => {
    const synced = async () => {
      const { body } = await get<UnitIndex>(`/api/v1/units/${A}/index?period=month&date=2026-10`);
      return body.score.groups.flatMap((g) => g.indicators).find((i) => i.id === 'synced')!;
    };
    expect(await synced()).toMatchObject({ numerator: 7, denominator: 8 });
    // A9 (received 13 Oct, still open) is resolved today.
    const resolved = await t.post([
      {
        id: `${A}-A9-resolved`,
        unit: A,
        type: 'dossier.resolved',
        at: new Date().toISOString(),
        dossier: { code: 'A9' },
      },
    ]);
    expect(resolved.body).toMatchObject({ accepted: 1 });
    // October is materialised (the test before ran the policies): the change is read from the
    // dossier facts until the next refresh takes it in.
    expect(await synced()).toMatchObject({ numerator: 7, denominator: 9 });
    await t.runPolicies();
    expect(await synced()).toMatchObject({ numerator: 7, denominator: 9 });
  });

  it('rejects bad queries with a reason, and unknown units and indicators', async () => {
    const bad = await get<{ message: string[] }>('/api/v1/rankings?period=month&date=2026-13');
    expect(bad).toEqual({
      status: 400,
      body: expect.objectContaining({ message: ["date: '2026-13' has no month 13"] }),
    });
    const future = await get<{ message: string }>('/api/v1/rankings?period=year&date=2027');
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/has not started yet/);
    const early = await get<{ message: string }>('/api/v1/rankings?period=month&date=2025-06');
    expect(early.body.message).toBe('period: no service index rules were in force before 2025-07-01');
    expect((await get(`/api/v1/units/99999/index?period=month&date=2026-10`)).status).toBe(404);
    const indicator = await get<{ message: string }>(
      `/api/v1/units/${A}/index/lost-dossiers?period=month&date=2026-10&indicator=speed`,
    );
    expect(indicator.status).toBe(400);
    expect(indicator.body.message).toMatch(/'speed' is not an indicator.*on-time/);
    const missing = await get<{ message: string[] }>(
      `/api/v1/units/${A}/index/lost-dossiers?period=month&date=2026-10`,
    );
    expect(missing.body.message).toEqual(['indicator: is required: the id of an indicator, e.g. on-time']);
  });
});
