import { EARLIEST_IMPORTED_AT, UNITS_BEGAN_AT, type ImportResult } from '@ioc/shared';
import { TimescaleJobsService } from '../database/timescale-jobs.service';
import { TEST_ENGINE } from '../testing/test-database';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

const WEEK = 7 * 24 * 3_600_000;

/**
 * What history ingest takes (issue 12, item 2): one request of weekly receipts since 2000 once
 * spread the hypertables over ~1,400 chunks and took the server down. Now the old ones are
 * refused per item with the reason, the chunks stay as few as the accepted history needs, and
 * the policies that follow stay short.
 */
describe(`history ingest takes (${TEST_ENGINE})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const chunks = async (table: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM timescaledb_information.chunks WHERE hypertable_name = $1`,
        [table],
      )
    )[0]!.n;

  it('refuses live events before 1 July 2025 per item, saying where older dossiers go, and keeps the chunks few', async () => {
    const since2000 = Array.from({ length: 1_405 }, (_, i) =>
      aReceivedEvent('24781', {
        at: new Date(Date.parse('2000-01-03T09:00:00+07:00') + i * WEEK).toISOString(),
      }),
    ).filter((event) => Date.parse(event.at) < Date.now() - 3_600_000);
    const began = Date.parse(UNITS_BEGAN_AT);
    const old = since2000.filter((event) => Date.parse(event.at) < began);
    const { status, body } = await t.post(since2000);
    expect(status).toBe(200);
    expect(body.accepted).toBe(since2000.length - old.length);
    expect(body.rejected).toHaveLength(old.length);
    expect(body.rejected[0]).toEqual({
      index: 0,
      id: since2000[0]!.id,
      reason: expect.stringMatching(
        /^at: is before 1 July 2025, when the units began; .*POST \/api\/v1\/imports/,
      ),
    });
    // Weekly chunks from July 2025 on only: ~75, not 1,400.
    const weeksSinceBegan = Math.ceil((Date.now() - began) / WEEK) + 1;
    expect(await chunks('dossier_events')).toBeLessThanOrEqual(weeksSinceBegan);
    expect(await chunks('dossier_facts')).toBeLessThanOrEqual(Math.ceil(weeksSinceBegan / 4) + 1);
    await t.runPolicies();
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  it('imports the predecessors’ dossiers back to 1 January 2024 and no further', async () => {
    const file = [
      'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Hạn xử lý',
      'OLD-2024,1.001193,15/03/2024 09:00,20/03/2024',
      'OLD-2023,1.001193,31/12/2023 09:00,05/01/2024',
    ].join('\n');
    const response = await fetch(`${t.url}/api/v1/imports?unit=24781`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'text/csv' },
      body: file,
    });
    const body = (await response.json()) as ImportResult;
    expect(body).toMatchObject({ accepted: 1, rejectedRows: 1 });
    expect(body.rejected).toEqual([
      {
        index: 2,
        id: 'csv-24781-OLD-2023-recv',
        reason: 'Ngày tiếp nhận: is before 1 January 2024, the oldest history an import takes',
      },
    ]);
    expect(Date.parse(EARLIEST_IMPORTED_AT)).toBeLessThan(Date.parse('2024-03-15T09:00:00+07:00'));
  });

  (TEST_ENGINE === 'embedded' ? it : it.skip)(
    'compresses an imported history a few chunks per run, so no run holds the one connection for long',
    async () => {
      // One receipt a week through 2024 and the first half of 2025: ~78 weekly chunks, all old enough.
      const rows = Array.from({ length: 78 }, (_, i) => {
        const day = new Date(Date.parse('2024-01-02T02:00:00Z') + i * WEEK);
        const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
        return `WEEK-${i},1.001193,${date} 09:00`;
      });
      const response = await fetch(`${t.url}/api/v1/imports?unit=22918`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'text/csv' },
        body: ['Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận', ...rows].join('\n'),
      });
      expect(await response.json()).toMatchObject({ accepted: 78, rejectedRows: 0 });
      const uncompressed = async () =>
        (
          await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM timescaledb_information.chunks
             WHERE hypertable_name = 'dossier_events' AND NOT is_compressed AND range_end < now() - INTERVAL '30 days'`,
          )
        )[0]!.n;
      const before = await uncompressed();
      expect(before).toBeGreaterThan(20);
      await t.server.app.get(TimescaleJobsService).runAllJobs();
      expect(await uncompressed()).toBe(before - 10);
      await t.server.app.get(TimescaleJobsService).runAllJobs();
      expect(await uncompressed()).toBe(before - 20);
    },
  );
});
