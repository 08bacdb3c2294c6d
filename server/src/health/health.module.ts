import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';

@Module({ imports: [DatabaseModule, LiveModule], controllers: [HealthController] })
export class HealthModule {}
