import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

export interface PolicyJob {
  jobId: number;
  procName: string;
  scheduleSeconds: number;
  /** What the job's procedure is called with (an aggregate refresh's view, bucket, window...). */
  config: Record<string, unknown> | null;
}

/** The database's own facts and chores: reachability, engine, TimescaleDB policy jobs. */
@Injectable()
export class DatabaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isReachable(): Promise<boolean> {
    return this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  /**
   * Whether the engine is PGlite (one shared session, no background workers), whether this
   * process started it or reaches it through DATABASE_URL: its version names the compiler.
   */
  async isEmbeddedEngine(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ version: string }[]>('SELECT version()');
    return /emscripten|emcc/i.test(row?.version ?? '');
  }

  /** The policies added by migrations (TimescaleDB's own jobs have ids below 1000). */
  policyJobs(): Promise<PolicyJob[]> {
    return this.dataSource.query<PolicyJob[]>(
      `SELECT job_id AS "jobId", proc_name AS "procName",
              extract(epoch FROM schedule_interval)::float8 AS "scheduleSeconds", config
       FROM timescaledb_information.jobs WHERE job_id >= 1000 ORDER BY job_id`,
    );
  }

  /** Asks a real server's job scheduler to start these jobs now (it runs them on its own workers). */
  async scheduleJobsNow(jobIds: readonly number[]): Promise<void> {
    await this.dataSource.query(
      `SELECT alter_job(job_id, next_start => clock_timestamp()) FROM unnest($1::int[]) AS job_id`,
      [jobIds],
    );
  }

  /**
   * Of these jobs, those the scheduler has not finished successfully since `since` (still to
   * start, running, or failed since), with the last error seen.
   */
  jobsNotDoneSince(
    jobIds: readonly number[],
    since: Date,
  ): Promise<{ jobId: number; status: string | null; error: string | null }[]> {
    return this.dataSource.query(
      `SELECT j.job_id AS "jobId", s.last_run_status AS status,
              (SELECT e.err_message FROM timescaledb_information.job_errors e
               WHERE e.job_id = j.job_id ORDER BY e.finish_time DESC LIMIT 1) AS error
       FROM unnest($1::int[]) AS j(job_id)
       LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
       WHERE s.last_successful_finish IS NULL OR s.last_successful_finish < $2
          OR s.job_status = 'Running' OR s.last_run_started_at > s.last_successful_finish`,
      [jobIds, since],
    );
  }

  /** Now by the database's clock (a job's times are recorded by it). */
  async now(): Promise<Date> {
    const [row] = await this.dataSource.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    return row!.now;
  }

  /** Each policy job's runs by the server's scheduler (`job` = id and procedure, e.g. `1012 policy_refresh…`). */
  jobStats(): Promise<{ job: string; successes: number; failures: number }[]> {
    return this.dataSource.query(
      `SELECT j.job_id || ' ' || j.proc_name || coalesce(' ' || j.hypertable_name, '') AS job,
              coalesce(s.total_successes, 0)::int AS successes, coalesce(s.total_failures, 0)::int AS failures
       FROM timescaledb_information.jobs j LEFT JOIN timescaledb_information.job_stats s USING (job_id)
       WHERE j.job_id >= 1000 ORDER BY j.job_id`,
    );
  }

  /**
   * Times every statement and every wait for a pooled connection. pg has no hooks for either,
   * so the pool's `connect` and each client's `query` are wrapped, once each, here.
   */
  instrument(observe: {
    query(statement: string, seconds: number): void;
    poolWait(seconds: number): void;
  }): void {
    const pool = this.pool();
    if (!pool) return;
    const instrumented = new WeakSet<PoolClient>();
    // On every checkout, not on connect: the migrations' connections are already in the pool.
    pool.on('acquire', (client: PoolClient) => {
      if (instrumented.has(client)) return;
      instrumented.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const started = performance.now();
        const result = query(...args);
        const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? 'COPY');
        const statement = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'OTHER';
        const done = () => observe.query(statement, (performance.now() - started) / 1000);
        if (result instanceof Promise) result.then(done, done);
        else if (result && typeof (result as NodeJS.EventEmitter).once === 'function') {
          (result as NodeJS.EventEmitter).once('finish', done);
        }
        return result;
      };
    });
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
      const started = performance.now();
      const waited = () => observe.poolWait((performance.now() - started) / 1000);
      const callback = args[0];
      if (typeof callback === 'function') {
        return connect((...answer: unknown[]) => {
          waited();
          (callback as (...a: unknown[]) => void)(...answer);
        });
      }
      const result = connect() as Promise<unknown>;
      result.then(waited, waited);
      return result;
    };
  }

  async runJob(jobId: number): Promise<void> {
    await this.dataSource.query('CALL run_job($1)', [jobId]);
  }

  /**
   * Runs an aggregate refresh job (migration BoundAggregateRefreshRuns) for about `budgetMs`: it
   * stops after the window that ends past the budget. Returns the windows it left for a next run.
   * Called as `run_job` would, with the budget added to its configuration.
   */
  async runRefreshJob(job: PolicyJob, budgetMs: number): Promise<number> {
    const config = { ...job.config, budget: `${budgetMs} milliseconds` };
    await this.dataSource.query('CALL ioc_refresh_aggregate($1, $2::jsonb)', [job.jobId, config]);
    return this.refreshWindowsLeft(job);
  }

  /** The windows of an aggregate refresh job's pending history (changes not refreshed yet). */
  async refreshWindowsLeft(job: PolicyJob): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM ioc_refresh_windows($1::jsonb)',
      [job.config],
    );
    return row!.n;
  }

  /** VACUUM (dead rows out) or ANALYZE (the planner's statistics) of tables, outside any transaction. */
  async maintain(chore: 'vacuum' | 'analyze', tables: readonly string[]): Promise<void> {
    await this.dataSource.query(`${chore === 'vacuum' ? 'VACUUM' : 'ANALYZE'} ${tables.join(', ')}`);
  }

  /** The id of the newest ingest audit row (one per ingest request), '0' before the first. */
  async newestIngestRequest(): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string | null }[]>(
      'SELECT max(id)::text AS id FROM ingest_audit',
    );
    return row?.id ?? '0';
  }

  /** Whether requests are queued for a connection right now (the embedded engine has one). */
  requestsWaiting(): boolean {
    return (this.pool()?.waitingCount ?? 0) > 0;
  }

  /** Runs a statement first on every new connection, before anything else uses it. */
  onNewConnection(firstStatement: string, onError: (error: Error) => void): void {
    this.pool()?.on('connect', (client: PoolClient) => {
      client.query(firstStatement).catch(onError);
    });
  }

  private pool(): Pool | undefined {
    return (this.dataSource.driver as unknown as { master?: Pool }).master;
  }
}
