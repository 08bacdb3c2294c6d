import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { DatabaseModule } from '../database/database.module';
import { ReferenceModule } from '../reference/reference.module';
import { RankingReadsService } from './ranking-reads.service';
import { ExpensiveReadThrottleGuard } from './read-throttle.guard';
import { RankingsController } from './rankings.controller';
import { RankingsRepository } from './rankings.repository';
import { RankingsService } from './rankings.service';
import { ServiceIndexRulesController } from './service-index-rules.controller';
import { ServiceIndexRulesService } from './service-index-rules.service';

/**
 * The service index and the province-wide ranking; `RankingsService` is exported for the live
 * layer and the meeting report, with the expensive reads' gate and throttle.
 */
@Module({
  imports: [ReferenceModule, AdminModule, DatabaseModule],
  controllers: [RankingsController, ServiceIndexRulesController],
  providers: [
    RankingsRepository,
    RankingsService,
    ServiceIndexRulesService,
    RankingReadsService,
    ExpensiveReadThrottleGuard,
  ],
  exports: [RankingsService, RankingReadsService, ExpensiveReadThrottleGuard],
})
export class RankingsModule {}
