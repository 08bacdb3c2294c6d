import type { Unit, WallAlert } from '@ioc/shared';
import { formatCount, formatSignedCount } from '../../format/figures';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import { shortUnitName } from '../../units/unitName';

/** Lines the banner shows; the rest are counted ("and 2 more"). */
export const ALERT_LINES = 3;
/** Units named in one line; the rest are counted. */
const UNITS_NAMED = 4;

export interface AlertLineView {
  key: string;
  severity: WallAlert['severity'];
  message: { key: MessageKey; params: MessageParams };
  unitCodes: string[];
}

export interface AlertBannerView {
  lines: AlertLineView[];
  /** Alerts in force beyond the lines shown. */
  more: number;
}

function namesOf(
  codes: readonly string[],
  units: ReadonlyMap<string, Unit>,
  andMore: (count: number) => string,
): string {
  const names = codes.slice(0, UNITS_NAMED).map((code) => {
    const unit = units.get(code);
    return unit ? shortUnitName(unit.name) : code;
  });
  const rest = codes.length - names.length;
  return rest > 0 ? `${names.join(', ')} ${andMore(rest)}` : names.join(', ');
}

function messageOf(alert: WallAlert, units: string): AlertLineView['message'] {
  switch (alert.kind) {
    case 'unit-silent':
      return { key: 'alert.unitSilent', params: { count: formatCount(alert.unitCodes.length), units } };
    case 'overdue-surge': {
      const params = {
        increase: formatSignedCount(alert.value - (alert.baseline ?? alert.value)),
        from: formatCount(alert.baseline ?? 0),
        to: formatCount(alert.value),
        minutes: alert.windowMinutes ?? 0,
        units,
      };
      return alert.unitCodes.length === 0
        ? { key: 'alert.overdueSurgeProvince', params }
        : { key: 'alert.overdueSurgeUnits', params };
    }
    case 'anomaly-storm':
      return {
        key: 'alert.anomalyStorm',
        params: { count: formatCount(alert.value), minutes: alert.windowMinutes ?? 0, units },
      };
  }
}

/** Critical alerts first, then by how long they have been in force (oldest first): a stable banner. */
export function prepareAlerts(
  alerts: readonly WallAlert[],
  units: ReadonlyMap<string, Unit>,
  andMore: (count: number) => string,
): AlertBannerView {
  const ordered = [...alerts].sort(
    (a, b) =>
      (a.severity === 'critical' ? 0 : 1) - (b.severity === 'critical' ? 0 : 1) ||
      a.since.localeCompare(b.since) ||
      a.rule.localeCompare(b.rule),
  );
  return {
    lines: ordered.slice(0, ALERT_LINES).map((alert) => ({
      key: `${alert.rule}:${alert.unitCodes.join(',')}`,
      severity: alert.severity,
      message: messageOf(alert, namesOf(alert.unitCodes, units, andMore)),
      unitCodes: alert.unitCodes,
    })),
    more: Math.max(0, ordered.length - ALERT_LINES),
  };
}
