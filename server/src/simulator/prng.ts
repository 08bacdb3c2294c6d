/**
 * Seeded pseudo-random numbers for the simulator. The same seed must give the same events,
 * so nothing here touches Math.random; every stream is derived from the run's seed and the
 * identity of what it decides (a unit, a minute slot, a dossier), which keeps one decision
 * independent of the order in which others were drawn.
 */
export type Rng = () => number;

/** mulberry32: small, fast, and good enough for simulated workloads (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Murmur3's finaliser: spreads every input bit over the 32-bit result. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit seed derived from the run's seed and the parts that identify one decision. */
export function deriveSeed(seed: number, ...parts: readonly (number | string)[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const part of parts) {
    if (typeof part === 'number') {
      // Integers up to 2^53 are hashed as two 32-bit halves so that minute slots never alias.
      h = mix32(h ^ (part >>> 0));
      h = mix32(h ^ Math.floor(part / 4294967296));
    } else {
      for (let i = 0; i < part.length; i++) h = mix32(h ^ part.charCodeAt(i));
      h = mix32(h ^ part.length);
    }
  }
  return h;
}

export function deriveRng(seed: number, ...parts: readonly (number | string)[]): Rng {
  return mulberry32(deriveSeed(seed, ...parts));
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** An integer in [min, max], both included. */
export function uniformInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('cannot pick from an empty list');
  return item;
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

export function pickWeighted<T>(rng: Rng, items: readonly Weighted<T>[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = rng() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item.value;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('cannot pick from an empty list');
  return last.value;
}

/** Knuth's method is exact but needs e^-mean to stay representable, so large means are split. */
const POISSON_CHUNK = 30;

/** A Poisson-distributed count with the given mean: arrivals in a time slot. */
export function poisson(rng: Rng, mean: number): number {
  let count = 0;
  let remaining = mean;
  while (remaining > 0) {
    const chunk = Math.min(remaining, POISSON_CHUNK);
    remaining -= chunk;
    const limit = Math.exp(-chunk);
    let product = rng();
    while (product > limit) {
      count += 1;
      product *= rng();
    }
  }
  return count;
}
