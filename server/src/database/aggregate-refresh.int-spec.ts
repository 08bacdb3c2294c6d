import type { ServiceIndexCounts, ServiceIndexRulesVersion, UnitIndex } from '@ioc/shared';
import { DatabaseRepository, type PolicyJob } from './database.repository';
import { TimescaleJobsService } from './timescale-jobs.service';
import { createSharedTestDatabase, TEST_ENGINE, type TestDatabase } from '../testing/test-database';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

const DAY = 24 * 3_600_000;
const UNITS = ['24781', '22918', '22954'];
/** The imported history: a dossier every other day from 2 January 2024 to the end of June 2025. */
const FIRST_RECEIPT = Date.parse('2024-01-02T08:00:00+07:00');
const LAST_RECEIPT = Date.parse('2025-06-29T08:00:00+07:00');
const PERIOD = 'period=custom&from=2024-01-01&to=2025-06-30';
const IMPORTED_BEFORE = '2025-07-01 00:00+07';

/** `dd/MM/yyyy HH:mm` in Vietnam time, as a commune's spreadsheet has it. */
const sheetDate = (instant: number) => {
  const local = new Date(instant + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
};

/**
 * One unit's export: every third dossier resolved two days late, every seventh still open, the
 * others resolved the day after their receipt. Returns the file and the counts it implies.
 */
function legacyExport(unit: string) {
  const rows = ['Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết quả,Trạng thái'];
  const expected = { received: 0, resolved: 0, resolvedInTime: 0, open: 0 };
  for (let received = FIRST_RECEIPT, i = 0; received <= LAST_RECEIPT; received += 2 * DAY, i++) {
    const due = sheetDate(received + 3 * DAY).slice(0, 10); // 17:00 of that day
    expected.received += 1;
    if (i % 7 === 0) {
      rows.push(`H-${unit}-${i},1.001193,${sheetDate(received)},${due},,,Đang xử lý`);
      expected.open += 1;
      continue;
    }
    const resolved = received + (i % 3 === 0 ? 5 : 1) * DAY;
    rows.push(
      `H-${unit}-${i},1.001193,${sheetDate(received)},${due},${sheetDate(resolved)},${sheetDate(resolved + 3_600_000)},Đã trả kết quả`,
    );
    expected.resolved += 1;
    if (i % 3 !== 0) expected.resolvedInTime += 1;
  }
  return { csv: rows.join('\n'), expected };
}

/**
 * After a legacy import back to 2024 (issue 12, item 2), the continuous aggregates have 18 months
 * to refresh. On the embedded engine one refresh run used to take all of it in one `CALL`, on
 * the engine's one connection, while every request waited; now each run refreshes a bounded
 * share (a week of a daily aggregate, a quarter of a monthly rollup per window, windows until
 * its budget is spent) and the next run goes on. The rankings count the same at every step,
 * because they count the days still pending from the raw rows, and the end is a full refresh.
 */
describe(`aggregate refresh after an imported history (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let t: TestServer;
  let repository: DatabaseRepository;
  const expected = new Map<string, ReturnType<typeof legacyExport>['expected']>();

  beforeAll(async () => {
    // The engine reached by URL, as a second process would: the server then schedules no job of
    // its own, so every refresh run here is one the test starts. One window per run (budget 0).
    database = await createSharedTestDatabase();
    t = await startTestServer(
      {
        ...database.env,
        IOC_EMBEDDED_REFRESH_BUDGET_MS: '0',
        IOC_RANKING_MIN_DOSSIERS: '1',
        IOC_READ_CACHE_MS: '0',
        IOC_READ_RATE_LIMIT: '1000',
      },
      { database },
    );
    repository = t.server.app.get(DatabaseRepository);
    // A live server: recent receipts, refreshed, so the aggregates' watermarks are at today.
    const twoDaysAgo = new Date(Date.now() - 2 * DAY).toISOString();
    const recent = UNITS.map((unit) => aReceivedEvent(unit, { at: twoDaysAgo }));
    expect((await t.post(recent)).body).toMatchObject({ rejected: [] });
    await t.runPolicies();
    // The predecessors' dossiers are scored by the rules in force today.
    const versions = await t.read(`/api/v1/service-index-rules`);
    const [rules] = (await versions.json()) as ServiceIndexRulesVersion[];
    const predecessors = { ...rules!, effectiveFrom: '2024-01-01' };
    const added = await t.admin('PUT', '/api/v1/admin/service-index-rules/2024-01-01', predecessors);
    expect(added.status).toBe(200);
    for (const unit of UNITS) {
      const { csv, expected: counts } = legacyExport(unit);
      const response = await fetch(`${t.url}/api/v1/imports?unit=${unit}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(await response.json()).toMatchObject({ rejectedRows: 0, duplicate: 0 });
      expected.set(unit, counts);
    }
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  const refreshJobs = async () =>
    (await repository.policyJobs()).filter((job) => job.procName === 'ioc_refresh_aggregate');
  const viewOf = (job: PolicyJob) => String(job.config?.view);
  const unitCounts = async (unit: string): Promise<ServiceIndexCounts> => {
    const response = await t.read(`/api/v1/units/${unit}/index?${PERIOD}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as UnitIndex).score.counts;
  };
  const everyUnitCounts = () => Promise.all(UNITS.map(unitCounts));
  /**
   * Days of the imported history the daily facts aggregate has materialised (read from its own
   * hypertable: the view would add the raw rows of the days not materialised), and the last one.
   */
  const materialised = async () => {
    const [table] = await t.dataSource.query<{ name: string }[]>(
      `SELECT format('%I.%I', h.schema_name, h.table_name) AS name
       FROM _timescaledb_catalog.continuous_agg c JOIN _timescaledb_catalog.hypertable h ON h.id = c.mat_hypertable_id
       WHERE c.user_view_name = 'unit_daily_dossier_facts'`,
    );
    const [row] = await t.dataSource.query<{ days: number; last: Date | null }[]>(
      `SELECT count(DISTINCT day)::int AS days, max(day) AS last FROM ${table!.name} WHERE day < $1`,
      [IMPORTED_BEFORE],
    );
    return row!;
  };

  it('counts the imported history in the ranking before any refresh', async () => {
    for (const [i, counts] of (await everyUnitCounts()).entries()) {
      expect(counts).toMatchObject(expected.get(UNITS[i]!)!);
    }
  });

  (TEST_ENGINE === 'embedded' ? it : it.skip)(
    'refreshes it a window per run on the embedded engine, oldest first, the ranking unchanged throughout',
    async () => {
      const jobs = t.server.app.get(TimescaleJobsService);
      const before = await everyUnitCounts();
      const progress = [(await materialised()).days];
      let unfinished: unknown[] = ['not run yet'];
      // The policies' turns, five minutes apart: every refresh job is due at each one.
      for (let run = 1, at = Date.now(); run <= 300 && unfinished.length > 0; run++) {
        at += 5 * 60_000;
        ({ unfinished } = await jobs.runDueJobs(at));
        const { days, last } = await materialised();
        progress.push(days);
        // A run takes one window, a week of days at most, and never undoes one; the first is the
        // oldest week.
        expect(days - progress[run - 1]!).toBeGreaterThanOrEqual(0);
        expect(days - progress[run - 1]!).toBeLessThanOrEqual(7);
        if (run === 1) expect(+last!).toBeLessThan(Date.parse('2024-01-08T00:00:00+07:00'));
        if (run % 20 === 0) expect(await everyUnitCounts()).toEqual(before);
      }
      expect(unfinished).toEqual([]);
      // Each day with a receipt, over as many runs as 18 months have weeks.
      expect(progress.at(-1)).toBe(expected.get(UNITS[0]!)!.received);
      expect(progress.length - 1).toBeGreaterThanOrEqual(78);
      expect(await everyUnitCounts()).toEqual(before);
    },
  );

  it('ends with every aggregate equal to a recount of the raw rows and nothing left to refresh', async () => {
    await t.runPolicies();
    const left = new Map<string, number>();
    for (const job of await refreshJobs()) left.set(viewOf(job), await repository.refreshWindowsLeft(job));
    expect(Object.fromEntries(left)).toEqual({
      unit_daily_feedback: 0,
      unit_daily_dossier_events: 0,
      unit_daily_dossier_facts: 0,
      unit_field_daily_report_facts: 0,
      unit_field_monthly_report_facts: 0,
      unit_monthly_dossier_facts: 0,
      unit_monthly_feedback: 0,
    });
    const differences = async (aggregate: string, recount: string) => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ((${aggregate} EXCEPT ${recount}) UNION ALL (${recount} EXCEPT ${aggregate})) AS d`,
      );
      return row!.n;
    };
    const facts = (bucket: string) =>
      `SELECT time_bucket(INTERVAL '${bucket}', received_at, 'Asia/Ho_Chi_Minh'), unit_code, count(*),
              count(*) FILTER (WHERE status IN ('resolved', 'returned')),
              count(*) FILTER (WHERE status IN ('received', 'in_process', 'paused'))
       FROM dossier_facts WHERE status NOT IN ('rejected', 'withdrawn', 'unreceived') AND received_at < '${IMPORTED_BEFORE}'
       GROUP BY 1, 2`;
    expect(
      await differences(
        `SELECT day, unit_code, received, resolved, open FROM unit_daily_dossier_facts WHERE day < '${IMPORTED_BEFORE}'`,
        facts('1 day'),
      ),
    ).toBe(0);
    expect(
      await differences(
        `SELECT month, unit_code, received, resolved, open FROM unit_monthly_dossier_facts WHERE month < '${IMPORTED_BEFORE}'`,
        facts('1 month'),
      ),
    ).toBe(0);
    expect(
      await differences(
        `SELECT day, unit_code, type, events FROM unit_daily_dossier_events WHERE day < '${IMPORTED_BEFORE}'`,
        `SELECT time_bucket(INTERVAL '1 day', at, 'Asia/Ho_Chi_Minh'), unit_code, type, count(*)
         FROM dossier_events WHERE at < '${IMPORTED_BEFORE}' GROUP BY 1, 2, 3`,
      ),
    ).toBe(0);
    for (const [i, counts] of (await everyUnitCounts()).entries()) {
      expect(counts).toMatchObject(expected.get(UNITS[i]!)!);
    }
  });
});
