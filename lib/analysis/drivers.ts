/**
 * Drivers of a segment: which soft attributes, acquisition channels and countries are over- or
 * under-represented among the segment's customers compared with all customers (of the same snapshot and
 * filter). Pure: the counts come from `lib/queries/drivers.ts`.
 *
 * The statistic, for one value v (say `loyalty_member = yes`) of a segment S within all customers A:
 *
 *   share in segment  p_S = n_S(v) / N_S        (customers of S that have v / customers of S)
 *   share overall     p_A = n_A(v) / N_A
 *   lift              p_S / p_A                (1 = as common as everywhere; 2 = twice as common)
 *   sample size       n_S(v)
 *
 * Customers without the attribute count in the denominators: the shares are of all customers, so the
 * shares of one attribute's values add up to the share of customers that have the attribute at all.
 *
 * Whether a difference is real: S is part of A, so the segment is compared with the REST of the customers
 * (R = A − S, disjoint from S) with the two-proportion z-test (pooled standard error; Agresti, Categorical
 * Data Analysis, 3rd ed., §2.1.6 / Wald test of p1 − p2):
 *
 *   p_R = (n_A(v) − n_S(v)) / (N_A − N_S)
 *   z   = (p_S − p_R) / sqrt(p_A (1 − p_A) (1/N_S + 1/N_R))          (p_A is the pooled proportion)
 *
 * with a two-sided p-value. Many values are tested at once, so "significant" uses the Benjamini–Hochberg
 * procedure (J. R. Stat. Soc. B 57, 1995) at a false discovery rate of 5%: of the differences marked
 * significant, at most about 1 in 20 is expected to be chance.
 *
 * A value is flagged as a small sample when fewer than SMALL_SAMPLE customers of the segment have it AND
 * fewer than SMALL_SAMPLE would be expected to (p_A × N_S): then the segment is too small to say anything
 * about it either way. (An under-represented value with 400 expected and 5 found is not a small sample.)
 */

/** Below this many customers (found and expected) a driver is flagged as a small sample. */
export const SMALL_SAMPLE = 30;
/** The false discovery rate of the Benjamini–Hochberg procedure. */
export const FALSE_DISCOVERY_RATE = 0.05;

export type DriverDimension = "attribute" | "channel" | "country";

/** How many customers have one value, in the segment and among all customers. */
export interface DriverCount {
  dimension: DriverDimension;
  /** The attribute key (`loyalty_member`); for channel and country the dimension name. */
  key: string;
  value: string;
  /** n_S(v): customers of the segment with this value. */
  segmentCount: number;
  /** n_A(v): all customers with this value (the segment included). */
  overallCount: number;
}

export interface Driver extends DriverCount {
  /** p_S, 0..1. */
  segmentShare: number;
  /** p_A, 0..1. */
  overallShare: number;
  /** p_S / p_A. */
  lift: number;
  /** p_A × N_S: how many customers of the segment would have the value if it were as common as everywhere. */
  expectedCount: number;
  /** z of the segment against the rest; 0 when it cannot be computed (everyone or no one has the value). */
  z: number;
  /** Two-sided p-value of z. */
  pValue: number;
  /** Significant after the Benjamini–Hochberg correction. */
  significant: boolean;
  smallSample: boolean;
}

export interface DriverAnalysis {
  segmentCustomers: number;
  overallCustomers: number;
  /** Every value with at least one customer overall, strongest evidence first. */
  drivers: Driver[];
  /** Lift above 1, highest lift first among the significant ones, then the rest. */
  over: Driver[];
  /** Lift below 1, lowest lift first among the significant ones, then the rest. */
  under: Driver[];
}

/**
 * The complementary error function, erfc(x) = 1 − erf(x), with fractional error below 1.2e-7 everywhere
 * (Chebyshev fit of Press et al., Numerical Recipes in C, 2nd ed., §6.2, `erfcc`).
 *
 * @example erfc(0) // 1.0000000300000005 (exactly 1 up to the fit's error)
 * @example erfc(1.959963984540054 / Math.SQRT2) // 0.05000000 (to 7 digits)
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * z of the two-proportion test of the segment (a of n) against the rest (b of m), pooled standard error.
 * 0 when the pooled proportion is 0 or 1 (no variation to test) or a group is empty.
 *
 * @example twoProportionZ(60, 100, 40, 100) // 2.8284 (p 0.6 vs 0.4, pooled 0.5)
 */
export function twoProportionZ(a: number, n: number, b: number, m: number): number {
  if (n <= 0 || m <= 0) return 0;
  const pooled = (a + b) / (n + m);
  const variance = pooled * (1 - pooled) * (1 / n + 1 / m);
  return variance > 0 ? (a / n - b / m) / Math.sqrt(variance) : 0;
}

/**
 * Benjamini–Hochberg: which of the p-values are discoveries at false discovery rate q. Sorted p-values
 * p(1) ≤ … ≤ p(m); the largest k with p(k) ≤ k q / m; the k smallest are discoveries.
 *
 * @example benjaminiHochberg([0.001, 0.03, 0.036, 0.9], 0.05) // [true, true, true, false] (0.036 ≤ 3 × 0.05 / 4)
 */
export function benjaminiHochberg(pValues: readonly number[], q = FALSE_DISCOVERY_RATE): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  let cutoff = -1;
  order.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) * q) / m) cutoff = rank;
  });
  const result = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank <= cutoff; rank++) result[order[rank]!.index] = true;
  return result;
}

/**
 * Lift, shares, z-test and flags for every value, and the top over- and under-represented ones.
 * Counts are checked: a segment count above the overall count, or a segment larger than all customers,
 * is a bug in the caller's SQL and is rejected.
 */
export function analyseDrivers(counts: readonly DriverCount[], segmentCustomers: number, overallCustomers: number): DriverAnalysis {
  if (!(segmentCustomers >= 0 && overallCustomers >= segmentCustomers)) {
    throw new RangeError(`The segment (${segmentCustomers} customers) must be part of all customers (${overallCustomers}).`);
  }
  const rest = overallCustomers - segmentCustomers;
  const measured = counts
    .filter((count) => count.overallCount > 0)
    .map((count) => {
      if (count.segmentCount < 0 || count.segmentCount > count.overallCount || count.overallCount > overallCustomers) {
        throw new RangeError(`Inconsistent counts for ${count.key} = ${count.value}: ${count.segmentCount} of ${count.overallCount} of ${overallCustomers}.`);
      }
      const segmentShare = segmentCustomers > 0 ? count.segmentCount / segmentCustomers : 0;
      const overallShare = count.overallCount / overallCustomers;
      const expectedCount = overallShare * segmentCustomers;
      const z = twoProportionZ(count.segmentCount, segmentCustomers, count.overallCount - count.segmentCount, rest);
      return {
        ...count,
        segmentShare,
        overallShare,
        lift: segmentCustomers > 0 ? segmentShare / overallShare : 1,
        expectedCount,
        z,
        pValue: twoSidedPValue(z),
        significant: false,
        smallSample: count.segmentCount < SMALL_SAMPLE && expectedCount < SMALL_SAMPLE,
      } satisfies Driver;
    });
  const discoveries = benjaminiHochberg(measured.map((driver) => driver.pValue));
  const drivers = measured
    .map((driver, index) => ({ ...driver, significant: discoveries[index]! && driver.z !== 0 }))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
  const bySignificance = (a: Driver, b: Driver) => Number(b.significant) - Number(a.significant) || Number(a.smallSample) - Number(b.smallSample);
  const over = drivers.filter((driver) => driver.lift > 1).sort((a, b) => bySignificance(a, b) || b.lift - a.lift);
  const under = drivers.filter((driver) => driver.lift < 1).sort((a, b) => bySignificance(a, b) || a.lift - b.lift);
  return { segmentCustomers, overallCustomers, drivers, over, under };
}
