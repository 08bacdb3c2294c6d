import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ReferenceModule } from '../reference/reference.module';
import { RankingsModule } from '../rankings/rankings.module';
import { ReportSnapshotsController, ReportsController } from './reports.controller';
import { ReportSnapshotsRepository } from './report-snapshots.repository';
import { ReportSnapshotsService } from './report-snapshots.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** The Party committee meeting report (issue 15): live, frozen as snapshots, as PDF and XLSX. */
@Module({
  imports: [RankingsModule, ReferenceModule, AccessModule],
  controllers: [ReportsController, ReportSnapshotsController],
  providers: [ReportsRepository, ReportsService, ReportSnapshotsRepository, ReportSnapshotsService],
})
export class ReportsModule {}
