import type { Unit } from '@ioc/shared';
import { deriveRng, uniform } from './prng';
import type { SimulationRates, UnitKind } from './simulation-rates';

/** How busy one unit's service center is and how well it performs: drawn once per unit and seed. */
export interface UnitProfile {
  code: string;
  name: string;
  kind: UnitKind;
  dossiersPerWorkingDay: number;
  onlineShare: number;
  postalShare: number;
  /** This unit's share of resolved dossiers that end up late; rankings need units to differ. */
  lateShare: number;
  syncedShare: number;
}

export function unitKindOf(unit: Pick<Unit, 'code' | 'typeEn'>): UnitKind {
  switch (unit.typeEn) {
    case 'ward':
      return 'ward';
    case 'commune':
      return 'commune';
    case 'special zone':
      return 'special-zone';
    default:
      throw new Error(`unit ${unit.code} has an unknown type '${unit.typeEn}'`);
  }
}

function clampShare(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function buildUnitProfile(unit: Unit, seed: number, rates: SimulationRates): UnitProfile {
  const rng = deriveRng(seed, 'unit-profile', unit.code);
  const kind = unitKindOf(unit);
  const volume = rates.dossiersPerWorkingDay[kind];
  // Urban wards file online a little more than rural communes.
  const onlineTilt = kind === 'ward' ? 0.05 : kind === 'commune' ? -0.02 : 0;
  const onlineShare = clampShare(rates.onlineShare + onlineTilt + uniform(rng, -0.06, 0.06));
  return {
    code: unit.code,
    name: unit.name,
    kind,
    dossiersPerWorkingDay: Math.round(uniform(rng, volume.min, volume.max)),
    onlineShare: Math.min(onlineShare, 1 - rates.postalShare),
    postalShare: rates.postalShare,
    lateShare: clampShare(
      rates.lateShare * uniform(rng, 1 - rates.lateShareSpread, 1 + rates.lateShareSpread),
    ),
    syncedShare: clampShare(rates.syncedShare + uniform(rng, -0.1, 0.1)),
  };
}
