import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { ReferenceModule } from '../reference/reference.module';
import { IngestKeyGuard } from './ingest-key.guard';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [AdminModule, ReferenceModule],
  controllers: [KeysController],
  providers: [KeysRepository, KeysService, IngestKeyGuard],
  exports: [KeysService, IngestKeyGuard],
})
export class KeysModule {}
