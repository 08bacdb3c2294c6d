import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { TrendsController } from './trends.controller';
import { TrendsRepository } from './trends.repository';
import { TrendsService } from './trends.service';

/** The wall's comparisons with earlier moments and its daily flow. */
@Module({
  imports: [ReferenceModule],
  controllers: [TrendsController],
  providers: [TrendsRepository, TrendsService],
})
export class TrendsModule {}
