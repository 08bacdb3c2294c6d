import type { Route } from '../router/routes';
import { FORMER_PROVINCES } from '../units/formerProvinces';

/** How many of the units with the most overdue work the rotation spotlights, one per cycle. */
export const SPOTLIGHT_UNITS = 5;

/**
 * One cycle of an unattended wall (`?kiosk=1&rotate=30`): the operations screen, the map of the
 * province and of each former province, every page of the ranking, then one unit: the units with
 * the most overdue dossiers take turns, one per cycle.
 */
export function rotationSteps(rankingPages: number, spotlight: string | null): Route[] {
  const steps: Route[] = [
    { screen: 'operations' },
    { screen: 'map', figure: 'overdue-share', area: null },
    ...FORMER_PROVINCES.map((province): Route => ({
      screen: 'map',
      figure: 'overdue-share',
      area: province.slug,
    })),
    ...Array.from({ length: rankingPages }, (_, index): Route => ({
      screen: 'ranking',
      period: null,
      page: index + 1,
    })),
  ];
  if (spotlight !== null) steps.push({ screen: 'unit', unitCode: spotlight });
  return steps;
}

function sameStep(a: Route, b: Route): boolean {
  if (a.screen !== b.screen) return false;
  if (a.screen === 'map' && b.screen === 'map') return a.area === b.area;
  if (a.screen === 'ranking' && b.screen === 'ranking') return a.page === b.page;
  return true;
}

/** The step after `current` (the first one when `current` is not a step, e.g. a unit clicked by hand). */
export function nextStep(steps: readonly Route[], current: Route): Route {
  const index = steps.findIndex((step) => sameStep(step, current));
  return steps[(index + 1) % steps.length] ?? { screen: 'operations' };
}

/**
 * The unit of cycle `cycle`: the units with the most overdue dossiers (ties by code, so the order
 * is stable), taking turns; null when nothing is overdue anywhere.
 */
export function spotlightUnit(overdueByUnit: ReadonlyMap<string, number>, cycle: number): string | null {
  const worst = [...overdueByUnit.entries()]
    .filter(([, overdue]) => overdue > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || codeA.localeCompare(codeB))
    .slice(0, SPOTLIGHT_UNITS);
  if (worst.length === 0) return null;
  return worst[cycle % worst.length]![0];
}
