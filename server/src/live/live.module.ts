import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { RankingsModule } from '../rankings/rankings.module';
import { ReferenceModule } from '../reference/reference.module';
import { BacklogHistoryController } from './backlog-history.controller';
import { BacklogHistoryRepository } from './backlog-history.repository';
import { BacklogSamplerService } from './backlog-sampler.service';
import { LiveAlertsService } from './live-alerts.service';
import { LiveClusterService } from './live-cluster.service';
import { LiveFeedRepository } from './live-feed.repository';
import { LiveFeedService } from './live-feed.service';
import { LiveGateway } from './live.gateway';
import { LiveMetricsRepository } from './live-metrics.repository';
import { LiveMetricsService } from './live-metrics.service';
import { LiveRankingService } from './live-ranking.service';
import { LiveStreamService } from './live-stream.service';

@Module({
  imports: [ReferenceModule, RankingsModule, AlertsModule],
  controllers: [BacklogHistoryController],
  providers: [
    LiveMetricsRepository,
    LiveMetricsService,
    LiveStreamService,
    LiveRankingService,
    LiveFeedRepository,
    LiveFeedService,
    LiveAlertsService,
    LiveClusterService,
    LiveGateway,
    BacklogHistoryRepository,
    BacklogSamplerService,
  ],
  exports: [LiveMetricsService, LiveStreamService, LiveClusterService, LiveGateway],
})
export class LiveModule {}
