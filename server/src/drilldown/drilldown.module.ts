import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { DatabaseModule } from '../database/database.module';
import { ReferenceModule } from '../reference/reference.module';
import { ExpensiveReadThrottleGuard } from '../rankings/read-throttle.guard';
import { DossierExportService } from './dossier-export.service';
import { DossiersController } from './dossiers.controller';
import { DossiersRepository } from './dossiers.repository';
import { DossiersService } from './dossiers.service';
import { ProcessingTimesController } from './processing-times.controller';
import { ProcessingTimesService } from './processing-times.service';

/** Issue 14: from a figure to the single dossier — lists, exports, a dossier explained, processing times. */
@Module({
  imports: [ReferenceModule, AccessModule, DatabaseModule],
  controllers: [DossiersController, ProcessingTimesController],
  providers: [
    DossiersRepository,
    DossiersService,
    DossierExportService,
    ProcessingTimesService,
    ExpensiveReadThrottleGuard,
  ],
})
export class DrilldownModule {}
