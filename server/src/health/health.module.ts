import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';
import { ShutdownService } from './shutdown.service';

@Module({
  imports: [DatabaseModule, LiveModule],
  controllers: [HealthController],
  providers: [ShutdownService],
  exports: [ShutdownService],
})
export class HealthModule {}
