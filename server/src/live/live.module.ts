import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { LiveGateway } from './live.gateway';
import { LiveMetricsRepository } from './live-metrics.repository';
import { LiveMetricsService } from './live-metrics.service';

@Module({
  imports: [ReferenceModule],
  providers: [LiveMetricsRepository, LiveMetricsService, LiveGateway],
  exports: [LiveMetricsService],
})
export class LiveModule {}
