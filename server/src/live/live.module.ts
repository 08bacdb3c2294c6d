import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { BacklogHistoryController } from './backlog-history.controller';
import { BacklogHistoryRepository } from './backlog-history.repository';
import { BacklogSamplerService } from './backlog-sampler.service';
import { LiveGateway } from './live.gateway';
import { LiveMetricsRepository } from './live-metrics.repository';
import { LiveMetricsService } from './live-metrics.service';

@Module({
  imports: [ReferenceModule],
  controllers: [BacklogHistoryController],
  providers: [
    LiveMetricsRepository,
    LiveMetricsService,
    LiveGateway,
    BacklogHistoryRepository,
    BacklogSamplerService,
  ],
  exports: [LiveMetricsService],
})
export class LiveModule {}
