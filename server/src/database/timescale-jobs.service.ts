import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const CHECK_EVERY_MS = 60_000;
/** After yielding to waiting requests, look again this soon. */
const RETRY_AFTER_YIELD_MS = 5_000;
const FIRST_CHECK_AFTER_MS = 20_000;

interface ScheduledJob {
  job_id: number;
  proc_name: string;
  schedule_seconds: number;
}

/**
 * The embedded engine has no background workers, so the server runs TimescaleDB's policy
 * jobs (continuous aggregate refresh, compression, retention) itself when they are due.
 * A real TimescaleDB server schedules them on its own; this service then does nothing.
 */
@Injectable()
export class TimescaleJobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimescaleJobsService.name);
  private readonly lastRun = new Map<number, number>();
  private readonly bootedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
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
    await this.running;
  }

  /**
   * Runs every policy job whose interval has elapsed since it last ran here. Returns the ids run.
   * With `yieldToRequests`, a job waits while requests queue for the engine's one connection
   * (a refresh can take a second), unless it is already a whole interval late.
   */
  async runDueJobs(now = Date.now(), yieldToRequests = false): Promise<{ ran: number[]; yielded: boolean }> {
    const jobs: ScheduledJob[] = await this.dataSource.query(
      `SELECT job_id, proc_name, extract(epoch FROM schedule_interval)::float8 AS schedule_seconds
       FROM timescaledb_information.jobs WHERE job_id >= 1000 ORDER BY job_id`,
    );
    const ran: number[] = [];
    let yielded = false;
    for (const job of jobs) {
      const intervalMs = job.schedule_seconds * 1000;
      const last = this.lastRun.get(job.job_id);
      if (last !== undefined && now - last < intervalMs) continue;
      const lateMs = now - (last ?? this.bootedAt) - intervalMs;
      if (yieldToRequests && lateMs < intervalMs && this.requestsWaiting()) {
        yielded = true;
        continue;
      }
      const started = Date.now();
      try {
        await this.dataSource.query(`CALL run_job($1)`, [job.job_id]);
        this.lastRun.set(job.job_id, now);
        ran.push(job.job_id);
        this.logger.debug(`job ${job.job_id} (${job.proc_name}) ran in ${Date.now() - started} ms`);
      } catch (error) {
        this.logger.warn(`job ${job.job_id} (${job.proc_name}) failed: ${(error as Error).message}`);
      }
    }
    return { ran, yielded };
  }

  private requestsWaiting(): boolean {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    return (pool?.waitingCount ?? 0) > 0;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let nextCheckMs = CHECK_EVERY_MS;
    this.running = this.runDueJobs(Date.now(), true)
      .then(({ yielded }) => {
        if (yielded) nextCheckMs = RETRY_AFTER_YIELD_MS;
      })
      .catch((error: unknown) =>
        this.logger.warn(`could not run TimescaleDB jobs: ${(error as Error).message}`),
      );
    await this.running;
    this.running = null;
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), nextCheckMs);
    this.timer.unref();
  }
}
