/**
 * A small seeded random source for the demo company, so that the same seed always gives the same data.
 * The generator is mulberry32 (Tommy Ettinger's 32-bit mixer); the samplers are the textbook ones named
 * at each function.
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Uniform integer in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** Standard normal by the Box-Muller transform. */
export function randomNormal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Exponential with the given rate (mean 1 / rate), by inversion. */
export function randomExponential(random: Random, rate: number): number {
  return -Math.log(1 - random.next()) / rate;
}

/**
 * Gamma(shape, rate) with mean shape / rate, by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables"; shapes below 1 use the boost Gamma(shape + 1) * U^(1 / shape).
 */
export function randomGamma(random: Random, shape: number, rate: number): number {
  if (shape < 1) {
    const boosted = randomGamma(random, shape + 1, rate);
    return boosted * Math.pow(1 - random.next(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Poisson with the given mean, by Knuth's multiplication method (the demo only needs small means). */
export function randomPoisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}

/** Picks one of the weighted options. */
export function pickWeighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of options) total += weight;
  let target = random.next() * total;
  for (const [value, weight] of options) {
    target -= weight;
    if (target < 0) return value;
  }
  return options[options.length - 1]![0];
}
