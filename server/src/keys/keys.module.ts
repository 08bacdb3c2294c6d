import { Module } from '@nestjs/common';
import { IngestKeyGuard } from './ingest-key.guard';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  providers: [KeysRepository, KeysService, IngestKeyGuard],
  exports: [KeysService, IngestKeyGuard],
})
export class KeysModule {}
