import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DatabaseRepository } from './database.repository';

/** The database's figures on `/metrics`: statement times, pool waits, a real server's job runs. */
@Injectable()
export class DatabaseMetricsService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseRepository,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.database.instrument({
      query: (statement, seconds) => this.metrics.dbQueries.observe({ statement }, seconds),
      poolWait: (seconds) => this.metrics.dbPoolWaits.observe(seconds),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.embeddedDatabase || (await this.database.isEmbeddedEngine().catch(() => true))) return;
    this.metrics.collectServerJobStatsFrom(() => this.database.jobStats());
  }
}
