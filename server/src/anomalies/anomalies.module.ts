import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { AnomaliesController } from './anomalies.controller';
import { AnomaliesRepository } from './anomalies.repository';

@Module({ imports: [ReferenceModule], controllers: [AnomaliesController], providers: [AnomaliesRepository] })
export class AnomaliesModule {}
