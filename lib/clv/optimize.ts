/**
 * Minimisers for smooth functions of a few parameters (the negative log-likelihoods of the purchase and
 * spend models, optimised over log-parameters) and the central-difference gradient they fall back on.
 * The Hessian, covariance and standard errors of an estimate are in `covariance.ts`.
 *
 * `minimize` runs BFGS with a strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * Algorithms 6.1, 3.5 and 3.6) and falls back to Nelder–Mead (Nelder & Mead 1965; Gao & Han 2012
 * adaptive coefficients) when BFGS stalls, then polishes with BFGS again. `minimizeMultiStart` runs it
 * from several starting points and keeps the best. Nothing here throws for a failed minimisation: the
 * result says `converged: false` with a `message`, and the model fitters turn that into a `ModelFitError`.
 */
import { InvalidInputError } from "./errors";

/** A scalar function of a parameter vector. Non-finite values are treated as +Infinity (infeasible). */
export type Objective = (x: readonly number[]) => number;

/** Returns the value and the gradient at x in one pass (cheaper than separate calls for likelihoods). */
export type ValueAndGradient = (x: readonly number[]) => { value: number; gradient: number[] };

export interface MinimizeOptions {
  /** Analytic value and gradient; without it the gradient is taken by central differences. */
  valueAndGradient?: ValueAndGradient;
  /** Iteration limit of each BFGS or Nelder–Mead run (default 400 and 2000). */
  maxIterations?: number;
  /** Converged when max |gradient| ≤ gradientTolerance · max(1, |value|) (default 1e-8). */
  gradientTolerance?: number;
  /** Largest step (max norm) in one iteration, in units of x (default 2: a factor e² on the log scale). */
  maxStep?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why the run stopped, in words. */
  message: string;
  /** The largest absolute gradient component at x (central differences when no analytic gradient). */
  gradientNorm: number;
}

const DEFAULT_GRADIENT_TOLERANCE = 1e-8;
const CENTRAL_DIFFERENCE_STEP = 6e-6; // ≈ cube root of machine epsilon
const WOLFE_C1 = 1e-4;
const WOLFE_C2 = 0.9;

function finiteOrInfinity(value: number): number {
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

function maxAbs(values: readonly number[]): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return Number.isNaN(largest) ? Number.POSITIVE_INFINITY : largest;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function addScaled(x: readonly number[], direction: readonly number[], step: number): number[] {
  return x.map((value, i) => value + step * direction[i]!);
}

function checkStart(x0: readonly number[]): void {
  if (x0.length === 0) throw new InvalidInputError("minimize needs at least one parameter");
  if (!x0.every(Number.isFinite)) throw new InvalidInputError(`starting point has a non-finite value: [${x0.join(", ")}]`);
}

/**
 * Central-difference gradient of f at x, step h = 6e-6 · max(1, |x_i|) (Nocedal & Wright eq. 8.7).
 *
 * @example numericGradient(([a, b]) => a * a + 3 * b, [2, 1]) // ≈ [4, 3]
 */
export function numericGradient(f: Objective, x: readonly number[]): number[] {
  const gradient = new Array<number>(x.length);
  const point = x.slice();
  for (let i = 0; i < x.length; i++) {
    const step = CENTRAL_DIFFERENCE_STEP * Math.max(1, Math.abs(x[i]!));
    point[i] = x[i]! + step;
    const up = f(point);
    point[i] = x[i]! - step;
    const down = f(point);
    point[i] = x[i]!;
    gradient[i] = (up - down) / (2 * step);
  }
  return gradient;
}

interface Evaluator {
  value(x: readonly number[]): number;
  valueAndGradient(x: readonly number[]): { value: number; gradient: number[] };
  count: number;
}

function makeEvaluator(f: Objective, options: MinimizeOptions): Evaluator {
  const evaluator: Evaluator = {
    count: 0,
    value(x) {
      evaluator.count += 1;
      return finiteOrInfinity(f(x));
    },
    valueAndGradient(x) {
      if (options.valueAndGradient) {
        evaluator.count += 1;
        const result = options.valueAndGradient(x);
        return { value: finiteOrInfinity(result.value), gradient: result.gradient };
      }
      const value = evaluator.value(x);
      evaluator.count += 2 * x.length;
      return { value, gradient: Number.isFinite(value) ? numericGradient(f, x) : x.map(() => Number.NaN) };
    },
  };
  return evaluator;
}

interface LinePoint {
  step: number;
  x: number[];
  value: number;
  gradient: number[];
  slope: number;
}

/** Strong-Wolfe line search (Nocedal & Wright Alg. 3.5 with the zoom of Alg. 3.6, safeguarded bisection). */
function wolfeLineSearch(
  evaluator: Evaluator,
  x: readonly number[],
  value: number,
  slope0: number,
  direction: readonly number[],
  initialStep: number,
): LinePoint | null {
  const probe = (step: number): LinePoint => {
    const point = addScaled(x, direction, step);
    const { value: v, gradient } = evaluator.valueAndGradient(point);
    const finite = Number.isFinite(v) && gradient.every(Number.isFinite);
    return { step, x: point, value: finite ? v : Number.POSITIVE_INFINITY, gradient, slope: finite ? dot(gradient, direction) : Number.NaN };
  };
  const zoom = (low: LinePoint, highStep: number): LinePoint | null => {
    let lo = low;
    let hi = highStep;
    for (let k = 0; k < 40; k++) {
      const trial = probe(0.5 * (lo.step + hi));
      if (!(trial.value <= value + WOLFE_C1 * trial.step * slope0) || trial.value >= lo.value) {
        hi = trial.step;
      } else {
        if (Math.abs(trial.slope) <= -WOLFE_C2 * slope0) return trial;
        if (trial.slope * (hi - lo.step) >= 0) hi = lo.step;
        lo = trial;
      }
      if (Math.abs(hi - lo.step) < 1e-14 * Math.max(1, lo.step)) break;
    }
    return lo.step > 0 ? lo : null;
  };
  const start: LinePoint = { step: 0, x: x.slice(), value, gradient: [], slope: slope0 };
  let previous = start;
  let step = initialStep;
  for (let k = 0; k < 30; k++) {
    const trial = probe(step);
    if (!Number.isFinite(trial.value)) {
      // Infeasible or overflow: shrink hard towards the last good point.
      if (previous.step > 0) return previous;
      step *= 0.1;
      continue;
    }
    if (trial.value > value + WOLFE_C1 * step * slope0 || (k > 0 && trial.value >= previous.value)) {
      return zoom(previous, step);
    }
    if (Math.abs(trial.slope) <= -WOLFE_C2 * slope0) return trial;
    if (trial.slope >= 0) return zoom(trial, previous.step);
    previous = trial;
    step *= 2;
  }
  return previous.step > 0 ? previous : null;
}

/**
 * BFGS quasi-Newton minimisation (Nocedal & Wright Alg. 6.1) with a strong-Wolfe line search and the
 * initial inverse-Hessian scaling of their eq. 6.20. Gradients are analytic (`valueAndGradient`) or
 * central differences.
 *
 * @example minimizeBfgs(([a, b]) => (a - 1) ** 2 + 10 * (b + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export function minimizeBfgs(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  checkStart(x0);
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 400;
  const tolerance = options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const maxStep = options.maxStep ?? 2;
  const evaluator = makeEvaluator(f, options);
  let x = x0.slice();
  let { value, gradient } = evaluator.valueAndGradient(x);
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return { x, value, iterations: 0, evaluations: evaluator.count, converged: false, message: "the objective is not finite at the starting point", gradientNorm: Number.POSITIVE_INFINITY };
  }
  const identity = (): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let inverseHessian = identity();
  let firstStep = true;
  let stalls = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradientNorm = maxAbs(gradient);
    if (gradientNorm <= tolerance * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration - 1, evaluations: evaluator.count, converged: true, message: "gradient below tolerance", gradientNorm };
    }
    let direction = inverseHessian.map((row) => -dot(row, gradient));
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Not a descent direction (the approximation went bad): restart from steepest descent.
      inverseHessian = identity();
      direction = gradient.map((g) => -g);
      slope = dot(direction, gradient);
      firstStep = true;
    }
    const longest = maxAbs(direction);
    const initialStep = Math.min(1, maxStep / longest, firstStep ? 1 / Math.max(gradientNorm, 1e-12) : 1);
    const point = wolfeLineSearch(evaluator, x, value, slope, direction, initialStep);
    if (!point) {
      const converged = gradientNorm <= 100 * tolerance * Math.max(1, Math.abs(value));
      return { x, value, iterations: iteration, evaluations: evaluator.count, converged, message: converged ? "line search cannot improve further; gradient near tolerance" : "line search failed to find a lower value", gradientNorm };
    }
    const s = point.x.map((xi, i) => xi - x[i]!);
    const y = point.gradient.map((gi, i) => gi - gradient[i]!);
    const decrease = value - point.value;
    x = point.x;
    value = point.value;
    gradient = point.gradient;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        const scale = sy / dot(y, y);
        inverseHessian = identity().map((row) => row.map((v) => v * scale));
        firstStep = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const hy = inverseHessian.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          inverseHessian[i]![j] = inverseHessian[i]![j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
        }
      }
    }
    stalls = decrease <= 1e-15 * Math.max(1, Math.abs(value)) ? stalls + 1 : 0;
    if (stalls >= 3) {
      const norm = maxAbs(gradient);
      const converged = norm <= 100 * tolerance * Math.max(1, Math.abs(value));
      return { x, value, iterations: iteration, evaluations: evaluator.count, converged, message: converged ? "no further decrease; gradient near tolerance" : "no further decrease but the gradient is not small", gradientNorm: norm };
    }
  }
  const gradientNorm = maxAbs(gradient);
  return { x, value, iterations: maxIterations, evaluations: evaluator.count, converged: false, message: `iteration limit (${maxIterations}) reached`, gradientNorm };
}

/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965) with the dimension-adaptive coefficients of
 * Gao & Han (2012). Derivative-free and robust to kinks; slow near the optimum, hence used as fallback.
 *
 * @example minimizeNelderMead(([a, b]) => Math.abs(a - 1) + (b - 2) ** 2, [0, 0]).x // ≈ [1, 2]
 */
export function minimizeNelderMead(
  f: Objective,
  x0: readonly number[],
  options: { maxIterations?: number; initialStep?: number; valueTolerance?: number; pointTolerance?: number } = {},
): MinimizeResult {
  checkStart(x0);
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 2000;
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const pointTolerance = options.pointTolerance ?? 1e-9;
  const step = options.initialStep ?? 0.5;
  const reflection = 1;
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrink = 1 - 1 / n;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations += 1;
    return finiteOrInfinity(f(x));
  };
  let simplex = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, value: evaluate(x) }));
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const spread = Math.abs(worst.value - best.value);
    let diameter = 0;
    for (const vertex of simplex) diameter = Math.max(diameter, maxAbs(vertex.x.map((v, i) => v - best.x[i]!)));
    if (Number.isFinite(best.value) && spread <= valueTolerance * Math.max(1, Math.abs(best.value)) && diameter <= pointTolerance * Math.max(1, maxAbs(best.x))) {
      return { x: best.x, value: best.value, iterations: iteration, evaluations, converged: true, message: "simplex collapsed below tolerance", gradientNorm: maxAbs(numericGradient(f, best.x)) };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.x[i]! / n;
    const along = (coefficient: number): number[] => centroid.map((c, i) => c + coefficient * (c - worst.x[i]!));
    const reflected = along(reflection);
    const reflectedValue = evaluate(reflected);
    const secondWorst = simplex[n - 1]!;
    if (reflectedValue < best.value) {
      const expanded = along(expansion);
      const expandedValue = evaluate(expanded);
      simplex[n] = expandedValue < reflectedValue ? { x: expanded, value: expandedValue } : { x: reflected, value: reflectedValue };
    } else if (reflectedValue < secondWorst.value) {
      simplex[n] = { x: reflected, value: reflectedValue };
    } else {
      const outside = reflectedValue < worst.value;
      const contracted = along(outside ? contraction : -contraction);
      const contractedValue = evaluate(contracted);
      if (contractedValue < (outside ? reflectedValue : worst.value)) {
        simplex[n] = { x: contracted, value: contractedValue };
      } else {
        simplex = simplex.map((vertex, k) => {
          if (k === 0) return vertex;
          const x = vertex.x.map((v, i) => best.x[i]! + shrink * (v - best.x[i]!));
          return { x, value: evaluate(x) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  const best = simplex[0]!;
  return { x: best.x, value: best.value, iterations: maxIterations, evaluations, converged: false, message: `Nelder–Mead iteration limit (${maxIterations}) reached`, gradientNorm: maxAbs(numericGradient(f, best.x)) };
}

/**
 * Robust minimisation: BFGS; if it does not converge, Nelder–Mead from the best point so far, then BFGS
 * again to polish and to certify a small gradient. `converged` is true only when the final gradient is
 * below the tolerance.
 *
 * @example minimize(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1]).x // ≈ [1, 1] (Rosenbrock)
 */
export function minimize(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const first = minimizeBfgs(f, x0, options);
  if (first.converged) return first;
  const restartFrom = Number.isFinite(first.value) ? first.x : x0.slice();
  const simplex = minimizeNelderMead(f, restartFrom);
  const polished = minimizeBfgs(f, Number.isFinite(simplex.value) && simplex.value <= first.value ? simplex.x : restartFrom, options);
  const iterations = first.iterations + simplex.iterations + polished.iterations;
  const evaluations = first.evaluations + simplex.evaluations + polished.evaluations;
  const candidates = [polished, simplex, first].filter((r) => Number.isFinite(r.value)).sort((a, b) => a.value - b.value);
  const best = polished.converged ? polished : (candidates[0] ?? polished);
  const message = polished.converged
    ? `BFGS did not converge (${first.message}); converged after a Nelder–Mead restart`
    : `did not converge: BFGS ${first.message}; Nelder–Mead ${simplex.message}; BFGS polish ${polished.message}`;
  return { ...best, iterations, evaluations, converged: polished.converged, message };
}

export interface MultiStartResult {
  best: MinimizeResult;
  runs: MinimizeResult[];
}

/**
 * Runs `minimize` from the starting points in turn and returns the lowest converged result (or the lowest
 * of all when none converged; check `best.converged`). With `stopWhenTwoAgree`, it stops as soon as two
 * converged runs reach the same minimum (relative difference below 1e-9), skipping the remaining starts.
 *
 * @example minimizeMultiStart(([a]) => (a * a - 4) ** 2, [[-3], [3]]).best.x // ≈ [-2] (from the first start; the minimum at 2 is as low)
 */
export function minimizeMultiStart(
  f: Objective,
  starts: readonly (readonly number[])[],
  options: MinimizeOptions & { stopWhenTwoAgree?: boolean } = {},
): MultiStartResult {
  if (starts.length === 0) throw new InvalidInputError("minimizeMultiStart needs at least one starting point");
  const runs: MinimizeResult[] = [];
  const byValue = (a: MinimizeResult, b: MinimizeResult): number => a.value - b.value;
  for (const start of starts) {
    runs.push(minimize(f, start, options));
    if (options.stopWhenTwoAgree) {
      const converged = runs.filter((run) => run.converged && Number.isFinite(run.value)).sort(byValue);
      if (converged.length >= 2 && converged[1]!.value - converged[0]!.value <= 1e-9 * Math.max(1, Math.abs(converged[0]!.value))) break;
    }
  }
  const converged = runs.filter((run) => run.converged && Number.isFinite(run.value)).sort(byValue);
  const best = converged[0] ?? runs.slice().sort(byValue)[0]!;
  return { best, runs };
}
