import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { CalendarController } from './calendar.controller';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';
import { UnitsController } from './units.controller';

@Module({
  imports: [AdminModule],
  controllers: [UnitsController, CalendarController],
  providers: [ReferenceRepository, ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
