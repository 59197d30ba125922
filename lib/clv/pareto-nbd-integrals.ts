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
import { InvalidInputError, NumericalLimitError } from "./errors";

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
 * integral). f must be finite on [a, b]; scale it so its values are moderate. Bounded: after `maxPanels`
 * panels the estimate is returned if its error estimate is below 1e-8 of it (rounding limits the
 * achievable tolerance), otherwise `NumericalLimitError` is thrown.
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
  const total = panels.reduce((sum, panel) => sum + panel.value, 0);
  const error = panels.reduce((sum, panel) => sum + panel.error, 0);
  if (error <= 1e-8 * Math.abs(total)) return total;
  throw new NumericalLimitError(`adaptive quadrature on [${a}, ${b}] reached ${maxPanels} panels with a relative error of ${(error / Math.abs(total)).toExponential(2)}`, maxPanels);
}

/**
 * Work space of `integrateAdaptiveMany`, reused between calls (the Pareto/NBD likelihood calls it for
 * thousands of short pieces per evaluation): per panel its ends, and `count` values and error estimates.
 */
const many = {
  capacity: 0,
  ends: new Float64Array(0),
  value: new Float64Array(0),
  error: new Float64Array(0),
  kronrod: new Float64Array(0),
  gauss: new Float64Array(0),
  left: new Float64Array(0),
  right: new Float64Array(0),
  errorSum: new Float64Array(0),
};

function reserveMany(count: number, panels: number): void {
  if (many.capacity >= count * panels && many.left.length >= count) return;
  const size = Math.max(count * panels, 2 * many.capacity);
  many.capacity = size;
  many.ends = new Float64Array(2 * size);
  many.value = new Float64Array(size);
  many.error = new Float64Array(size);
  many.kronrod = new Float64Array(Math.max(count, many.kronrod.length));
  many.gauss = new Float64Array(Math.max(count, many.gauss.length));
  many.left = new Float64Array(Math.max(count, many.left.length));
  many.right = new Float64Array(Math.max(count, many.right.length));
  many.errorSum = new Float64Array(Math.max(count, many.errorSum.length));
}

/** Gauss–Kronrod 7/15 on [a, b] for `count` integrands, into panel slot `panel` of the work space. */
function kronrodMany(f: (x: number, out: Float64Array) => void, count: number, a: number, b: number, panel: number): void {
  const { kronrod, gauss, left, right } = many;
  const center = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  f(center, left);
  for (let k = 0; k < count; k++) {
    kronrod[k] = KRONROD_WEIGHTS[7]! * left[k]!;
    gauss[k] = GAUSS_WEIGHTS[3]! * left[k]!;
  }
  for (let j = 0; j < 7; j++) {
    const dx = half * KRONROD_NODES[j]!;
    f(center - dx, left);
    f(center + dx, right);
    const kronrodWeight = KRONROD_WEIGHTS[j]!;
    const gaussWeight = j % 2 === 1 ? GAUSS_WEIGHTS[(j - 1) / 2]! : 0;
    for (let k = 0; k < count; k++) {
      const pair = left[k]! + right[k]!;
      kronrod[k]! += kronrodWeight * pair;
      gauss[k]! += gaussWeight * pair;
    }
  }
  many.ends[2 * panel] = a;
  many.ends[2 * panel + 1] = b;
  const base = panel * count;
  for (let k = 0; k < count; k++) {
    many.value[base + k] = kronrod[k]! * half;
    many.error[base + k] = Math.abs(kronrod[k]! - gauss[k]!) * half;
  }
}

/**
 * ∫ over [breaks[0], breaks[last]] of `count` integrands at once by globally adaptive Gauss–Kronrod
 * 7/15 quadrature (QUADPACK QAG, as `integrateAdaptive`), sharing the nodes; f(x, values) writes the
 * integrands at x, and the initial panels are the intervals between consecutive `breaks` (put them where
 * the integrand turns). Integrand 0 is a positive "mass"; the others are weighted versions of it,
 * converged to `relativeTolerance` · (|their integral| + integral 0), so that their ratios to integral 0
 * are accurate to about that. Writes the integrals into `out` and returns the number of panels used.
 * Bounded: throws `NumericalLimitError` when `maxPanels` panels do not reach the tolerance.
 *
 * @example integrateAdaptiveMany((x, v) => { v[0] = Math.exp(-x); v[1] = x * Math.exp(-x); }, 2, [0, 10], out) // out ≈ [1 − e^{−10}, 1 − 11e^{−10}]
 */
export function integrateAdaptiveMany(
  f: (x: number, values: Float64Array) => void,
  count: number,
  breaks: readonly number[],
  out: Float64Array,
  relativeTolerance = 1e-12,
  maxPanels = 100,
): number {
  out.fill(0, 0, count);
  reserveMany(count, Math.max(maxPanels, breaks.length) + 1);
  let panels = 0;
  for (let i = 0; i + 1 < breaks.length; i++) {
    if (breaks[i + 1]! > breaks[i]!) kronrodMany(f, count, breaks[i]!, breaks[i + 1]!, panels++);
  }
  const { value, error, errorSum, ends } = many;
  const a = breaks[0]!;
  const b = breaks[breaks.length - 1]!;
  while (panels > 0) {
    out.fill(0, 0, count);
    errorSum.fill(0, 0, count);
    for (let i = 0; i < panels; i++) {
      for (let k = 0; k < count; k++) {
        out[k]! += value[i * count + k]!;
        errorSum[k]! += error[i * count + k]!;
      }
    }
    const mass = Math.abs(out[0]!);
    let converged = true;
    for (let k = 0; k < count; k++) {
      if (!(errorSum[k]! <= relativeTolerance * (k === 0 ? mass : Math.abs(out[k]!) + mass))) converged = false;
    }
    if (converged) break;
    if (panels >= maxPanels) {
      throw new NumericalLimitError(`adaptive quadrature on [${a}, ${b}] did not reach a relative error of ${relativeTolerance} within ${maxPanels} panels`, maxPanels);
    }
    let worst = 0;
    let worstError = -1;
    for (let i = 0; i < panels; i++) {
      let panelError = 0;
      for (let k = 0; k < count; k++) panelError += error[i * count + k]! / (k === 0 ? mass : Math.abs(out[k]!) + mass);
      if (panelError > worstError) {
        worstError = panelError;
        worst = i;
      }
    }
    const from = ends[2 * worst]!;
    const to = ends[2 * worst + 1]!;
    const middle = 0.5 * (from + to);
    if (!(middle > from && middle < to) || !Number.isFinite(worstError)) {
      throw new NumericalLimitError(`adaptive quadrature on [${a}, ${b}] cannot split [${from}, ${to}] further (integrand not finite or not smooth)`, panels);
    }
    kronrodMany(f, count, from, middle, worst);
    kronrodMany(f, count, middle, to, panels++);
  }
  return panels;
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
