/** Seeded randomness: mulberry32, so every run with the same seed gives the same sample. */

export type Rng = () => number;

/** mulberry32 (Tommy Ettinger): 32-bit state, period 2^32, good enough for sample data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A child generator for one named purpose, so adding draws in one step never shifts another. */
export function forkRng(seed: number, purpose: string): Rng {
  let h = seed >>> 0;
  for (const ch of purpose) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0;
  return mulberry32(h);
}

export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

/** Index drawn with probability proportional to weights[i]. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}
