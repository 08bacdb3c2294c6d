import { Injectable } from '@nestjs/common';
import type { AlertRule, WallAlert } from '@ioc/shared';
import { evaluateAlerts } from './alert-evaluation';
import { AlertMeasurementsRepository, type CountsByWindow } from './alert-measurements.repository';
import { AlertRulesService } from './alert-rules.service';

/** What the live figures say at the moment of an evaluation. */
export interface LiveAlertInputs {
  silentUnits: readonly string[];
  overdueNow: ReadonlyMap<string, number>;
}

/**
 * Evaluates the enabled alert rules: the live figures give silence and overdue now, the database
 * the backlog samples of each rule's window and the anomalies in it. Stateless: the alerts of the
 * previous evaluation come in, so that an alert still in force keeps its `since`.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly measurements: AlertMeasurementsRepository,
  ) {}

  async evaluate(live: LiveAlertInputs, now: number, previous: readonly WallAlert[]): Promise<WallAlert[]> {
    const rules = (await this.rules.list()).filter((rule) => rule.enabled);
    const at = new Date(now);
    const surgeWindows = windowsOf(rules, 'overdue-surge');
    const stormWindows = windowsOf(rules, 'anomaly-storm');
    const none: CountsByWindow = new Map<number, Map<string, number>>();
    // Each kind's statement runs only when an enabled rule of that kind needs it.
    const overdueThen =
      surgeWindows.length > 0 ? await this.measurements.overdueSampledBefore(at, surgeWindows) : none;
    const anomalies =
      stormWindows.length > 0 ? await this.measurements.anomaliesWithin(at, stormWindows) : none;
    return evaluateAlerts(
      rules,
      { silentUnits: live.silentUnits, overdueNow: live.overdueNow, overdueThen, anomalies },
      at.toISOString(),
      previous,
    );
  }
}

function windowsOf(rules: readonly AlertRule[], kind: 'overdue-surge' | 'anomaly-storm'): number[] {
  const windows = new Set<number>();
  for (const rule of rules) if (rule.kind === kind) windows.add(rule.params.windowMinutes);
  return [...windows];
}
