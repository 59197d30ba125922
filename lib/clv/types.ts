/**
 * Shapes shared by the CLV engine: the per-customer summary (frequency, recency, age, monetary value), the
 * result of a maximum-likelihood fit, and the predictive interface every purchase model implements
 * (BG/NBD, MBG/NBD, Pareto/NBD). Times (t_x, T, t) are in the time unit of the data the model was fitted
 * to (weeks for the papers' CDNOW analyses); the rate parameter `alpha` (and Pareto/NBD's `beta`) are in
 * that unit too.
 */

/** The time unit of frequency/recency/age. A week is 7 days; a month is 365.25 / 12 = 30.4375 days. */
export type TimeUnit = "day" | "week" | "month";

/** What a customer did before the analysis date, for the dashboard (not used by the models). */
export interface HistoricFigures {
  /** Number of orders (transaction rows) to date. */
  orders: number;
  /** Distinct purchase days to date (same-day orders count once). */
  purchaseDays: number;
  /** Sum of amounts to date: revenue or net value, whatever the amounts are. */
  revenue: number;
  /** First and last purchase as ISO dates (YYYY-MM-DD). */
  firstPurchase: string;
  lastPurchase: string;
  /** Days from the first to the last purchase. */
  relationshipDays: number;
}

/**
 * One customer's summary of the calibration period (the papers' `x, t_x, T, zbar`).
 * - `x`: frequency, the number of repeat purchases (distinct purchase days minus one);
 * - `tx`: recency, time from the first to the last purchase;
 * - `T`: age, time from the first purchase to the end of the calibration period;
 * - `monetary`: mean value of the repeat purchases (0 when x = 0).
 */
export interface CustomerSummary {
  id?: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
  historic?: HistoricFigures;
}

/** The same data by columns (typed arrays from `summarizeTransactions`, or plain arrays). */
export interface RfmColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary?: ArrayLike<number>;
}

/** What the fitters accept: summary rows or columns. */
export type PurchaseData = readonly CustomerSummary[] | RfmColumns;

export type PurchaseModelName = "bgnbd" | "mbgnbd" | "paretonbd";
export type SpendModelName = "gammagamma";
export type ModelName = PurchaseModelName | SpendModelName;

/**
 * The result of a maximum-likelihood fit. `params` and `standardErrors` use the papers' names
 * (BG/NBD, MBG/NBD: r, alpha, a, b; Pareto/NBD: r, alpha, s, beta; Gamma-Gamma: p, q, v);
 * `logLikelihood` is the total over customers (in the data's time unit), `customers` how many were used.
 * Standard errors come from the inverse Hessian of the negative log-likelihood in the natural parameters.
 */
export interface FitResult<Name extends ModelName = ModelName> {
  model: Name;
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  /**
   * The asymptotic covariance of the estimates (the inverse Hessian of −log L in the natural parameters,
   * rows and columns in the order of the model's parameter names); the CLV intervals use it.
   */
  covariance?: number[][];
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  seconds: number;
  customers: number;
}

/** Alias used by the dashboard: a fitted model is its fit result. */
export type FittedModel<Name extends ModelName = ModelName> = FitResult<Name>;

/**
 * Predictions of a purchase ("buy till you die") model with fixed parameters. Arguments are in the
 * time unit of the fit; customers are given by (x, t_x, T) as in `CustomerSummary`.
 */
export interface PurchaseModel {
  readonly model: PurchaseModelName;
  readonly params: Readonly<Record<string, number>>;
  /** P(alive | x, t_x, T): the probability that the customer is still active at T. */
  probabilityAlive(x: number, tx: number, T: number): number;
  /** E[X(t)]: expected purchases of a new customer in (0, t]. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of a customer with history (x, t_x, T). */
  conditionalExpectedPurchases(x: number, tx: number, T: number, t: number): number;
  /** P(X(t) = n): probability that a new customer makes exactly n purchases in (0, t]. */
  probabilityOfPurchases(n: number, t: number): number;
}

export interface FitOptions {
  /** Starting points on the log scale of the parameters (default: a few spread-out guesses). */
  starts?: readonly (readonly number[])[];
  /** Iteration limit per BFGS run. */
  maxIterations?: number;
}

/** What a purchase model offers to the comparison, the command line and the dashboard. */
export interface PurchaseModelDefinition {
  readonly name: PurchaseModelName;
  /** Display name, e.g. "BG/NBD". */
  readonly label: string;
  readonly parameterNames: readonly string[];
  /** Maximum-likelihood fit; throws `ModelFitError` / `InsufficientDataError` / `InvalidInputError`. */
  fit(data: PurchaseData, options?: FitOptions): FitResult<PurchaseModelName>;
  /** The predictive model for given parameters (validated). */
  fromParams(params: Readonly<Record<string, number>>): PurchaseModel;
}
