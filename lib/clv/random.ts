/**
 * A seeded random number generator with the distributions the simulations need, so tests and benchmarks
 * see the same data every run. Uniforms from xoshiro128** (Blackman & Vigna 2018) seeded by splitmix32.
 */

export interface Random {
  /** Uniform on the open interval (0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number;
  /** Gamma with shape and rate (mean shape / rate): Marsaglia & Tsang (2000), boosted for shape < 1. */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b) as G_a / (G_a + G_b). */
  beta(a: number, b: number): number;
  /** Whole number in [0, n). */
  integer(n: number): number;
}

/**
 * A generator seeded by a 32-bit integer.
 *
 * @example createRandom(42).uniform() === createRandom(42).uniform() // true (the same number on every run)
 */
export function createRandom(seed: number): Random {
  let splitState = seed >>> 0;
  const splitmix = (): number => {
    splitState = (splitState + 0x9e3779b9) >>> 0;
    let z = splitState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  const next = (): number => {
    const result = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = ((s3 << 11) | (s3 >>> 21)) >>> 0;
    return result;
  };
  const uniform = (): number => (next() + 0.5) / 4294967296;
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape: number, rate: number): number => {
    if (shape < 1) return gamma(shape + 1, rate) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v <= 0) continue;
      if (Math.log(uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  };
  return {
    uniform,
    normal,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma,
    beta: (a, b) => {
      const x = gamma(a, 1);
      return x / (x + gamma(b, 1));
    },
    integer: (n) => Math.floor(uniform() * n),
  };
}
