/**
 * Seeded pseudo-random numbers (mulberry32) with the helpers that the sample generator, benchmarks and
 * event replays share. Same seed → same sequence on every platform; never touches Math.random.
 */

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element, uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its non-negative weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** True with probability `p` (0..1). */
  chance(p: number): boolean;
  /** Normal deviate (Box–Muller), default mean 0 and standard deviation 1. */
  normal(mean?: number, sd?: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** `k` distinct elements (all of them when k ≥ length), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

/** 32-bit FNV-1a over the parts, for deriving independent sub-seeds from a seed and some names. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u241f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A mulberry32 generator; any finite number is a valid seed (it is reduced to 32 bits). */
export function createRng(seed: number): Rng {
  let state = (Number.isInteger(seed) ? seed : hashSeed(String(seed))) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick: empty list');
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('weighted: items and weights must be non-empty and of equal length');
    }
    let total = 0;
    for (const w of weights) total += w;
    let r = next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  };

  const normal = (mean = 0, sd = 1): number => {
    const u = 1 - next(); // (0, 1]: keeps log finite
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  };

  const sample = <T>(items: readonly T[], k: number): T[] => shuffle([...items]).slice(0, Math.max(0, k));

  return { next, int, pick, weighted, chance: (p) => next() < p, normal, shuffle, sample };
}

/** A reusable weighted picker (cumulative table + binary search) for lists drawn from many times. */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedPicker: items and weights must be non-empty and of equal length');
  }
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new RangeError(`weightedPicker: weight ${i} is not a non-negative number`);
    total += w;
    cumulative[i] = total;
  });
  if (total <= 0) throw new RangeError('weightedPicker: all weights are zero');
  return (rng) => items[searchCumulative(cumulative, rng.next() * total)] as T;
}

/** Index of the first cumulative entry greater than `target`. */
export function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
