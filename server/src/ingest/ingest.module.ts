import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { KeysModule } from '../keys/keys.module';
import { LiveModule } from '../live/live.module';
import { ReferenceModule } from '../reference/reference.module';
import { IngestBodyMiddleware } from './ingest-body.middleware';
import { IngestController } from './ingest.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';

@Module({
  imports: [DatabaseModule, KeysModule, ReferenceModule, LiveModule],
  controllers: [IngestController],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(IngestBodyMiddleware).forRoutes(IngestController);
  }
}
