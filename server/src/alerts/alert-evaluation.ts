import type { AlertRule, AlertRuleParams, AlertSeverity, WallAlert } from '@ioc/shared';
import type { CountsByWindow } from './alert-measurements.repository';

/** What the rules are evaluated on, measured at one moment. */
export interface AlertMeasurements {
  /** The units silent right now (live figures). */
  silentUnits: readonly string[];
  /** Every unit's overdue dossiers right now (live figures). */
  overdueNow: ReadonlyMap<string, number>;
  /** Per window of minutes: each unit's overdue count in the backlog sample of then (absent: none). */
  overdueThen: CountsByWindow;
  /** Per window of minutes: each unit's anomalies in the window. */
  anomalies: CountsByWindow;
}

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1 };

/**
 * The alerts in force: every enabled rule against the measurements. An alert that was already
 * in force (`previous`, same key) keeps its `since`; a new one starts at `now`. Ordered critical
 * first, then by rule and unit, so that the same situation always reads the same.
 */
export function evaluateAlerts(
  rules: readonly AlertRule[],
  measured: AlertMeasurements,
  now: string,
  previous: readonly WallAlert[],
): WallAlert[] {
  const sinceByKey = new Map(previous.map((alert) => [alertKey(alert), alert.since]));
  const raised: Omit<WallAlert, 'since'>[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const base = { rule: rule.code, kind: rule.kind, severity: rule.severity };
    switch (rule.kind) {
      case 'unit-silent': {
        const units = [...measured.silentUnits].sort();
        if (units.length >= rule.params.minUnits) {
          raised.push({
            ...base,
            unitCodes: units,
            value: units.length,
            baseline: null,
            threshold: rule.params.minUnits,
            windowMinutes: null,
          });
        }
        break;
      }
      case 'overdue-surge':
        raised.push(...overdueSurges(base, rule.params, measured));
        break;
      case 'anomaly-storm': {
        const { windowMinutes, minAnomalies } = rule.params;
        for (const [unit, anomalies] of sortedByUnit(measured.anomalies.get(windowMinutes))) {
          if (anomalies < minAnomalies) continue;
          raised.push({
            ...base,
            unitCodes: [unit],
            value: anomalies,
            baseline: null,
            threshold: minAnomalies,
            windowMinutes,
          });
        }
        break;
      }
    }
  }
  return raised
    .map((alert) => ({ ...alert, since: sinceByKey.get(alertKey(alert)) ?? now }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.rule.localeCompare(b.rule) ||
        a.unitCodes.join().localeCompare(b.unitCodes.join()),
    );
}

/**
 * What makes an alert the same one from one evaluation to the next: its rule, and for the rules
 * raised per unit, the unit. Silent units are one alert whose list of units changes while it lasts.
 */
export function alertKey(alert: Pick<WallAlert, 'rule' | 'kind' | 'unitCodes'>): string {
  return alert.kind === 'unit-silent' ? alert.rule : `${alert.rule}|${alert.unitCodes.join(',')}`;
}

/**
 * Overdue grew by at least `minIncrease` dossiers and by at least `minIncreaseShare` of what it
 * was `windowMinutes` ago (from nothing, any growth is a share). Without a sample of then there is
 * no comparison, hence no alert.
 */
export function isOverdueSurge(now: number, then: number, params: AlertRuleParams<'overdue-surge'>): boolean {
  const increase = now - then;
  if (increase < params.minIncrease) return false;
  return then === 0 || increase / then >= params.minIncreaseShare;
}

function overdueSurges(
  base: Pick<WallAlert, 'rule' | 'kind' | 'severity'>,
  params: AlertRuleParams<'overdue-surge'>,
  measured: AlertMeasurements,
): Omit<WallAlert, 'since'>[] {
  const then = measured.overdueThen.get(params.windowMinutes) ?? new Map<string, number>();
  const alert = (unitCodes: string[], value: number, baseline: number) => ({
    ...base,
    unitCodes,
    value,
    baseline,
    threshold: params.minIncrease,
    windowMinutes: params.windowMinutes,
  });
  if (params.scope === 'province') {
    if (then.size === 0) return [];
    // Over the units sampled then (every unit, unless that sample is partial): like with like.
    const value = sum([...then.keys()].map((unit) => measured.overdueNow.get(unit) ?? 0));
    const baseline = sum(then.values());
    return isOverdueSurge(value, baseline, params) ? [alert([], value, baseline)] : [];
  }
  const surges: Omit<WallAlert, 'since'>[] = [];
  for (const [unit, baseline] of sortedByUnit(then)) {
    const value = measured.overdueNow.get(unit) ?? 0;
    if (isOverdueSurge(value, baseline, params)) surges.push(alert([unit], value, baseline));
  }
  return surges;
}

function sortedByUnit(counts: ReadonlyMap<string, number> | undefined): [string, number][] {
  return [...(counts ?? [])].sort(([a], [b]) => a.localeCompare(b));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
