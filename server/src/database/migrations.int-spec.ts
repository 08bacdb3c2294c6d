import { MIGRATIONS } from '@ioc/db';
import { TimescaleJobsService } from './timescale-jobs.service';
import { TEST_ENGINE } from '../testing/test-database';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

describe(`migrations (${TEST_ENGINE})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const names = async (sql: string) =>
    (await t.dataSource.query<{ name: string }[]>(sql)).map((r) => r.name).sort();

  it('creates the event hypertables and the daily and monthly continuous aggregates', async () => {
    expect(
      await names(
        `SELECT hypertable_name AS name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'`,
      ),
    ).toEqual(['dossier_events', 'dossier_facts', 'feedback', 'unit_backlog_samples']);
    expect(
      await names('SELECT view_name AS name FROM timescaledb_information.continuous_aggregates'),
    ).toEqual([
      'unit_daily_dossier_events',
      'unit_daily_dossier_facts',
      'unit_daily_feedback',
      'unit_field_daily_report_facts',
      'unit_field_monthly_report_facts',
      'unit_monthly_dossier_facts',
      'unit_monthly_feedback',
    ]);
  });

  it('seeds the 124 units, the procedure catalogue and the working calendar', async () => {
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM procedures)::int AS procedures,
              (SELECT count(*) FROM working_calendar WHERE date = '2026-01-10' AND kind = 'worked-saturday')::int AS makeup`,
    );
    expect(counts).toEqual({ units: 124, procedures: 45, makeup: 1 });
  });

  const policies = () =>
    names(`SELECT DISTINCT proc_name AS name FROM timescaledb_information.jobs WHERE job_id >= 1000`);

  it('has refresh, compression and retention policies', async () => {
    expect(await policies()).toEqual(['ioc_refresh_aggregate', 'policy_compression', 'policy_retention']);
  });

  (TEST_ENGINE === 'embedded' ? it : it.skip)(
    'has its policies run by the server itself on the embedded engine',
    async () => {
      const jobs = t.server.app.get(TimescaleJobsService);
      const { ran } = await jobs.runDueJobs();
      expect(ran.length).toBe(17); // vacuum + analyze, 7 refresh + 3 compression + 5 retention
      expect((await jobs.runDueJobs()).ran).toEqual([]); // none is due again right away
    },
  );

  (TEST_ENGINE === 'timescaledb' ? it : it.skip)(
    'has its policies run by TimescaleDB on its own workers on a real server',
    async () => {
      // Nothing here called run_job: the scheduler started every policy when it was added.
      const runs = await t.dataSource.query<{ status: string; runs: number }[]>(
        `SELECT s.last_run_status AS status, s.total_successes::int AS runs
         FROM timescaledb_information.jobs j JOIN timescaledb_information.job_stats s USING (job_id)
         WHERE j.job_id >= 1000`,
      );
      expect(runs).toHaveLength(15); // 7 refresh + 3 compression + 5 retention
      expect(runs.every((r) => r.status === 'Success' && r.runs >= 1)).toBe(true);
      // Asked to run again now, the scheduler does so and every run succeeds.
      await t.runPolicies();
      const [failures] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM timescaledb_information.job_stats WHERE job_id >= 1000 AND total_failures > 0`,
      );
      expect(failures!.n).toBe(0);
    },
  );

  it('scopes the claimed event ids to their units without losing a claim (ScopeEventIdsToUnits)', async () => {
    // Undone with the migrations after it, down to the schema before it.
    const after =
      MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'ScopeEventIdsToUnits1763800020000');
    expect(after).toBeLessThanOrEqual(MIGRATIONS.length);
    for (let i = 0; i < after; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    // Claims made before ids were scoped: a dossier event's, a rating's, and one whose event is gone.
    await t.dataSource.query(
      `INSERT INTO ingested_event_ids (id) VALUES ('old-receipt'), ('old-rating'), ('old-dropped')`,
    );
    await t.dataSource.query(
      `INSERT INTO dossier_events (at, id, unit_code, dossier_code, type, event)
       VALUES (now() - INTERVAL '1 day', 'old-receipt', '24781', 'OLD-1', 'dossier.received', '{}')`,
    );
    await t.dataSource.query(
      `INSERT INTO feedback (at, id, unit_code, rating, source) VALUES (now() - INTERVAL '1 day', 'old-rating', '22918', 5, 'kiosk')`,
    );
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect(
      await t.dataSource.query(
        `SELECT unit_code, id FROM ingested_event_ids WHERE id LIKE 'old-%' ORDER BY id`,
      ),
    ).toEqual([
      { unit_code: '', id: 'old-dropped' },
      { unit_code: '22918', id: 'old-rating' },
      { unit_code: '24781', id: 'old-receipt' },
    ]);
    const send = (unit: string, id: string) => t.post([aReceivedEvent(unit, { id })]);
    expect((await send('24781', 'old-receipt')).body).toMatchObject({ accepted: 0, duplicate: 1 });
    expect((await send('22918', 'old-receipt')).body).toMatchObject({ accepted: 1, duplicate: 0 });
    // The unit of a dropped event is unknown: its id stays claimed for every unit, as before.
    expect((await send('22954', 'old-dropped')).body).toMatchObject({ accepted: 0, duplicate: 1 });
  });

  it('rolls every migration back with its down() and applies them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const [left] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('units', 'dossiers', 'dossier_events', 'feedback')`,
    );
    expect(left.n).toBe(0);
    await t.dataSource.runMigrations({ transaction: 'each' });
    const [units] = await t.dataSource.query('SELECT count(*)::int AS n FROM units');
    expect(units.n).toBe(124);
  });
});
