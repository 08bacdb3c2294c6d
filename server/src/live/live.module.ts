import { Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { LiveMetricsRepository } from './live-metrics.repository';
import { LiveMetricsService } from './live-metrics.service';

@Module({
  providers: [LiveMetricsRepository, LiveMetricsService, LiveGateway],
  exports: [LiveMetricsService],
})
export class LiveModule {}
