/**
 * For the tests (not used by the app): the fits are checked on data simulated from known parameters.
 *
 * Customer summaries simulated from the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; Fader &
 * Hardie 2005 note, §2): each customer draws a purchase rate λ ~ Gamma(r, α) and a drop-out rate
 * μ ~ Gamma(s, β), lives an Exp(μ) time τ and, while alive, buys at the times of a Poisson(λ) process.
 * Seeded, so tests and benchmarks see the same data every run.
 */
import { InvalidInputError } from "./errors";
import type { ParetoNbdParams } from "./pareto-nbd-likelihood";

/** mulberry32, a small 32-bit seeded generator of uniforms in (0, 1). */
function uniformGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return value === 0 ? 1 / 8589934592 : value;
  };
}

function standardNormal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the U^{1/shape} boost for shape < 1. */
function gammaVariate(shape: number, rate: number, uniform: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, rate, uniform) * Math.pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = standardNormal(uniform);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulationOptions {
  customers: number;
  /** Age T of every customer, or [min, max] for ages spread uniformly (customers acquired over time). */
  age: number | readonly [number, number];
  seed?: number;
}

/** Simulated summaries with the true rates, for parameter-recovery tests. */
export interface SimulatedCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  lambda: Float64Array;
  mu: Float64Array;
  alive: Uint8Array;
}

/**
 * Simulates (x, t_x, T) for `customers` new customers under the Pareto/NBD model with the given
 * parameters (Fader & Hardie 2005 note, §2, assumptions i–v).
 *
 * @example simulateParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { customers: 3, age: 39, seed: 1 }).x.length // 3
 */
export function simulateParetoNbd(params: ParetoNbdParams, options: SimulationOptions): SimulatedCustomers {
  const { r, alpha, s, beta } = params;
  for (const [name, value] of Object.entries({ r, alpha, s, beta })) {
    if (!(value > 0) || !Number.isFinite(value)) throw new InvalidInputError(`Pareto/NBD parameter ${name} must be a positive number (got ${value})`);
  }
  const n = options.customers;
  if (!Number.isInteger(n) || n < 0) throw new InvalidInputError(`customers = ${n} must be a whole number ≥ 0`);
  const [minAge, maxAge] = typeof options.age === "number" ? [options.age, options.age] : options.age;
  if (!(minAge >= 0) || !(maxAge >= minAge) || !Number.isFinite(maxAge)) {
    throw new InvalidInputError(`age must be a number ≥ 0 or a range [min, max] with 0 ≤ min ≤ max (got ${String(options.age)})`);
  }
  const uniform = uniformGenerator(options.seed ?? 1);
  const result: SimulatedCustomers = {
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    lambda: new Float64Array(n),
    mu: new Float64Array(n),
    alive: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const T = minAge + (maxAge - minAge) * uniform();
    const lambda = gammaVariate(r, alpha, uniform);
    const mu = gammaVariate(s, beta, uniform);
    const lifetime = -Math.log(uniform()) / mu;
    const end = Math.min(lifetime, T);
    let time = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      time += -Math.log(uniform()) / lambda;
      if (time > end) break;
      count += 1;
      last = time;
    }
    result.x[i] = count;
    result.tx[i] = last;
    result.T[i] = T;
    result.lambda[i] = lambda;
    result.mu[i] = mu;
    result.alive[i] = lifetime > T ? 1 : 0;
  }
  return result;
}
