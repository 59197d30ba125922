/**
 * The negative binomial distribution of purchase counts of an always-active customer: with Poisson
 * purchases at rate λ ~ Gamma(r, α), the count in (0, t] is NBD(r, θ) with θ = α / (α + t):
 * P(N = j) = Γ(r + j) / (Γ(r) j!) θ^r (1 − θ)^j (Ehrenberg 1959; Fader, Hardie & Lee 2005, eq. 2).
 */
import { logGamma } from "./special";

/**
 * log P(N = j) of the NBD with shape r and θ = α / (α + t), using log(θ) and log(1 − θ) to keep digits.
 *
 * @example Math.exp(logNegativeBinomialPmf(2, 1, Math.log(0.5), Math.log(0.5))) // 0.25
 */
export function logNegativeBinomialPmf(r: number, j: number, logTheta: number, logOneMinusTheta: number): number {
  const power = j === 0 ? 0 : j * logOneMinusTheta;
  return logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logTheta + power;
}

/**
 * P(N ≥ n) for the NBD(r, θ): 1 − Σ_{j<n} P(N = j) while that sum is small, otherwise the upper tail
 * summed directly (so no digits are lost to cancellation when the answer is tiny).
 *
 * @example negativeBinomialSurvival(1, 1, Math.log(0.5), Math.log(0.5)) // 0.5 (geometric: P(N ≥ 1))
 */
export function negativeBinomialSurvival(r: number, n: number, logTheta: number, logOneMinusTheta: number): number {
  if (n <= 0) return 1;
  if (logOneMinusTheta === Number.NEGATIVE_INFINITY) return 0; // t = 0: no purchases
  const oneMinusTheta = Math.exp(logOneMinusTheta);
  let pmf = Math.exp(r * logTheta); // P(N = 0)
  let lower = 0;
  for (let j = 0; j < n; j++) {
    lower += pmf;
    pmf *= ((r + j) / (j + 1)) * oneMinusTheta;
  }
  if (lower < 0.5 && Number.isFinite(lower)) return Math.min(1, Math.max(0, 1 - lower));
  // Upper tail from the log of P(N = n) onwards; terms eventually decrease geometrically (ratio → 1 − θ).
  let term = Math.exp(logNegativeBinomialPmf(r, n, logTheta, logOneMinusTheta));
  let upper = 0;
  for (let j = n; j < n + 10_000_000; j++) {
    upper += term;
    const ratio = ((r + j) / (j + 1)) * oneMinusTheta;
    term *= ratio;
    if (ratio < 1 && term < 1e-17 * upper * (1 - ratio)) break;
    if (term === 0) break;
  }
  return Math.min(1, Math.max(0, upper));
}
