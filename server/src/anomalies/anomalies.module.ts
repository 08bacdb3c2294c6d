import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { AnomaliesController } from './anomalies.controller';
import { AnomaliesRepository } from './anomalies.repository';
import { AnomaliesService } from './anomalies.service';

@Module({
  imports: [ReferenceModule],
  controllers: [AnomaliesController],
  providers: [AnomaliesRepository, AnomaliesService],
})
export class AnomaliesModule {}
