import { chance, deriveRng, deriveSeed, mulberry32, pickWeighted, poisson, uniformInt } from './prng';

describe('prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const value of draw(42)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('derives independent streams from the identity of a decision', () => {
    expect(deriveSeed(1, 'dossier', 'A')).toBe(deriveSeed(1, 'dossier', 'A'));
    expect(deriveSeed(1, 'dossier', 'A')).not.toBe(deriveSeed(1, 'dossier', 'B'));
    expect(deriveSeed(1, 'dossier', 'A')).not.toBe(deriveSeed(2, 'dossier', 'A'));
    // Minute slots of different years must not alias through the 32-bit truncation.
    expect(deriveSeed(1, 29_000_000)).not.toBe(deriveSeed(1, 29_000_000 + 2 ** 32));
    expect(deriveRng(7, 'x')()).toBe(deriveRng(7, 'x')());
  });

  it('draws Poisson counts with the requested mean, small or large', () => {
    const rng = mulberry32(3);
    for (const mean of [0, 0.4, 5, 75]) {
      let sum = 0;
      const draws = 20_000;
      for (let i = 0; i < draws; i++) sum += poisson(rng, mean);
      expect(sum / draws).toBeCloseTo(mean, mean < 1 ? 1 : 0);
    }
  });

  it('picks weighted values in proportion to their weights', () => {
    const rng = mulberry32(9);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) {
      counts[
        pickWeighted(rng, [
          { value: 'a' as const, weight: 3 },
          { value: 'b' as const, weight: 1 },
        ])
      ] += 1;
    }
    expect(counts.a / 10_000).toBeCloseTo(0.75, 1);
    let heads = 0;
    for (let i = 0; i < 10_000; i++) if (chance(rng, 0.2)) heads += 1;
    expect(heads / 10_000).toBeCloseTo(0.2, 1);
    const ints = new Set(Array.from({ length: 200 }, () => uniformInt(rng, 1, 3)));
    expect([...ints].sort()).toEqual([1, 2, 3]);
  });
});
