/**
 * Customers simulated from the BG/NBD and MBG/NBD purchase models and the Gamma-Gamma spend model, for
 * parameter-recovery tests and benchmarks. Follows the models' assumptions literally (Fader, Hardie & Lee
 * 2005, section 2; Batislam et al. 2007): λ ~ Gamma(r, α), p ~ Beta(a, b); exponential gaps at rate λ;
 * after each repeat purchase (MBG/NBD: also right after the first) the customer drops out with chance p.
 */
import type { BetaGeometricParams, BetaGeometricVariant } from "./beta-geometric-likelihood";
import { InvalidInputError } from "./errors";
import type { GammaGammaParams } from "./gamma-gamma";
import { createRandom, type Random } from "./random";

export interface SimulatedSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Whether the customer is still active at T (known only in a simulation). */
  alive: Uint8Array;
  /** Repeat purchases in (T, T + holdout], when a holdout length was given. */
  holdoutPurchases: Float64Array;
}

export interface SimulationOptions {
  customers: number;
  /** Age T of every customer, or [min, max] for ages spread uniformly (acquired over time). */
  age: number | readonly [number, number];
  /** Length of a holdout period after T (default 0). */
  holdout?: number;
  seed?: number;
}

/**
 * Simulates (x, t_x, T) of new customers under BG/NBD or MBG/NBD.
 *
 * @example simulateBetaGeometric({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, "bgnbd", { customers: 5000, age: 39 }).x.reduce((sum, x) => sum + x, 0) / 5000 // 1.304 (mean repeat purchases; seed 1 by default, so the same on every run)
 */
export function simulateBetaGeometric(params: BetaGeometricParams, variant: BetaGeometricVariant, options: SimulationOptions): SimulatedSummary {
  const { customers, age, holdout = 0, seed = 1 } = options;
  if (!Number.isInteger(customers) || customers < 1) throw new InvalidInputError(`customers ${customers} must be a whole number ≥ 1`);
  const random = createRandom(seed);
  const result: SimulatedSummary = {
    x: new Float64Array(customers),
    tx: new Float64Array(customers),
    T: new Float64Array(customers),
    alive: new Uint8Array(customers),
    holdoutPurchases: new Float64Array(customers),
  };
  for (let i = 0; i < customers; i++) {
    const T = typeof age === "number" ? age : age[0] + (age[1] - age[0]) * random.uniform();
    const lambda = random.gamma(params.r, params.alpha);
    const p = random.beta(params.a, params.b);
    let alive = variant === "mbgnbd" ? random.uniform() >= p : true;
    let aliveAtT = alive;
    let time = 0;
    let x = 0;
    let tx = 0;
    let later = 0;
    while (alive) {
      time += random.exponential(lambda);
      if (time > T + holdout) break;
      if (time <= T) {
        x++;
        tx = time;
      } else {
        later++;
      }
      if (random.uniform() < p) {
        alive = false;
        if (time <= T) aliveAtT = false;
      }
    }
    result.x[i] = x;
    result.tx[i] = tx;
    result.T[i] = T;
    result.alive[i] = aliveAtT ? 1 : 0;
    result.holdoutPurchases[i] = later;
  }
  return result;
}

/**
 * Average repeat spend m for customers with x repeat purchases under Gamma-Gamma: ν ~ Gamma(q, v) per
 * customer and each transaction ~ Gamma(p, ν), so the mean of x transactions is Gamma(p x, ν x). 0 for x = 0.
 *
 * @example simulateSpend({ p: 6, q: 4, v: 15 }, [0, 2, 5], 7) // Float64Array [0, …, …]
 */
export function simulateSpend(params: GammaGammaParams, x: ArrayLike<number>, seed = 1): Float64Array {
  const random: Random = createRandom(seed);
  const monetary = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi <= 0) continue;
    const nu = random.gamma(params.q, params.v);
    monetary[i] = random.gamma(params.p * xi, nu * xi);
  }
  return monetary;
}

export interface SimulatedTransactions {
  customerIds: string[];
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  rows: number;
}

export interface TransactionLogOptions {
  customers: number;
  /** First day customers can be acquired (day number) and how many days acquisition lasts. */
  startDay: number;
  acquisitionDays: number;
  /** Last day of the log (day number). */
  endDay: number;
  seed?: number;
}

/**
 * A BG/NBD transaction log in days (customer index, day number, amount): customers are acquired uniformly
 * over the acquisition window, buy at Gamma-Gamma spend; params are per day. For benchmarks and tests
 * of the summary.
 *
 * @example simulateTransactionLog({ r: 0.25, alpha: 30, a: 0.8, b: 2.5 }, { p: 6, q: 4, v: 15 }, { customers: 10, startDay: 9862, acquisitionDays: 90, endDay: 10407 }).rows // 21 (purchases of the 10 customers, seed 1)
 */
export function simulateTransactionLog(params: BetaGeometricParams, spend: GammaGammaParams, options: TransactionLogOptions): SimulatedTransactions {
  const { customers, startDay, acquisitionDays, endDay, seed = 1 } = options;
  const random = createRandom(seed);
  let capacity = customers * 4 + 16;
  let customer = new Int32Array(capacity);
  let day = new Int32Array(capacity);
  let amount = new Float64Array(capacity);
  let rows = 0;
  const push = (c: number, d: number, value: number): void => {
    if (rows === capacity) {
      capacity *= 2;
      const grow = <T extends Int32Array | Float64Array>(array: T, make: (n: number) => T): T => {
        const next = make(capacity);
        next.set(array);
        return next;
      };
      customer = grow(customer, (n) => new Int32Array(n));
      day = grow(day, (n) => new Int32Array(n));
      amount = grow(amount, (n) => new Float64Array(n));
    }
    customer[rows] = c;
    day[rows] = d;
    amount[rows] = value;
    rows++;
  };
  const customerIds: string[] = new Array(customers);
  for (let c = 0; c < customers; c++) {
    customerIds[c] = `C${String(c + 1).padStart(7, "0")}`;
    const birth = startDay + random.integer(acquisitionDays);
    const lambda = random.gamma(params.r, params.alpha);
    const p = random.beta(params.a, params.b);
    const nu = random.gamma(spend.q, spend.v);
    const value = (): number => Math.max(0.01, Math.round(random.gamma(spend.p, nu) * 100) / 100);
    push(c, birth, value());
    let time = 0;
    for (;;) {
      time += random.exponential(lambda);
      const d = birth + Math.floor(time);
      if (d > endDay) break;
      push(c, d, value());
      if (random.uniform() < p) break;
    }
  }
  return { customerIds, customer: customer.subarray(0, rows), day: day.subarray(0, rows), amount: amount.subarray(0, rows), rows };
}
