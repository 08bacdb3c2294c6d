import { REFERENCE_UNITS } from '@ioc/db';
import { DEFAULT_SIMULATION_RATES } from './simulation-rates';
import { buildUnitProfile, unitKindOf } from './unit-profile';

describe('unit profiles', () => {
  const profiles = REFERENCE_UNITS.map((unit) => buildUnitProfile(unit, 1, DEFAULT_SIMULATION_RATES));

  it('draws each unit volume within the range of its kind', () => {
    expect(profiles.filter((p) => p.kind === 'ward')).toHaveLength(20);
    expect(profiles.filter((p) => p.kind === 'commune')).toHaveLength(103);
    expect(profiles.filter((p) => p.kind === 'special-zone')).toHaveLength(1);
    for (const profile of profiles) {
      const range = DEFAULT_SIMULATION_RATES.dossiersPerWorkingDay[profile.kind];
      expect(profile.dossiersPerWorkingDay).toBeGreaterThanOrEqual(range.min);
      expect(profile.dossiersPerWorkingDay).toBeLessThanOrEqual(range.max);
    }
    const special = profiles.find((p) => p.kind === 'special-zone');
    expect(special?.dossiersPerWorkingDay).toBeGreaterThanOrEqual(17);
    expect(special?.dossiersPerWorkingDay).toBeLessThanOrEqual(23);
    // Some thousands a day for the province (DOMAIN.md, "Volumes to design for").
    const province = profiles.reduce((sum, p) => sum + p.dossiersPerWorkingDay, 0);
    expect(province).toBeGreaterThan(4000);
    expect(province).toBeLessThan(10_000);
  });

  it('is the same for the same seed, and differs for another seed', () => {
    const again = REFERENCE_UNITS.map((unit) => buildUnitProfile(unit, 1, DEFAULT_SIMULATION_RATES));
    expect(again).toEqual(profiles);
    const other = REFERENCE_UNITS.map((unit) => buildUnitProfile(unit, 2, DEFAULT_SIMULATION_RATES));
    expect(other).not.toEqual(profiles);
  });

  it('spreads late shares and online shares around the province rates', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(profiles.map((p) => p.lateShare))).toBeCloseTo(0.08, 1);
    expect(Math.min(...profiles.map((p) => p.lateShare))).toBeLessThan(0.05);
    expect(Math.max(...profiles.map((p) => p.lateShare))).toBeGreaterThan(0.11);
    expect(mean(profiles.map((p) => p.onlineShare))).toBeGreaterThan(0.3);
    expect(mean(profiles.map((p) => p.onlineShare))).toBeLessThan(0.4);
  });

  it('refuses a unit type it does not know', () => {
    expect(() => unitKindOf({ code: '99999', typeEn: 'district' })).toThrow(/99999/);
  });
});
