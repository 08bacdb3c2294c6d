import { describe, expect, it } from '@jest/globals';
import { nextStep, rotationSteps, spotlightUnit, SPOTLIGHT_UNITS } from './rotation';

describe('the unattended rotation', () => {
  const steps = rotationSteps(2, '24781');

  it('goes through every screen, each former province and every ranking page, then one unit', () => {
    expect(steps).toEqual([
      { screen: 'operations' },
      { screen: 'map', figure: 'overdue-share', area: null },
      { screen: 'map', figure: 'overdue-share', area: 'lam-dong' },
      { screen: 'map', figure: 'overdue-share', area: 'binh-thuan' },
      { screen: 'map', figure: 'overdue-share', area: 'dak-nong' },
      { screen: 'ranking', period: null, page: 1 },
      { screen: 'ranking', period: null, page: 2 },
      { screen: 'unit', unitCode: '24781' },
    ]);
  });

  it('moves to the next step and comes back to the start', () => {
    let route = steps[0]!;
    const seen = [route];
    for (let i = 0; i < steps.length; i++) {
      route = nextStep(steps, route);
      seen.push(route);
    }
    expect(seen.slice(0, steps.length)).toEqual(steps);
    expect(seen[steps.length]).toEqual(steps[0]);
    // A unit opened by hand (not this cycle's) continues with the first step.
    expect(nextStep(steps, { screen: 'unit', unitCode: '22918' })).toEqual(steps[0]);
  });

  it('spotlights the units with the most overdue dossiers in turn, and none when nothing is overdue', () => {
    const overdue = new Map([
      ['22918', 3],
      ['24781', 9],
      ['24778', 0],
      ['24779', 9],
      ['26000', 1],
      ['26001', 2],
      ['26002', 4],
    ]);
    const cycle = Array.from({ length: SPOTLIGHT_UNITS + 1 }, (_, index) => spotlightUnit(overdue, index));
    expect(cycle).toEqual(['24779', '24781', '26002', '22918', '26001', '24779']);
    expect(spotlightUnit(new Map([['22918', 0]]), 0)).toBeNull();
    expect(rotationSteps(1, null).at(-1)).toEqual({ screen: 'ranking', period: null, page: 1 });
  });
});
