import ExcelJS from 'exceljs';
import {
  canonicalJson,
  formatAverage,
  formatInteger,
  formatPoints,
  formatPointsChange,
  formatRankChange,
  formatShare,
  formatWorkingTime,
  liveReportSchema,
  NO_FIGURE,
  reportSnapshotSchema,
  snapshotListSchema,
  workingTimeHours,
  type LiveReport,
  type PeriodFigures,
  type Ranking,
  type ReportRow,
  type ReportSnapshot,
  type ServiceIndexRulesVersion,
} from '@ioc/shared';
import { createHash } from 'node:crypto';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { dossierEvents, perfectDossier, type DossierStory } from '../testing/dossier-history';
import { pdfLines } from '../testing/pdf-lines';

/*
 * Issue 15, the meeting report, hand-computed. October 2026 against September 2026 (the previous
 * month) and October 2025 (no data). From 1 October a rules version scores digitisation linearly
 * (full points at 100 % instead of 80 %): October is scored with it, September with the 2025
 * rules. Minimum volume 5. Office hours 07:00–11:30, 13:30–17:00 (8 h a working day).
 */
const A = '24781'; // Phường Xuân Hương - Đà Lạt (Lâm Đồng)
const B = '22918'; // Phường Mũi Né (Bình Thuận): field `land`
const C = '22924'; // Phường Phú Thủy: 3 dossiers in October, low volume
const D = '25000'; // Xã Di Linh: 2 dossiers in September, none in October
const oct = (day: number, time = '08:00') => `2026-10-${String(day).padStart(2, '0')} ${time}`;

/**
 * Unit A, October (A7 rejected: not counted). All of the full-process procedure, no fee.
 *   A1 online, digitised, 5 Oct 08:00 → 10:00 (2 h), e-result, synced, rated 5
 *   A2 online, digitised, 5 Oct 08:00 → 6 Oct 08:00 (7 h + 1 h = 8 h), e-result, synced, rated 4
 *   A3 direct, 5 Oct 08:00 → 7 Oct 08:00 (7 + 8 + 1 = 16 h), no e-result, synced, rated 1
 *   A4 direct, digitised, 6 Oct 08:00, due 7 Oct 17:00, resolved late 9 Oct 08:00 (7 + 8 + 8 + 1 = 24 h)
 *   A5 direct, 7 Oct, due 9 Oct 17:00, still open: overdue at the end of October and now
 *   A6 online, digitised, 20 Oct, due 15 Jan 2027: open within its deadline
 * received 6, resolved 4, on time (3 + 2 − 1) / 6 = 66.67 %, online 3/6, median of 2, 8, 16, 24 h
 * (the 2nd) = 8 h = 1 day, ratings 5, 4, 1: average 3.33, 1–2 share 33.3 %.
 * Index (October rules): synced 4/4 → 12 + publication 6 = 18; on time 4/6 × 20 = 13.33;
 * online 3/6 × 12 = 6; digitised 4/6 × 12 = 8 (the 2025 rules would give 10) + e-result 3/4 × 10
 * = 7.5 → 15.5; satisfaction 1 − (2/6 + 1/3) = 1/3, full at 0.9 → 18 × 0.3333/0.9 = 6.67;
 * no fee → 10. Total 69.5.
 */
const due = (day: number) => oct(day, '17:00');
const unitA: DossierStory[] = (
  [
    {
      code: 'A1',
      received: oct(5),
      due: due(9),
      resolved: oct(5, '10:00'),
      channel: 'online',
      digitized: true,
      eResult: true,
      synced: true,
      rating: 5,
    },
    {
      code: 'A2',
      received: oct(5),
      due: due(9),
      resolved: oct(6),
      channel: 'online',
      digitized: true,
      eResult: true,
      synced: true,
      rating: 4,
    },
    {
      code: 'A3',
      received: oct(5),
      due: due(9),
      resolved: oct(7),
      channel: 'direct',
      eResult: false,
      synced: true,
      rating: 1,
    },
    {
      code: 'A4',
      received: oct(6),
      due: due(7),
      resolved: oct(9),
      channel: 'direct',
      digitized: true,
      eResult: true,
      synced: true,
    },
    { code: 'A5', received: oct(7), due: due(9), channel: 'direct' },
    { code: 'A6', received: oct(20), due: '2027-01-15 17:00', channel: 'online', digitized: true },
    { code: 'A7', received: oct(21), due: due(28), closed: 'rejected' },
  ] as Omit<DossierStory, 'unit'>[]
).map((s) => ({ ...s, unit: A }));

/** B, October: 6 perfect dossiers in the field `land` (5, 6, 7, 8, 9 and 12 Oct) → 100, ranked first. */
const unitB = [5, 6, 7, 8, 9, 12].map((day, i) => ({
  ...perfectDossier(B, `B${i + 1}`, oct(day).slice(0, 10)),
  field: 'land',
}));
/** C, October: 3 perfect dossiers → 100 but low volume: not ranked. */
const unitC = [5, 6, 7].map((day, i) => perfectDossier(C, `C${i + 1}`, oct(day).slice(0, 10)));
/**
 * September, 2025 rules: A 5 perfect dossiers (7–11 Sep) → 100, rank 1; B 5, of which one resolved
 * late → progress 4/5 × 20 = 16, satisfaction 1 − 0.2 = 0.8 → 16: 94, rank 2; D 2 perfect (low volume).
 */
const september: DossierStory[] = [
  ...[7, 8, 9, 10, 11].map((day) => perfectDossier(A, `SA${day}`, `2026-09-${String(day).padStart(2, '0')}`)),
  ...[7, 8, 9, 10].map((day) => ({
    ...perfectDossier(B, `SB${day}`, `2026-09-${String(day).padStart(2, '0')}`),
    field: 'land',
  })),
  {
    ...perfectDossier(B, 'SB14', '2026-09-14'),
    due: '2026-09-14 17:00',
    resolved: '2026-09-16 09:00',
    field: 'land',
  },
  ...[15, 16].map((day) => perfectDossier(D, `SD${day}`, `2026-09-${day}`)),
];

/** The cells of a row of a figures table, as the shared formatter writes them. */
function figureTexts(f: PeriodFigures): string[] {
  return [
    formatInteger(f.received),
    formatInteger(f.resolved),
    formatShare(f.onTimeShare),
    formatInteger(f.overdueAtEnd),
    formatWorkingTime(f.medianWorkingTime),
    formatShare(f.onlineShare),
    formatInteger(f.ratings),
    formatAverage(f.satisfactionAverage),
    formatShare(f.poorRatingShare),
  ];
}

/** The same cells as the XLSX types them: the snapshot's numbers, `—` where there is none. */
function figureValues(f: PeriodFigures): (number | string)[] {
  const v = (x: number | null) => x ?? NO_FIGURE;
  return [
    f.received,
    f.resolved,
    v(f.onTimeShare),
    f.overdueAtEnd,
    v(workingTimeHours(f.medianWorkingTime)),
    v(f.onlineShare),
    v(f.ratings),
    v(f.satisfactionAverage),
    v(f.poorRatingShare),
  ];
}

describe(`the meeting report, hand-computed (${TEST_ENGINE})`, () => {
  let t: TestServer;
  let live: LiveReport;

  const rowOf = (report: LiveReport['report'], code: string) => report.units.find((u) => u.code === code)!;
  const leader = () => t.session('leader');
  const post = async (role: Parameters<TestServer['session']>[0], body: unknown) =>
    (await t.session(role)).fetch('/api/v1/report-snapshots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestServer({ IOC_RANKING_MIN_DOSSIERS: '5' });
    const { body: versions } = (await t.admin('GET', '/api/v1/service-index-rules')) as {
      body: ServiceIndexRulesVersion[];
    };
    const linear: ServiceIndexRulesVersion = {
      ...versions[0]!,
      effectiveFrom: '2026-10-01',
      source: 'test: digitisation scored linearly',
      groups: versions[0]!.groups.map((g) =>
        g.id === 'digitisation' ? { ...g, indicators: g.indicators.map((i) => ({ ...i, fullAt: 1 })) } : g,
      ),
    };
    expect((await t.admin('PUT', '/api/v1/admin/service-index-rules/2026-10-01', linear)).status).toBe(200);
    const events = [...unitA, ...unitB, ...unitC, ...september].flatMap(dossierEvents);
    expect((await t.post(events)).body).toMatchObject({ accepted: events.length, rejected: [] });
    const response = await (await leader()).fetch('/api/v1/reports?period=month&date=2026-10');
    expect(response.status).toBe(200);
    live = liveReportSchema.parse(await response.json());
  });
  afterAll(async () => {
    await t.close();
  });

  it('compares October with September and October 2025, each period scored with its own rules', () => {
    const { report } = live;
    expect(report.period).toMatchObject({ label: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    expect(report.previousPeriod.label).toBe('2026-09');
    expect(report.lastYearPeriod.label).toBe('2025-10');
    expect(report.rules.current.map((r) => r.effectiveFrom)).toEqual(['2026-10-01']);
    expect(report.rules.previous.map((r) => r.effectiveFrom)).toEqual(['2025-07-01']);
    expect(report.units).toHaveLength(124);
    expect(live.view).toEqual({ kind: 'full', omitted: [] });
  });

  it('gives unit A its hand-computed figures and index', () => {
    const a = rowOf(live.report, A);
    expect(a.current.figures).toEqual({
      received: 6,
      resolved: 4,
      onTimeShare: 0.6667,
      overdueAtEnd: 1,
      medianWorkingTime: { minutes: 480, over: false },
      onlineShare: 0.5,
      ratings: 3,
      satisfactionAverage: 3.3333,
      poorRatingShare: 0.3333,
    });
    expect(a.overdueNow).toBe(1);
    expect(a.current.index).toMatchObject({ total: 69.5, rank: 2, lowVolume: false, dossiers: 6 });
    expect(a.current.index!.groups.map((g) => [g.id, g.points])).toEqual([
      ['transparency', 18],
      ['progress', 13.33],
      ['online-services', 6],
      ['digitisation', 15.5],
      ['satisfaction', 6.67],
      ['online-payment', 10],
    ]);
    expect(a.previous.index).toMatchObject({ total: 100, rank: 1 });
    // September: 5 perfect dossiers, 9 h each Monday to Thursday, 7 h on Friday (resolved on Saturday).
    expect(a.previous.figures).toMatchObject({
      received: 5,
      onTimeShare: 1,
      medianWorkingTime: { minutes: 480, over: false },
    });
    expect(a.change.previous).toEqual({
      received: 0.2,
      onTimeShare: -0.3333,
      overdueAtEnd: 1,
      index: -30.5,
      rank: -1,
    });
    // October 2025: nothing received — no figure, not zero.
    expect(a.lastYear.figures).toMatchObject({
      received: 0,
      onTimeShare: null,
      medianWorkingTime: null,
      onlineShare: null,
    });
    expect(a.lastYear.index?.total).toBeNull();
    expect(a.change.lastYear).toEqual({
      received: null,
      onTimeShare: null,
      overdueAtEnd: 1,
      index: null,
      rank: null,
    });
  });

  it('flags the low-volume unit, shows "—" for a unit without dossiers, and orders as the ranking', async () => {
    const { report } = live;
    const c = rowOf(report, C);
    expect(c.current.index).toMatchObject({ total: 100, rank: null, lowVolume: true, dossiers: 3 });
    const d = rowOf(report, D);
    expect(d.current.figures).toMatchObject({
      received: 0,
      resolved: 0,
      onTimeShare: null,
      onlineShare: null,
      medianWorkingTime: null,
    });
    expect(d.current.index).toMatchObject({ total: null, rank: null, lowVolume: false });
    expect(d.previous.index).toMatchObject({ total: 100, rank: null, lowVolume: true });
    expect(report.units.slice(0, 3).map((u) => u.code)).toEqual([B, A, C]);
    // The index and the ranks are the ranking's own (one computation, not two).
    const ranking = (await (
      await leader()
    )
      .fetch('/api/v1/rankings?period=month&date=2026-10')
      .then((r) => r.json())) as Ranking;
    for (const entry of ranking.units) {
      const row = rowOf(report, entry.unitCode);
      expect([row.current.index?.total ?? null, row.current.index?.rank ?? null]).toEqual([
        entry.total,
        entry.rank,
      ]);
      expect(row.change.previous.rank).toBe(entry.rankChange);
      expect(row.current.index?.dossiers ?? 0).toBe(row.current.figures.received);
    }
    expect(report.province.current.index!.total).toBe(ranking.province.score.total);
  });

  it('sums the province and the former provinces, and words the headline', () => {
    const { report } = live;
    // 15 received (A 6, B 6, C 3); 13 resolved; on time (12 + 2 − 1)/15; online 12/15; of 13
    // resolved, the 7th shortest is a 9-hour one: 1 day. Ratings 5, 4, 1, 6 × 5, 3 × 5: 55/12.
    expect(report.province.current.figures).toEqual({
      received: 15,
      resolved: 13,
      onTimeShare: 0.8667,
      overdueAtEnd: 1,
      medianWorkingTime: { minutes: 480, over: false },
      onlineShare: 0.8,
      ratings: 12,
      satisfactionAverage: 4.5833,
      poorRatingShare: 0.0833,
    });
    // Pooled: transparency 18 + on time 13/15 × 20 + online 0.8 × 12 + digitised 13/15 × 12 and
    // e-result 12/13 × 10 + satisfaction 18 × (1 − 2/15 − 1/12)/0.9 + payment 10 = 90.23.
    expect(report.province.current.index!.total).toBe(90.23);
    expect(report.formerProvinces.map((p) => [p.name, p.current.figures.received])).toEqual([
      ['Lâm Đồng', 6],
      ['Bình Thuận', 9],
      ['Đắk Nông', 0],
    ]);
    expect(report.headline).toMatchObject({
      scopeName: 'tỉnh Lâm Đồng',
      index: 90.23,
      received: 15,
      onTimeShare: 0.8667,
      overdueAtEnd: 1,
      overdueNow: 1,
      best: [
        { unitCode: B, rank: 1, total: 100 },
        { unitCode: A, rank: 2, total: 69.5 },
      ],
    });
    expect(report.byField.find((f) => f.field === 'land')!.current).toMatchObject({
      received: 6,
      onTimeShare: 1,
      ratings: null,
    });
    expect(report.byField.find((f) => f.field === 'civil-status')!.current).toMatchObject({
      received: 9,
      overdueAtEnd: 1,
    });
    expect(report.charts.onTimeByMonth.map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(report.charts.onTimeByMonth.slice(-2)).toEqual([
      { month: '2026-09', received: 12, onTimeShare: 0.9167 },
      { month: '2026-10', received: 15, onTimeShare: 0.8667 },
    ]);
    expect(report.charts.indexByUnit.slice(0, 3).map((u) => [u.unitCode, u.total])).toEqual([
      [B, 100],
      [C, 100],
      [A, 69.5],
    ]);
  });

  it('names the units that moved and the indicators behind it, with links to their dossiers', () => {
    const { risers, fallers } = live.report.movers;
    expect(risers.map((m) => [m.unitCode, m.previousRank, m.rank, m.indexChange])).toEqual([[B, 2, 1, 6]]);
    expect(fallers.map((m) => [m.unitCode, m.previousRank, m.rank, m.indexChange])).toEqual([
      [A, 1, 2, -30.5],
    ]);
    const a = fallers[0]!;
    expect(a.indicators.map((i) => [i.id, i.change])).toEqual([
      ['satisfaction', -11.33],
      ['on-time', -6.67],
      ['full-process-online', -6],
      ['digitized', -4],
      ['e-result', -2.5],
    ]);
    expect(a.indicators[1]!.lostDossiers).toBe(
      `/api/v1/units/${A}/index/lost-dossiers?period=month&date=2026-10&indicator=on-time`,
    );
    expect(risers[0]!.indicators.map((i) => [i.id, i.change])).toEqual([
      ['on-time', 4],
      ['satisfaction', 2],
    ]);
  });

  it('narrows the dossier figures to a field, the index staying the unit’s', async () => {
    const response = await (await leader()).fetch('/api/v1/reports?period=month&date=2026-10&field=land');
    const { report } = liveReportSchema.parse(await response.json());
    expect(report.filter.fields).toEqual(['land']);
    expect(report.province.current.figures).toMatchObject({
      received: 6,
      onTimeShare: 1,
      ratings: null,
      satisfactionAverage: null,
    });
    expect(rowOf(report, A).current.figures.received).toBe(0);
    expect(rowOf(report, A).current.index!.total).toBe(69.5);
    expect(report.byField.map((f) => f.field)).toEqual(['land']);
    // A department head's report is of his fields (civil-status), whatever he asks.
    const head = await t.session('department-head');
    const mine = liveReportSchema.parse(
      await (await head.fetch('/api/v1/reports?period=month&date=2026-10')).json(),
    );
    expect(mine.report.filter.fields).toEqual(['civil-status']);
    expect(mine.view.kind).toBe('fields');
    expect(mine.report.movers).toEqual({ risers: [], fallers: [] });
    expect((await head.fetch('/api/v1/reports?period=month&date=2026-10&field=land')).status).toBe(403);
    // A unit officer sees his unit's row only.
    const officer = await t.session('unit-officer');
    const his = liveReportSchema.parse(
      await (await officer.fetch('/api/v1/reports?period=month&date=2026-10')).json(),
    );
    expect(his.report.units.map((u) => u.code)).toEqual([A]);
    expect(his.report.movers.fallers.map((m) => m.unitCode)).toEqual([A]);
    expect(his.report.movers.risers).toEqual([]);
    expect((await (await t.session('wall')).fetch('/api/v1/reports?period=month&date=2026-10')).status).toBe(
      403,
    );
  });

  it('answers 400 naming the parameter for a bad query', async () => {
    const session = await leader();
    const cases: [string, string][] = [
      ['period=month&date=2026-13', 'date'],
      ['period=week&date=2026-W43', 'period'],
      ['period=ytd&date=2026-02-30', 'date'],
      ['period=custom&from=2026-10-05', 'to'],
      ['period=month&date=2026-10&field=nope', 'field'],
      ['period=month&date=2026-10&field=Bad!', 'field'],
      ['period=month&date=2026-10&formerProvince=hue', 'formerProvince'],
      ['period=month&date=2099-01', 'period'],
    ];
    for (const [query, parameter] of cases) {
      const response = await session.fetch(`/api/v1/reports?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(JSON.stringify(await response.json())).toContain(`${parameter}:`);
    }
    const bad = await session.fetch('/api/v1/report-snapshots/not-an-id');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('id:');
  });

  describe('a snapshot', () => {
    let snapshot: ReportSnapshot;
    let pdf: Buffer;

    beforeAll(async () => {
      const response = await post('leader', { period: 'month', date: '2026-10' });
      expect(response.status).toBe(201);
      snapshot = reportSnapshotSchema.parse(await response.json());
      const download = await (await leader()).fetch(`/api/v1/report-snapshots/${snapshot.id}/report.pdf`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      pdf = Buffer.from(await download.arrayBuffer());
    });

    it('holds the report as computed, with its periods, rules, taker and hash', () => {
      expect(snapshot.report.units).toEqual(live.report.units);
      expect(snapshot.report.province).toEqual(live.report.province);
      expect(snapshot).toMatchObject({
        period: live.report.period,
        previousPeriod: live.report.previousPeriod,
        lastYearPeriod: live.report.lastYearPeriod,
        rulesVersions: ['2025-07-01', '2026-10-01'],
        takenBy: { name: expect.any(String) },
      });
      expect(snapshot.contentHash).toBe(
        createHash('sha256').update(canonicalJson(snapshot.report)).digest('hex'),
      );
    });

    it('does not change when events for its period arrive, while the live report does', async () => {
      const late = [
        perfectDossier(B, 'B-late', '2026-10-13'),
        { ...perfectDossier(A, 'A-late', '2026-10-14') },
      ];
      expect((await t.post(late.flatMap(dossierEvents))).body).toMatchObject({ rejected: [] });
      await t.runPolicies();
      const stored = reportSnapshotSchema.parse(
        await (await leader()).fetch(`/api/v1/report-snapshots/${snapshot.id}`).then((r) => r.json()),
      );
      expect(stored.report).toEqual(snapshot.report);
      expect(stored.contentHash).toBe(snapshot.contentHash);
      expect(createHash('sha256').update(canonicalJson(stored.report)).digest('hex')).toBe(
        snapshot.contentHash,
      );
      const now = liveReportSchema.parse(
        await (await leader()).fetch('/api/v1/reports?period=month&date=2026-10').then((r) => r.json()),
      );
      expect(now.report.province.current.figures.received).toBe(17);
      // The table refuses any edit, even by the database's owner.
      await expect(
        t.dataSource.query(`UPDATE report_snapshots SET content_hash = repeat('0', 64) WHERE id = $1`, [
          snapshot.id,
        ]),
      ).rejects.toThrow(/immutable/);
      const list = snapshotListSchema.parse(
        await (await leader()).fetch('/api/v1/report-snapshots').then((r) => r.json()),
      );
      expect(list.items.map((s) => s.id)).toContain(snapshot.id);
    });

    it('prints in its PDF, in Vietnamese, every figure of the snapshot as the shared formatter writes it', async () => {
      const { lines, text, pages } = await pdfLines(pdf);
      expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain(
        'Kết quả giải quyết thủ tục hành chính và Chỉ số phục vụ người dân, doanh nghiệp',
      );
      expect(text).toContain('Tháng 10/2026 — tỉnh Lâm Đồng');
      expect(text).toContain('Phường Xuân Hương - Đà Lạt');
      expect(text).toContain(`SHA-256: ${snapshot.contentHash}`);
      expect(text).toContain(`Trang 1/${pages}`);
      expect(text).toContain(`Trang ${pages}/${pages}`);
      const has = (cells: string[]) => lines.some((line) => line.join('\u0001') === cells.join('\u0001'));
      const missing: string[] = [];
      const expectLine = (cells: string[]) => {
        if (!has(cells)) missing.push(cells.join(' | '));
      };
      const r = snapshot.report;
      const rank = (u: ReportRow, p: 'current' | 'previous' | 'lastYear') =>
        formatInteger(u[p].index?.rank ?? null);
      for (const u of r.units) {
        expectLine([
          rank(u, 'current'),
          u.name,
          u.formerProvince!,
          ...figureTexts(u.current.figures),
          formatInteger(u.overdueNow),
          formatPoints(u.current.index?.total ?? null),
          formatPointsChange(u.change.previous.index),
          formatRankChange(u.change.previous.rank),
          formatPointsChange(u.change.lastYear.index),
        ]);
        for (const p of ['previous', 'lastYear'] as const) {
          expectLine([
            rank(u, p),
            u.name,
            u.formerProvince!,
            ...figureTexts(u[p].figures),
            formatPoints(u[p].index?.total ?? null),
          ]);
        }
        const index = u.current.index;
        const groups =
          index?.total != null
            ? index.groups.map((g) => formatPoints(g.points))
            : Array<string>(6).fill(NO_FIGURE);
        expectLine([
          rank(u, 'current'),
          u.name,
          ...groups,
          formatPoints(index?.total ?? null),
          formatInteger(index?.dossiers ?? null),
          ...(index?.lowVolume ? ['có'] : []),
          rank(u, 'previous'),
          formatRankChange(u.change.previous.rank),
        ]);
      }
      for (const area of [r.province, ...r.formerProvinces]) {
        expectLine([
          area.name,
          'Kỳ báo cáo',
          ...figureTexts(area.current.figures),
          formatInteger(area.overdueNow),
          formatPoints(area.current.index?.total ?? null),
        ]);
      }
      const periodNames = {
        current: 'Kỳ báo cáo',
        previous: 'Kỳ trước',
        lastYear: 'Cùng kỳ năm trước',
      } as const;
      expect(text).toContain(
        'Toàn tỉnh và các tỉnh cũ — Kỳ báo cáo: Tháng 10/2026; Kỳ trước: Tháng 09/2026; Cùng kỳ năm trước: Tháng 10/2025',
      );
      for (const area of [r.province, ...r.formerProvinces]) {
        for (const p of ['previous', 'lastYear'] as const) {
          expectLine([
            area.name,
            periodNames[p],
            ...figureTexts(area[p].figures),
            NO_FIGURE,
            formatPoints(area[p].index?.total ?? null),
          ]);
        }
      }
      for (const f of r.byField) {
        expectLine([
          f.name,
          'Kỳ báo cáo',
          ...figureTexts(f.current).slice(0, 6),
          formatInteger(f.overdueNow),
        ]);
      }
      for (const m of r.charts.onTimeByMonth) {
        expectLine([
          `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`,
          formatInteger(m.received),
          formatShare(m.onTimeShare),
        ]);
      }
      r.charts.indexChangeByUnit.forEach((u, i) => {
        expectLine([
          formatInteger(i + 1),
          u.unitName,
          u.formerProvince,
          formatPoints(u.total),
          formatPointsChange(u.change),
        ]);
      });
      for (const m of [...r.movers.risers, ...r.movers.fallers]) {
        for (const i of m.indicators) {
          expectLine([
            m.unitName,
            formatInteger(m.rank),
            formatInteger(m.previousRank),
            formatRankChange(m.rankChange),
            formatPointsChange(m.indexChange),
            i.name.vi,
            formatPoints(i.points),
            formatPoints(i.previousPoints),
            formatPointsChange(i.change),
            'Danh sách hồ sơ',
          ]);
        }
      }
      expect(missing).toEqual([]);
      // The fonts travel inside the file (TrueType subsets), so every reader shows the diacritics.
      expect(pdf.includes('/FontFile2')).toBe(true);
      expect(text).toContain(`Chỉ số phục vụ của tỉnh Lâm Đồng: ${formatPoints(r.headline.index)} điểm`);
      expect(text).toContain('Danh sách hồ sơ');
    });

    it('lays out the same figures in its XLSX, typed: numbers, percentages, dates', async () => {
      const download = await (await leader()).fetch(`/api/v1/report-snapshots/${snapshot.id}/report.xlsx`);
      expect(download.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await download.arrayBuffer()) as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Bản chốt',
        'Tổng hợp',
        'Toàn tỉnh',
        'Thay đổi',
        'Đơn vị',
        'Chỉ số theo nhóm',
        'Đơn vị - kỳ trước',
        'Đơn vị - cùng kỳ',
        'Lĩnh vực',
        'Biến động',
        'Đúng hạn 12 tháng',
        'Thay đổi chỉ số',
      ]);
      const identity = workbook.getWorksheet('Bản chốt')!;
      expect(identity.getCell('B3').value).toBe(snapshot.id);
      expect(identity.getCell('B4').value).toBeInstanceOf(Date);
      expect(identity.getCell('B4').numFmt).toBe('dd/mm/yyyy hh:mm');
      expect(identity.getCell('B6').value).toBe(snapshot.contentHash);
      expect(identity.getCell('B7').value).toBeInstanceOf(Date);
      expect((identity.getCell('B7').value as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
      expect(identity.getCell('B7').numFmt).toBe('dd/mm/yyyy');
      const units = workbook.getWorksheet('Đơn vị')!;
      expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      const r = snapshot.report;
      r.units.forEach((u, i) => {
        const row = units.getRow(3 + i);
        const values = Array.from({ length: 17 }, (_, c) => row.getCell(c + 1).value);
        expect(values).toEqual([
          u.current.index?.rank ?? NO_FIGURE,
          u.name,
          u.formerProvince,
          ...figureValues(u.current.figures),
          u.overdueNow,
          u.current.index?.total ?? NO_FIGURE,
          u.change.previous.index ?? NO_FIGURE,
          u.change.previous.rank ?? NO_FIGURE,
          u.change.lastYear.index ?? NO_FIGURE,
        ]);
      });
      const a = units.getRow(3 + r.units.findIndex((u) => u.code === A));
      expect(a.getCell(6).numFmt).toBe('0.0%');
      expect(typeof a.getCell(4).value).toBe('number');
      for (const [sheet, p] of [
        ['Đơn vị - kỳ trước', 'previous'],
        ['Đơn vị - cùng kỳ', 'lastYear'],
      ] as const) {
        const rows = workbook.getWorksheet(sheet)!;
        r.units.forEach((u, i) => {
          const row = rows.getRow(3 + i);
          expect(Array.from({ length: 13 }, (_, c) => row.getCell(c + 1).value)).toEqual([
            u[p].index?.rank ?? NO_FIGURE,
            u.name,
            u.formerProvince,
            ...figureValues(u[p].figures),
            u[p].index?.total ?? NO_FIGURE,
          ]);
        });
      }
      const areas = workbook.getWorksheet('Toàn tỉnh')!;
      [r.province, ...r.formerProvinces].forEach((area, a) => {
        (['current', 'previous', 'lastYear'] as const).forEach((p, k) => {
          const row = areas.getRow(3 + a * 3 + k);
          expect(Array.from({ length: 13 }, (_, c) => row.getCell(c + 1).value)).toEqual([
            area.name,
            expect.any(String),
            ...figureValues(area[p].figures),
            p === 'current' ? area.overdueNow : NO_FIGURE,
            area[p].index?.total ?? NO_FIGURE,
          ]);
        });
      });
      const months = workbook.getWorksheet('Đúng hạn 12 tháng')!;
      r.charts.onTimeByMonth.forEach((m, i) => {
        expect([months.getRow(3 + i).getCell(2).value, months.getRow(3 + i).getCell(3).value]).toEqual([
          m.received,
          m.onTimeShare ?? NO_FIGURE,
        ]);
      });
      const groups = workbook.getWorksheet('Chỉ số theo nhóm')!;
      r.units.forEach((u, i) => {
        const row = groups.getRow(3 + i);
        expect(Array.from({ length: 8 }, (_, c) => row.getCell(c + 3).value)).toEqual(
          u.current.index?.total == null
            ? [...Array<string>(6).fill(NO_FIGURE), NO_FIGURE, u.current.index?.dossiers ?? NO_FIGURE]
            : [
                ...u.current.index.groups.map((g) => g.points),
                u.current.index.total,
                u.current.index.dossiers,
              ],
        );
      });
    });

    it('lets only the leadership take one and only an administrator delete one, audited', async () => {
      for (const role of ['department-head', 'unit-officer', 'wall'] as const) {
        expect([role, (await post(role, { period: 'month', date: '2026-10' })).status]).toEqual([role, 403]);
      }
      const byAdmin = await post('admin', { period: 'month', date: '2026-09' });
      expect(byAdmin.status).toBe(201);
      const { id } = (await byAdmin.json()) as ReportSnapshot;
      expect(
        (await (await leader()).fetch(`/api/v1/report-snapshots/${id}`, { method: 'DELETE' })).status,
      ).toBe(403);
      expect(
        (await (await t.session('admin')).fetch(`/api/v1/report-snapshots/${id}`, { method: 'DELETE' }))
          .status,
      ).toBe(204);
      expect((await (await leader()).fetch(`/api/v1/report-snapshots/${id}`)).status).toBe(404);
      const audit = (await t.admin('GET', '/api/v1/admin/audit?limit=100')).body as {
        items: { action: string; target: string; actorName: string }[];
      };
      const actions = audit.items.filter((e) => e.target?.includes(id) || e.target?.includes(snapshot.id));
      expect(actions.map((e) => e.action).sort()).toEqual(
        expect.arrayContaining(['export', 'snapshot.create', 'snapshot.create', 'snapshot.delete']),
      );
      // The unit officer's export is his unit's view of the same snapshot.
      const officer = await t.session('unit-officer');
      const view = reportSnapshotSchema.parse(
        await (await officer.fetch(`/api/v1/report-snapshots/${snapshot.id}`)).json(),
      );
      expect(view.view.kind).toBe('unit');
      expect(view.report.units.map((u) => u.code)).toEqual([A]);
      expect(view.contentHash).toBe(snapshot.contentHash);
      expect((await officer.fetch(`/api/v1/report-snapshots/${snapshot.id}/report.xlsx`)).status).toBe(200);
    });
  });
});
