import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { IngestBodyMiddleware } from '../ingest/ingest-body.middleware';
import { KeysModule } from '../keys/keys.module';
import { ReferenceModule } from '../reference/reference.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [IngestModule, KeysModule, ReferenceModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The same raw 8 MiB body reading as the ingest route: a Buffer, and 413 answered before parsing.
    consumer.apply(IngestBodyMiddleware).forRoutes(ImportsController);
  }
}
