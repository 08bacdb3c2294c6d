import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DatabaseRepository, type PolicyJob } from './database.repository';

/**
 * The continuous aggregates' refresh job (migrations RefreshAggregatesThroughBucketStarts, and
 * BoundAggregateRefreshRuns: a run here stops at IOC_EMBEDDED_REFRESH_BUDGET_MS).
 */
const REFRESH_JOB = 'ioc_refresh_aggregate';
const CHECK_EVERY_MS = 60_000;
/** After yielding to waiting requests, or a refresh stopped at its budget, look again this soon. */
const RETRY_AFTER_YIELD_MS = 5_000;
const FIRST_CHECK_AFTER_MS = 20_000;
/**
 * The embedded engine has no autovacuum either, nor the table statistics that would drive one:
 * without these chores every update of a dossier leaves a dead row behind (the table and its
 * indexes grow several times over) and the planner never learns how large `dossiers` has grown.
 * Their ids sit below TimescaleDB's own jobs (policy jobs are numbered from 1000).
 */
export const EMBEDDED_CHORES = [
  {
    jobId: 0,
    procName: 'vacuum',
    scheduleSeconds: 10 * 60,
    // The tables ingest updates in place; the event hypertables are append-only. Cheap when
    // little changed: it only visits pages written since the last one (tens of ms on a year).
    tables: ['dossiers', 'dossier_timelines', 'dossier_facts', 'dossier_anomalies', 'unit_freshness'],
  },
  {
    jobId: 1,
    procName: 'analyze',
    scheduleSeconds: 60 * 60,
    // Only the tables whose queries the planner must size: ANALYZE samples 30,000 rows of each
    // (a second for `dossiers` with a year of history; four for the facts hypertable's chunks,
    // which are only ever read by time range). Dossier timelines are only read by key.
    tables: ['dossiers', 'dossier_anomalies', 'unit_freshness'],
  },
] as const;

/** Of one round of jobs: the ids run, whether any waited for requests, the refreshes with windows left. */
export interface JobRuns {
  ran: number[];
  yielded: boolean;
  unfinished: number[];
}

/**
 * The embedded engine has no background workers, so the server runs TimescaleDB's policy
 * jobs (continuous aggregate refresh, compression, retention) itself when they are due, and
 * the vacuum and analyze autovacuum would run (`EMBEDDED_CHORES`), each on the engine's one
 * connection: an aggregate refresh therefore runs within a budget and goes on a few seconds
 * later. A real TimescaleDB server schedules its jobs and autovacuum on its own workers and
 * connections; this service then does nothing.
 */
@Injectable()
export class TimescaleJobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimescaleJobsService.name);
  private readonly lastRun = new Map<number, number>();
  /** Refresh jobs whose last run stopped at its budget with windows left: due again at once. */
  private readonly unfinished = new Set<number>();
  private readonly bootedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  /** The runs, one after the other (`serialised`); shutdown waits for the last. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseRepository,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.embeddedDatabase) return;
    this.timer = setTimeout(() => void this.tick(), FIRST_CHECK_AFTER_MS);
    this.timer.unref();
  }

  /** Before the data source closes: no new run, and a job in flight finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue;
  }

  /**
   * Runs every policy job whose interval has elapsed since it last ran here, and every refresh
   * whose last run left windows. Returns the ids run and those left `unfinished`. With
   * `yieldToRequests`, a job waits while requests queue for the engine's one connection (a
   * refresh run can take its budget), unless it is already a whole interval late.
   */
  runDueJobs(now = Date.now(), yieldToRequests = false): Promise<JobRuns> {
    return this.serialised(() => this.runJobs(now, yieldToRequests ? 'yield' : 'due'));
  }

  /**
   * Runs every job at once, whatever its schedule, after any run in flight, and each refresh run
   * after run until nothing is left: what the policies would have done during a bulk load (the
   * ranking benchmark calls it before measuring).
   */
  async runAllJobs(): Promise<number[]> {
    return (await this.serialised(() => this.runJobs(Date.now(), 'all'))).ran;
  }

  /**
   * Runs every policy now and returns when each has finished once more: on the embedded engine by
   * running them here (`runAllJobs`); on a real server by asking its scheduler to start them now
   * and waiting for it, twice for the refresh policies, because a monthly rollup must see the
   * daily aggregate its own refresh just rewrote. What a bulk load or a test waits for instead of
   * the policies' next scheduled run.
   */
  async runPoliciesNow(timeoutMs = 60_000): Promise<void> {
    if (this.config.embeddedDatabase || (await this.database.isEmbeddedEngine())) {
      await this.runAllJobs();
      return;
    }
    const jobs = await this.database.policyJobs();
    const refreshes = jobs.filter((j) => j.procName === REFRESH_JOB);
    for (const round of [jobs, refreshes]) {
      const ids = round.map((j) => j.jobId);
      const since = await this.database.now();
      await this.database.scheduleJobsNow(ids);
      await this.untilJobsDone(ids, since, timeoutMs);
    }
  }

  /** Waits until the scheduler has run every one of these jobs successfully since `since`. */
  async untilJobsDone(jobIds: readonly number[], since: Date, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = await this.database.jobsNotDoneSince(jobIds, since);
      if (left.length === 0) return;
      if (Date.now() > deadline) {
        const which = left.map(
          (j) => `${j.jobId} (${j.status ?? 'not run'}${j.error ? `: ${j.error}` : ''})`,
        );
        throw new Error(`TimescaleDB did not run these policies within ${timeoutMs} ms: ${which.join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** One run at a time: two would only queue for the one connection, and could time out there. */
  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runJobs(now: number, which: 'due' | 'yield' | 'all'): Promise<JobRuns> {
    const jobs = [...EMBEDDED_CHORES, ...(await this.database.policyJobs())];
    const ran: number[] = [];
    let yielded = false;
    for (const job of jobs) {
      const intervalMs = job.scheduleSeconds * 1000;
      const last = this.lastRun.get(job.jobId);
      const resumed = this.unfinished.has(job.jobId);
      if (which !== 'all' && !resumed && last !== undefined && now - last < intervalMs) continue;
      const lateMs = now - (last ?? this.bootedAt) - intervalMs;
      if (which === 'yield' && lateMs < intervalMs && this.database.requestsWaiting()) {
        yielded = true;
        continue;
      }
      const started = Date.now();
      try {
        if ('tables' in job) await this.database.maintain(job.procName, job.tables);
        else if (job.procName === REFRESH_JOB) await this.refresh(job, which === 'all');
        else await this.database.runJob(job.jobId);
        this.lastRun.set(job.jobId, now);
        ran.push(job.jobId);
        this.metrics.jobRuns.inc({ job: `${job.jobId} ${job.procName}`, outcome: 'success' });
        this.logger.debug(`job ${job.jobId} (${job.procName}) ran in ${Date.now() - started} ms`);
      } catch (error) {
        // A failing refresh is tried again on its schedule, not every few seconds.
        this.unfinished.delete(job.jobId);
        this.metrics.jobRuns.inc({ job: `${job.jobId} ${job.procName}`, outcome: 'failure' });
        this.logger.warn(`job ${job.jobId} (${job.procName}) failed: ${(error as Error).message}`);
      }
    }
    return { ran, yielded, unfinished: [...this.unfinished] };
  }

  /**
   * One run of an aggregate refresh, bounded by IOC_EMBEDDED_REFRESH_BUDGET_MS (a wide pending
   * history, after an import of old dossiers, would otherwise hold the one connection for
   * minutes), or with `untilDone` run after run until nothing is left. Between two runs queued
   * requests get the connection first.
   */
  private async refresh(job: PolicyJob, untilDone: boolean): Promise<void> {
    const run = () => this.database.runRefreshJob(job, this.config.embeddedRefreshBudgetMs);
    let left = await run();
    // A run takes one window at least and may leave a sliver of it in the next: twice the windows
    // left is more runs than the backlog needs, and bounds the loop if a window never cleared.
    for (let runs = 2 * left; untilDone && left > 0 && runs > 0; runs--) left = await run();
    if (left > 0) this.unfinished.add(job.jobId);
    else this.unfinished.delete(job.jobId);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let nextCheckMs = CHECK_EVERY_MS;
    try {
      const { yielded, unfinished } = await this.runDueJobs(Date.now(), true);
      if (yielded || unfinished.length > 0) nextCheckMs = RETRY_AFTER_YIELD_MS;
    } catch (error) {
      this.logger.warn(`could not run TimescaleDB jobs: ${(error as Error).message}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), nextCheckMs);
    this.timer.unref();
  }
}
