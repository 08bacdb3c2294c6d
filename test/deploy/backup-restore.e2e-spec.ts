import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarDays, vietnamDate, type IngestEvent } from '@ioc/shared';
import { LiveMetricsService } from '@ioc/server/dist/live/live-metrics.service';
import { LiveStreamService } from '@ioc/server/dist/live/live-stream.service';
import { dossierEvents, type DossierStory } from '@ioc/server/dist/testing/dossier-history';
import { createSharedTestDatabase, type SharedTestDatabase } from '@ioc/server/dist/testing/test-database';
import { describeOnRealServer } from '../support/real-server';
import { startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';

// docs/operations.md's backup and restore, done with its own scripts on the real server: a dump
// of a live database restored into a fresh one gives the same figures, and the restored
// database goes on ingesting (its claimed event ids came along: a resent event is a duplicate).
jest.setTimeout(300_000);

const BACKUP = join(__dirname, '../../docker/backup.sh');
const RESTORE = join(__dirname, '../../docker/restore.sh');
const UNITS = ['24781', '22918', '23041'];

/** Last month's and this month's dossiers: received, most resolved (some late), some rated. */
function history(): IngestEvent[] {
  const today = vietnamDate(Date.now());
  const stories: DossierStory[] = [];
  for (let n = 0; n < 45; n++) {
    const day = addCalendarDays(today, -(2 + n));
    const unit = UNITS[n % UNITS.length]!;
    stories.push({
      unit,
      code: `BR-${n}`,
      received: `${day} 08:30`,
      due: `${addCalendarDays(day, 3)} 17:00`,
      channel: n % 2 === 0 ? 'online' : 'direct',
      digitized: n % 3 !== 0,
      synced: n % 4 !== 0,
      ...(n % 5 === 0 ? {} : { resolved: `${addCalendarDays(day, n % 7 === 0 && n >= 7 ? 5 : 1)} 10:00` }),
      ...(n % 3 === 0 ? { rating: 1 + (n % 5) } : {}),
    });
  }
  return stories.flatMap(dossierEvents);
}

function run(script: string, ...args: string[]): string {
  const result = spawnSync(script, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/** Everything a reader sees: rankings, a unit's index with its explanation, the wall's figures. */
async function figures(t: TestServer): Promise<Record<string, unknown>> {
  // When an answer was computed is the one thing that differs between the two databases.
  const get = async (path: string) =>
    JSON.parse(await (await t.read(path)).text(), (key, value: unknown) =>
      key === 'evaluatedAt' ? undefined : value,
    ) as unknown;
  const live = t.server.app.get(LiveMetricsService);
  await live.flush();
  const wall = await t.server.app.get(LiveStreamService).snapshot('province');
  const lastMonth = addCalendarDays(vietnamDate(Date.now()), -31).slice(0, 7);
  return {
    rankingLastMonth: await get(`/api/v1/rankings?period=month&date=${lastMonth}`),
    rankingNow: await get('/api/v1/rankings'),
    unitIndex: await get(
      `/api/v1/units/24781/index?period=custom&from=${addCalendarDays(vietnamDate(Date.now()), -60)}&to=${vietnamDate(Date.now())}`,
    ),
    lost: await get(
      `/api/v1/units/24781/index/lost-dossiers?period=month&date=${lastMonth}&indicator=on-time`,
    ),
    backlog: await get('/api/v1/backlog-history?days=1'),
    wall: wall.entries,
    rows: await t.dataSource.query(
      `SELECT (SELECT count(*) FROM dossier_events)::int AS events, (SELECT count(*) FROM feedback)::int AS ratings,
              (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossier_facts)::int AS facts,
              (SELECT count(*) FROM ingested_event_ids)::int AS ids, (SELECT count(*) FROM ingest_audit)::int AS audit,
              (SELECT count(*) FROM ingest_keys)::int AS keys`,
    ),
  };
}

describeOnRealServer('backup and restore (docker/backup.sh, docker/restore.sh)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-backup-'));
  const databases: SharedTestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database with the same figures, and ingest goes on there', async () => {
    const source = await createSharedTestDatabase();
    const target = await createSharedTestDatabase();
    databases.push(source, target);
    const env = { IOC_RANKING_MIN_DOSSIERS: '2' };
    const events = history();

    const original = await startTestServer({ ...source.env, ...env });
    let before: Record<string, unknown>;
    try {
      expect((await original.post(events)).body).toMatchObject({ accepted: events.length, rejected: [] });
      await original.server.app.get(LiveMetricsService).flush();
      await original.server.app.get(LiveMetricsService).flush();
      // Backlog samples and the aggregates' materialisation travel in the dump too.
      await original.runPolicies();
      before = await figures(original);
      const dump = join(dir, 'ioc.dump');
      // Taken while the server runs, as in production.
      expect(run(BACKUP, source.url, dump)).toContain('backed up to');
      expect(run(RESTORE, target.url, dump)).toContain('restored');
      // A second restore into the now full database is refused, not merged.
      expect(spawnSync(RESTORE, [target.url, dump], { encoding: 'utf8' }).stderr).toContain(
        'the target database is not empty',
      );
    } finally {
      await original.close();
    }

    const restored = await startTestServer({ ...target.env, ...env });
    try {
      // The restored jobs are back in TimescaleDB's scheduler, and run.
      await restored.runPolicies();
      const after = await figures(restored);
      // The restored server goes on sampling the backlog every 5 minutes (a sample may fall between
      // the two readings): what came in the dump are the samples the original had.
      const dumped = new Set((before.backlog as { points: { at: string }[] }).points.map((p) => p.at));
      const backlog = after.backlog as { points: { at: string }[] };
      backlog.points = backlog.points.filter((p) => dumped.has(p.at));
      expect(after).toEqual({ ...before, rows: [{ ...(before.rows as object[])[0], keys: 2 }] });
      // Idempotency came along: an event already stored is a duplicate; a new one is accepted.
      const resent = await restored.post(events.slice(0, 10));
      expect(resent.body).toEqual({ accepted: 0, duplicate: 10, rejected: [] });
      const anHourAgo = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      const fresh = dossierEvents({ unit: '24781', code: 'BR-new', received: anHourAgo });
      expect((await restored.post(fresh)).body).toMatchObject({ accepted: fresh.length });
    } finally {
      await restored.close();
    }
  });
});
