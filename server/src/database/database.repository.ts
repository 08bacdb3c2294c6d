import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

export interface PolicyJob {
  jobId: number;
  procName: string;
  scheduleSeconds: number;
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

  async serverVersion(): Promise<string> {
    const [row] = await this.dataSource.query<{ version: string }[]>('SELECT version()');
    return row?.version ?? '';
  }

  /** The policies added by migrations (TimescaleDB's own jobs have ids below 1000). */
  policyJobs(): Promise<PolicyJob[]> {
    return this.dataSource.query<PolicyJob[]>(
      `SELECT job_id AS "jobId", proc_name AS "procName",
              extract(epoch FROM schedule_interval)::float8 AS "scheduleSeconds"
       FROM timescaledb_information.jobs WHERE job_id >= 1000 ORDER BY job_id`,
    );
  }

  async runJob(jobId: number): Promise<void> {
    await this.dataSource.query('CALL run_job($1)', [jobId]);
  }

  /** VACUUM (dead rows out) or ANALYZE (the planner's statistics) of tables, outside any transaction. */
  async maintain(chore: 'vacuum' | 'analyze', tables: readonly string[]): Promise<void> {
    await this.dataSource.query(`${chore === 'vacuum' ? 'VACUUM' : 'ANALYZE'} ${tables.join(', ')}`);
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
