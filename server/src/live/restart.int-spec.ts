import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveMetricsService } from './live-metrics.service';
import { aReceivedEvent, startTestServer } from '../testing/test-server';

describe('stopping and starting again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the data in the embedded database and rebuilds the same live figures', async () => {
    const first = await startTestServer({}, { dataDir, keepData: true });
    await first.post([aReceivedEvent('24781'), aReceivedEvent('24781'), aReceivedEvent('22918')]);
    const live = first.server.app.get(LiveMetricsService);
    await live.flush();
    const before = (await live.snapshot()).units;
    await first.close();

    const second = await startTestServer({}, { dataDir, keepData: true });
    const after = (await second.server.app.get(LiveMetricsService).snapshot()).units;
    await second.close();

    expect(after.find((u) => u.unitCode === '24781')?.backlog).toBe(2);
    expect(after).toEqual(before);
  });
});
