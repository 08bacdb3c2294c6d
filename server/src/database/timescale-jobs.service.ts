import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const CHECK_EVERY_MS = 60_000;
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

  /** Runs every policy job whose interval has elapsed since it last ran here. Returns the ids run. */
  async runDueJobs(now = Date.now()): Promise<number[]> {
    const jobs: ScheduledJob[] = await this.dataSource.query(
      `SELECT job_id, proc_name, extract(epoch FROM schedule_interval)::float8 AS schedule_seconds
       FROM timescaledb_information.jobs WHERE job_id >= 1000 ORDER BY job_id`,
    );
    const ran: number[] = [];
    for (const job of jobs) {
      const last = this.lastRun.get(job.job_id);
      if (last !== undefined && now - last < job.schedule_seconds * 1000) continue;
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
    return ran;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.running = this.runDueJobs()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.warn(`could not run TimescaleDB jobs: ${(error as Error).message}`),
      );
    await this.running;
    this.running = null;
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }
}
