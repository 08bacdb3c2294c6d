import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { AlertMeasurementsRepository } from './alert-measurements.repository';
import { AlertRulesController } from './alert-rules.controller';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import { AlertsService } from './alerts.service';

/** The wall's alert rules and their evaluation; the live layer publishes the alerts (scope `alerts`). */
@Module({
  imports: [AdminModule],
  controllers: [AlertRulesController],
  providers: [AlertRulesRepository, AlertMeasurementsRepository, AlertRulesService, AlertsService],
  exports: [AlertRulesService, AlertsService],
})
export class AlertsModule {}
