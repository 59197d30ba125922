/**
 * The Gauss hypergeometric function on the range the BG/NBD-family predictions need: a, b, c > 0 and
 * 0 ≤ z < 1, where every term of the series is positive (no cancellation). Kept small on purpose; the
 * Pareto/NBD engine has its own general `hyp2f1.ts`.
 */
import { InvalidInputError } from "./errors";

const MAX_TERMS = 20_000_000;
const RESCALE_ABOVE = 1e280;

/**
 * log ₂F₁(a, b; c; z) by summing the Gauss series Σ (a)_n (b)_n / ((c)_n n!) zⁿ (Abramowitz & Stegun
 * 15.1.1), with rescaling so that the huge intermediate terms of large a, b (heavy buyers: a = r + x with
 * x in the hundreds) never overflow. Stops when the geometric bound on the remaining tail is below
 * 1e-17 of the sum. Throws `InvalidInputError` outside a, b, c > 0, 0 ≤ z < 1, or when z is so close to 1
 * that the series would need more than 20 million terms.
 *
 * @example Math.exp(logHypergeometric2F1Series(1, 1, 2, 0.5)) // 1.3862943611198906 (= −log(1 − z) / z)
 */
export function logHypergeometric2F1Series(a: number, b: number, c: number, z: number): number {
  if (!(a > 0) || !(b > 0) || !(c > 0) || !Number.isFinite(a + b + c)) {
    throw new InvalidInputError(`hypergeometric series needs a, b, c > 0 (got a = ${a}, b = ${b}, c = ${c})`);
  }
  if (!(z >= 0) || !(z < 1)) throw new InvalidInputError(`hypergeometric series needs 0 ≤ z < 1 (got z = ${z})`);
  if (z === 0) return 0;
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (sum > RESCALE_ABOVE) {
      logScale += Math.log(sum);
      term /= sum;
      sum = 1;
    }
    if (ratio < 1) {
      const bound = Math.max(ratio, z);
      if (term * bound < 1e-17 * sum * (1 - bound)) return logScale + Math.log(sum);
    }
  }
  throw new InvalidInputError(`hypergeometric series did not converge in ${MAX_TERMS} terms (z = ${z} is too close to 1: the horizon is too long relative to alpha)`);
}

/**
 * ₂F₁(a, b; c; z) (not its log) for a, b > 0, 0 ≤ z < 1 and c > −1, c ≠ 0, by the Gauss series
 * (A&S 15.1.1). For −1 < c < 0 every term after the first is negative, so the terms of the tail never
 * cancel each other. Used where c = a + b − 1 of the BG/NBD can be ≤ 0 (customers without repeat
 * purchases when a + b < 1); the parameters there are moderate (a = r, b = b), so no overflow.
 *
 * @example hypergeometric2F1Series(1, 1, 2, 0.5) // 1.3862943611198906
 * @example hypergeometric2F1Series(0.5, 0.3, -0.2, 0.4) // 0.448197377336575 (negative c)
 */
export function hypergeometric2F1Series(a: number, b: number, c: number, z: number): number {
  if (c > 0) return Math.exp(logHypergeometric2F1Series(a, b, c, z));
  if (!(a > 0) || !(b > 0) || !(c > -1) || c === 0) {
    throw new InvalidInputError(`hypergeometric series needs a, b > 0 and c > −1, c ≠ 0 (got a = ${a}, b = ${b}, c = ${c})`);
  }
  if (!(z >= 0) || !(z < 1)) throw new InvalidInputError(`hypergeometric series needs 0 ≤ z < 1 (got z = ${z})`);
  if (z === 0) return 1;
  let term = 1;
  let tail = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    tail += term;
    if (n > 0 && Math.abs(ratio) < 1) {
      const bound = Math.max(Math.abs(ratio), z);
      if (Math.abs(term) * bound < 1e-17 * Math.max(1, Math.abs(tail)) * (1 - bound)) return 1 + tail;
    }
  }
  throw new InvalidInputError(`hypergeometric series did not converge in ${MAX_TERMS} terms (z = ${z} is too close to 1)`);
}
