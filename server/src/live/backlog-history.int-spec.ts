import { backlogHistorySchema, type BacklogHistory } from '@ioc/shared';
import { FixedClock } from '../common/clock';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';
import {
  BacklogSamplerService,
  bucketMinutesFor,
  SAMPLE_EVERY_MS,
  sampleSlot,
} from './backlog-sampler.service';
import { LiveMetricsService } from './live-metrics.service';

describe('5-minute backlog samples for trend charts', () => {
  let t: TestServer;
  // Pinned in the middle of the last whole slot: the server's own sampler, whenever its timer
  // fires during the test, asks the same clock and finds that slot already written.
  const now = sampleSlot(Date.now()) - SAMPLE_EVERY_MS / 2;
  beforeAll(async () => {
    t = await startTestServer({}, { clock: new FixedClock(now) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('samples every unit once per slot, with the same backlog the live figures show', async () => {
    await t.post([aReceivedEvent('24781'), aReceivedEvent('24781'), aReceivedEvent('22918')]);
    const sampler = t.server.app.get(BacklogSamplerService);
    expect(await sampler.recordSlot()).toBe(124);
    expect(await sampler.recordSlot()).toBe(0); // the same slot again: nothing doubled

    const [sample] = await t.dataSource.query<{ at: Date; backlog: number }[]>(
      `SELECT at, backlog FROM unit_backlog_samples WHERE unit_code = '24781'`,
    );
    expect(sample!.at.getTime()).toBe(sampleSlot(now));
    const live = t.server.app.get(LiveMetricsService);
    await live.flush();
    const liveBacklog = live.unitFigures('24781').backlog;
    expect(sample!.backlog).toBe(liveBacklog);

    const unit = (await (await t.read(`/api/v1/backlog-history?unit=24781&days=1`)).json()) as BacklogHistory;
    expect(backlogHistorySchema.parse(unit)).toEqual(unit);
    expect(unit).toMatchObject({ unitCode: '24781', bucketMinutes: 5, points: [{ backlog: 2, overdue: 0 }] });
    const province = (await (await t.read(`/api/v1/backlog-history?days=1`)).json()) as BacklogHistory;
    expect(province.points).toEqual([expect.objectContaining({ backlog: 3 })]);
    expect((await t.read(`/api/v1/backlog-history?unit=99999`)).status).toBe(400);
  });

  it('chooses coarser buckets for longer trends', () => {
    expect([1, 7, 90, 365].map(bucketMinutesFor)).toEqual([5, 60, 360, 1440]);
  });
});
