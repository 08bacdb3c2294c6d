import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MIGRATIONS } from '@ioc/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseMetricsService } from './database-metrics.service';
import { DataVersionService } from './data-version.service';
import { DatabaseRepository } from './database.repository';
import { ReadGateService } from './read-gate.service';
import { EmbeddedSessionGuard } from './embedded-session.guard';
import { TimescaleJobsService } from './timescale-jobs.service';

/**
 * One TypeORM + pg data source for both modes. The embedded engine serves a single
 * connection at a time, hence a pool of one there; migrations run at boot.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl ?? undefined,
        synchronize: false,
        migrations: MIGRATIONS,
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        extra: {
          max: config.embeddedDatabase ? 1 : config.databasePoolSize,
          connectionTimeoutMillis: 5_000,
        },
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
  ],
  providers: [
    DatabaseRepository,
    DatabaseMetricsService,
    TimescaleJobsService,
    EmbeddedSessionGuard,
    ReadGateService,
    DataVersionService,
  ],
  exports: [DatabaseRepository, ReadGateService, DataVersionService],
})
export class DatabaseModule {}
