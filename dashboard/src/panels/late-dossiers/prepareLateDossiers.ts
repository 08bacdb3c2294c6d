import type { FeedDossier, Unit } from '@ioc/shared';
import { formatCount, formatShare } from '../../format/figures';
import { formatVietnamDayTime } from '../../format/vietnamTime';
import { overdueShare, type UnitLiveMetrics } from '../../live/entries';
import { shortUnitName } from '../../units/unitName';

/** Items of each list the panel shows: as many as fit its box at every screen size. */
export const TICKER_ITEMS = 5;
export const WORST_UNITS = 6;

export interface TickerItemView {
  key: string;
  unitCode: string;
  unitName: string;
  dossierCode: string;
  procedure: string;
  /** `HH:mm dd/MM` of the deadline that passed. */
  due: string;
  /** `HH:mm dd/MM` of the late result; null for a dossier still open. */
  resolved: string | null;
}

export interface WorstUnitView {
  unitCode: string;
  unitName: string;
  overdue: string;
  share: string;
  /** The bar's length: this unit's overdue count ÷ the first unit's, 0–1. */
  bar: number;
}

function unitNameOf(units: ReadonlyMap<string, Unit>, code: string): string {
  const unit = units.get(code);
  return unit ? shortUnitName(unit.name) : code;
}

export function prepareTicker(
  dossiers: readonly FeedDossier[],
  units: ReadonlyMap<string, Unit>,
  unknownProcedure: string,
): TickerItemView[] {
  return dossiers.slice(0, TICKER_ITEMS).map((dossier) => ({
    key: `${dossier.unitCode}/${dossier.dossierCode}`,
    unitCode: dossier.unitCode,
    unitName: unitNameOf(units, dossier.unitCode),
    dossierCode: dossier.dossierCode,
    procedure: dossier.procedureName ?? dossier.procedureCode ?? unknownProcedure,
    due: formatVietnamDayTime(Date.parse(dossier.dueAt)),
    resolved: dossier.resolvedAt === null ? null : formatVietnamDayTime(Date.parse(dossier.resolvedAt)),
  }));
}

/** The units with the most overdue dossiers right now (ties by name), with their share of open work. */
export function prepareWorstUnits(
  metrics: ReadonlyMap<string, UnitLiveMetrics>,
  units: ReadonlyMap<string, Unit>,
): WorstUnitView[] {
  const worst = [...metrics.values()]
    .filter((unit) => unit.overdue > 0)
    .map((unit) => ({ unit, name: unitNameOf(units, unit.unitCode) }))
    .sort((a, b) => b.unit.overdue - a.unit.overdue || a.name.localeCompare(b.name, 'vi'))
    .slice(0, WORST_UNITS);
  const most = worst[0]?.unit.overdue ?? 0;
  return worst.map(({ unit, name }) => ({
    unitCode: unit.unitCode,
    unitName: name,
    overdue: formatCount(unit.overdue),
    share: formatShare(overdueShare(unit)),
    bar: most === 0 ? 0 : unit.overdue / most,
  }));
}
