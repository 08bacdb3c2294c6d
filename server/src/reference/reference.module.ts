import { Module } from '@nestjs/common';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';
import { UnitsController } from './units.controller';

@Module({
  controllers: [UnitsController],
  providers: [ReferenceRepository, ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
