import { existsSync } from 'node:fs';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AccessModule } from './access/access.module';
import { AlertsModule } from './alerts/alerts.module';
import { AnomaliesModule } from './anomalies/anomalies.module';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { DrilldownModule } from './drilldown/drilldown.module';
import { DatabaseUnavailableFilter } from './database/database-unavailable.filter';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { IngestModule } from './ingest/ingest.module';
import { KeysModule } from './keys/keys.module';
import { LiveModule } from './live/live.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { RankingsModule } from './rankings/rankings.module';
import { ReferenceModule } from './reference/reference.module';
import { ReportsModule } from './reports/reports.module';
import { TrendsModule } from './trends/trends.module';

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    // The built dashboard is served from the same port, so one URL is all a user needs.
    const dashboard = existsSync(config.dashboardDir)
      ? [ServeStaticModule.forRoot({ rootPath: config.dashboardDir, exclude: ['/api/{*path}'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config, clock),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        ReferenceModule,
        AccessModule,
        KeysModule,
        LiveModule,
        IngestModule,
        ImportsModule,
        HealthModule,
        AnomaliesModule,
        RankingsModule,
        DrilldownModule,
        ReportsModule,
        AlertsModule,
        TrendsModule,
        ...dashboard,
      ],
      providers: [{ provide: APP_FILTER, useClass: DatabaseUnavailableFilter }],
    };
  }
}
