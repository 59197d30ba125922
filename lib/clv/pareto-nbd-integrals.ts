/**
 * The one-dimensional integrals of the Pareto/NBD predictions that have no cheap closed form:
 * - the drop-out part of P(X(t) = n) (Fader & Hardie 2006, "Deriving an expression for P(X(t) = x) under the
 *   Pareto/NBD model", §3–4), an
 *   integral over the drop-out time of the gamma-mixed Poisson probability;
 * - z^s U(s, s; z), with U the confluent hypergeometric function of the second kind, of the discounted
 *   expected residual transactions (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4), their DERT expression
 *   for the Pareto/NBD).
 * Both are evaluated by adaptive Gauss–Kronrod (7/15) quadrature (Piessens et al. 1983, QUADPACK QAG)
 * on integrands scaled on the log scale, so tiny or huge values neither underflow nor overflow.
 */
import { InvalidInputError } from "./errors";

const KRONROD_NODES = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const KRONROD_WEIGHTS = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** Gauss weights of the 7-point rule at the odd-indexed Kronrod nodes (1, 3, 5, 7). */
const GAUSS_WEIGHTS = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

function kronrod(f: (x: number) => number, a: number, b: number): Panel {
  const center = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(center);
  let kronrodSum = KRONROD_WEIGHTS[7]! * fc;
  let gaussSum = GAUSS_WEIGHTS[3]! * fc;
  for (let j = 0; j < 7; j++) {
    const dx = half * KRONROD_NODES[j]!;
    const pair = f(center - dx) + f(center + dx);
    kronrodSum += KRONROD_WEIGHTS[j]! * pair;
    if (j % 2 === 1) gaussSum += GAUSS_WEIGHTS[(j - 1) / 2]! * pair;
  }
  const value = kronrodSum * half;
  return { a, b, value, error: Math.abs(value - gaussSum * half) };
}

/**
 * ∫_a^b f(x) dx by globally adaptive Gauss–Kronrod 7/15 quadrature (QUADPACK's QAG strategy: split the
 * panel with the largest error estimate until the total estimate is below `relativeTolerance` of the
 * integral). f must be finite on [a, b]; scale it so its values are moderate.
 *
 * @example integrateAdaptive((x) => Math.exp(-x), 0, 10) // 0.9999546000702376 (= 1 − e^{−10})
 */
export function integrateAdaptive(f: (x: number) => number, a: number, b: number, relativeTolerance = 1e-13, maxPanels = 500): number {
  if (!(b > a)) return 0;
  const panels: Panel[] = [kronrod(f, a, b)];
  for (let iteration = 0; iteration < maxPanels; iteration++) {
    let total = 0;
    let error = 0;
    let worst = 0;
    for (let k = 0; k < panels.length; k++) {
      total += panels[k]!.value;
      error += panels[k]!.error;
      if (panels[k]!.error > panels[worst]!.error) worst = k;
    }
    if (error <= relativeTolerance * Math.abs(total) || error === 0) return total;
    const panel = panels[worst]!;
    const middle = 0.5 * (panel.a + panel.b);
    if (!(middle > panel.a && middle < panel.b)) return total; // cannot split further
    panels[worst] = kronrod(f, panel.a, middle);
    panels.push(kronrod(f, middle, panel.b));
  }
  return panels.reduce((sum, panel) => sum + panel.value, 0);
}

/**
 * log ∫_a^b e^{g(x)} dx for a log-integrand g, scaled by the largest value of g on a 65-point grid so
 * the quadrature works on numbers near 1.
 */
export function logIntegrateExp(g: (x: number) => number, a: number, b: number): number {
  if (!(b > a)) return Number.NEGATIVE_INFINITY;
  let peak = Number.NEGATIVE_INFINITY;
  for (let k = 0; k <= 64; k++) {
    const value = g(a + ((b - a) * k) / 64);
    if (value > peak) peak = value;
  }
  if (peak === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const integral = integrateAdaptive((x) => Math.exp(g(x) - peak), a, b);
  return peak + Math.log(integral);
}

/**
 * z^s U(s, s; z) = ∫₀^∞ e^{−y} (1 + y/z)^{−s} dy, for s > 0, z > 0: the integral representation of the
 * confluent hypergeometric function of the second kind (DLMF 13.4.4 with Kummer's transformation
 * U(s, s; z) = z^{1−s} U(1, 2−s; z), DLMF 13.2.40). It is E[z / (z + V)] for V ~ Gamma(s, 1), so it lies
 * in (0, 1). Integrated over y = e^v; the piece below y₀ = 1e-18 · min(1, z) / (1 + s), where the
 * integrand is 1 to within 1e-18, is added as y₀.
 *
 * @example scaledConfluentU(1, 1) // 0.5963473623231940 (= e · E₁(1))
 * @example scaledConfluentU(2, 1) // 0.4036526376768060 (= 1 − e · E₁(1))
 */
export function scaledConfluentU(s: number, z: number): number {
  if (!(s > 0) || !Number.isFinite(s)) throw new InvalidInputError(`z^s U(s, s; z) needs s > 0, got s = ${s}`);
  if (!(z > 0) || !Number.isFinite(z)) throw new InvalidInputError(`z^s U(s, s; z) needs z > 0, got z = ${z}`);
  const y0 = (1e-18 * Math.min(1, z)) / (1 + s);
  const logIntegrand = (v: number): number => {
    const y = Math.exp(v);
    return v - y - s * Math.log1p(y / z);
  };
  // Split at y = z (where (1 + y/z)^{−s} turns) and y = 1 (where e^{−y} turns) to help the quadrature.
  const breaks = [Math.log(y0), ...[Math.log(z), 0].filter((v) => v > Math.log(y0) && v < Math.log(750)).sort((p, q) => p - q), Math.log(750)];
  let sum = y0;
  for (let k = 0; k + 1 < breaks.length; k++) {
    sum += integrateAdaptive((v) => Math.exp(logIntegrand(v)), breaks[k]!, breaks[k + 1]!);
  }
  return sum;
}
