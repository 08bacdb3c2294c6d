import type { UnitIndex } from '@ioc/shared';
import { dossierEvents } from '../testing/dossier-history';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * A change that ends exactly where a bucket starts: one request with receipts on 30 October and
 * 1 November makes the daily aggregate rewrite 30 October – 1 November in one refresh, and the
 * monthly rollup's pending change then ends at 1 November 00:00, the start of its November
 * bucket. TimescaleDB 2.28 took that change off its log without recomputing November (the
 * month read 0 receipts); the refresh job forces the bucket where each change ends.
 */
describe('aggregates refreshed through the start of a bucket, on both engines', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ IOC_RANKING_MIN_DOSSIERS: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  const received = async (period: string) => {
    const response = await t.read(`/api/v1/units/24781/index?period=month&date=${period}`);
    return ((await response.json()) as UnitIndex).score.counts.received;
  };

  it('counts a receipt on the first day of a month after the refresh of a change that ends there', async () => {
    const events = [
      ...dossierEvents({ unit: '24781', code: 'B-1', received: '2026-10-30 10:00', due: '2026-11-20 17:00' }),
      ...dossierEvents({ unit: '24781', code: 'B-2', received: '2026-11-01 07:35', due: '2026-11-20 17:00' }),
    ];
    expect((await t.post(events)).body).toMatchObject({ accepted: events.length, rejected: [] });
    await t.runPolicies();
    expect(await received('2026-10')).toBe(1);
    expect(await received('2026-11')).toBe(1);
    const [month] = await t.dataSource.query<{ received: string }[]>(
      `SELECT received FROM unit_monthly_dossier_facts
       WHERE unit_code = '24781' AND month = '2026-11-01 00:00+07'`,
    );
    expect(month).toEqual({ received: '1' });
  });
});
