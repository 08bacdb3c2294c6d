import type { Unit } from '@ioc/shared';
import { createContext, useContext } from 'react';

export interface UnitDirectory {
  units: readonly Unit[];
  byCode: ReadonlyMap<string, Unit>;
}

export const UnitsContext = createContext<UnitDirectory>({ units: [], byCode: new Map() });

/** The 124 units (fetched once by the app before any screen shows). */
export function useUnitDirectory(): UnitDirectory {
  return useContext(UnitsContext);
}

export function unitDirectoryOf(units: readonly Unit[]): UnitDirectory {
  return { units, byCode: new Map(units.map((unit) => [unit.code, unit])) };
}
