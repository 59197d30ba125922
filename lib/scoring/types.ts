/**
 * Shapes of the scoring job: the transactions it reads, the figures it computes per customer, and the
 * metadata and summary it stores with each snapshot (the `fit` and `summary` JSON columns).
 * Money is in cents everywhere except model parameters (currency units, as the models see them).
 */
import type { HoldoutAccuracy, ModelComparisonRow } from "@/lib/clv/compare";
import type { FrequencyRecencyGrid, FrequencyValidationRow } from "@/lib/clv/holdout";
import type { PurchaseModelName } from "@/lib/clv/types";
import type { QuadrantKey, TierMeasure } from "@/lib/settings/schema";
import type { RfmSegmentKey } from "./rfm-segments";

export type ScoringModelName = PurchaseModelName | "simple";

/** The transactions table by columns, as the job reads it. */
export interface LoadedTransactions {
  rows: number;
  /** Database customer id by dense customer index. */
  customerIds: Float64Array;
  /** Dense customer index of each row. */
  customer: Int32Array;
  /** Day number (days since 1970-01-01) of each row. */
  day: Int32Array;
  revenueCents: Float64Array;
  /** Null when every cost is 0 (only revenue is known: the profit-margin setting applies). */
  costCents: Float64Array | null;
  /** The largest transaction id (part of the data fingerprint). */
  maxTransactionId: number;
  /**
   * Orders refunded in full, left out of the columns above (no purchase, no value to the models). Read only
   * for the cohort view's value per purchase month, which counts every stored row (lib/recompute/cohort-figures.ts).
   */
  refundedInFull?: RefundedInFullOrders;
}

/** Orders refunded in full by columns: customer id (the database's, not a dense index), day, value and cost. */
export interface RefundedInFullOrders {
  rows: number;
  customerIds: Float64Array;
  day: Int32Array;
  revenueCents: Float64Array;
  /** Null when the data has no costs (as `LoadedTransactions.costCents`). */
  costCents: Float64Array | null;
}

/** A fitted model's description in the snapshot. */
export interface FittedModelInfo {
  name: ScoringModelName | "gammagamma";
  label: string;
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  converged: boolean;
  iterations: number;
  customers: number;
  seconds: number;
}

/** The `fit` JSON of a snapshot: what was fitted, how it was chosen and how well it predicts. */
export interface SnapshotFit {
  unit: "week";
  purchaseModel: FittedModelInfo;
  /** Gamma-Gamma (null for the simple formula, which uses each customer's own average order value). */
  spendModel: FittedModelInfo | null;
  selection: {
    reason: string;
    holdoutWeeks: number | null;
    calibrationEnd: string | null;
    sampleCustomers: number;
    comparison: ModelComparisonRow[];
  };
  /** Holdout accuracy of the model used (null without a holdout test). */
  holdout: HoldoutAccuracy | null;
  /** The margin applied to predicted revenue: from the data's costs, or the setting; refunds folded in. */
  margin: { applied: number; source: "costs" | "setting"; refundShare: number };
  retention?: { rateYearly: number; standardError: number; windowDays: number; base: number; retained: number };
  /** The model page's validation charts and diagnostics. Missing in snapshots computed before them, and for the simple formula. */
  validation?: ModelValidationFigures;
}

/**
 * How well the purchase model predicted the holdout, and what it says about every customer (lib/clv/holdout.ts;
 * model-validation.ts rounds the figures for storage: a few KB).
 */
export interface ModelValidationFigures {
  /** The share of the history held out (the setting at the time). */
  holdoutPercent: number;
  /** Customers scored, and those among them with at least one repeat purchase: how much the fit had to go on. */
  customers: number;
  repeatBuyers: number;
  /** From the chosen model's calibration fit on the comparison sample; null without a holdout test or that fit. */
  holdout: {
    /** The calibration-period parameters the holdout was predicted with. */
    params: Record<string, number>;
    /** Repeat purchases per week of the sample's customers who first bought before the holdout. */
    tracking: {
      /** Last day (ISO) of the first week; each next week ends 7 days later. */
      firstWeekEnd: string;
      calibrationWeeks: number;
      customers: number;
      /** First purchase in the holdout: left out. */
      excludedCustomers: number;
      actual: number[];
      expected: number[];
    } | null;
    /** Mean holdout purchases by calibration repeat purchases 0..7+ (Fader, Hardie & Lee 2005, Figure 4). */
    byFrequency: FrequencyValidationRow[];
  } | null;
  /** Mean P(alive) and expected purchases over the horizon by repeat purchases × weeks since the last purchase. */
  grid: FrequencyRecencyGrid;
}

export interface TierSummary {
  tier: number;
  name: string;
  percent: number;
  customers: number;
  historicClvCents: number;
  predictedClvCents: number;
  /** Share of all predicted CLV (0..1). */
  valueShare: number;
}

/** One quadrant of the map; `valueShare` is its share of all predicted CLV, as for the tiers. */
export interface QuadrantSummary {
  key: QuadrantKey;
  name: string;
  tactic: string;
  customers: number;
  historicClvCents: number;
  predictedClvCents: number;
  valueShare: number;
  /**
   * The members' median P(alive) (null for the simple formula or an empty quadrant) and median days since the
   * last purchase (null when empty): whether the name and tactic fit. Missing in snapshots from before them.
   */
  medianProbabilityAlive?: number | null;
  medianDaysSinceLastPurchase?: number | null;
}

export interface RfmSegmentSummary {
  key: RfmSegmentKey;
  segment: string;
  customers: number;
  historicClvCents: number;
  predictedClvCents: number;
}

/**
 * The relationship length in force in a snapshot (`QuadrantAxes.relationship`): `lifetime` with the P(alive)
 * cutoff (model snapshots) or the inactivity days (the simple formula), or `sinceFirstPurchase`.
 */
export interface RelationshipDefinitionInForce {
  definition: "lifetime" | "sinceFirstPurchase";
  /** The P(alive) below which a relationship has ended (model snapshots with `lifetime`), else null. */
  aliveCutoff: number | null;
  /** Days without a purchase after which a relationship has ended (`lifetime` with the simple formula, and for BG/NBD's one-time buyers), else null. */
  inactivityDays: number | null;
}

/** What snapshots computed before the definition was stored used: days since the first purchase. */
export const SINCE_FIRST_PURCHASE: RelationshipDefinitionInForce = { definition: "sinceFirstPurchase", aliveCutoff: null, inactivityDays: null };

/**
 * Where the quadrant map of a snapshot splits: the threshold lines. x is relationship length
 * (`relationship_length_days` of customer_scores, as `relationship` defines it; `relationship_days`, days since
 * the first purchase, in snapshots from before), y is the CLV the tiers ranked by (`clvMeasure`:
 * `predicted_clv_cents`, `historic_clv_cents` or `total_clv_cents`). A customer at or above a threshold is on
 * the long / high side, except that an ended relationship (`relationship_ended`) is always short.
 */
export interface QuadrantAxes {
  /** Missing in snapshots from before it was stored: `SINCE_FIRST_PURCHASE`. */
  relationship?: RelationshipDefinitionInForce;
  clvMeasure: TierMeasure;
  /** The relationship duration where "long" starts, in days (a median can end in .5). */
  thresholdDays: number;
  /** Whether `thresholdDays` is the median customer's or a fixed number from the settings. */
  durationMode: "median" | "fixed";
  /** The CLV where "high" starts, in cents (a median can end in .5). */
  thresholdClvCents: number;
  clvMode: "median" | "fixed";
}

/** The `summary` JSON of a snapshot: what the report and the dashboard's headline figures show. */
export interface SnapshotSummary {
  currency: string;
  totals: { historicClvCents: number; predictedClvCents: number; totalClvCents: number };
  tiers: TierSummary[];
  /** In the order of QUADRANT_KEYS: high-long, high-short, low-long, low-short. */
  quadrants: QuadrantSummary[];
  /**
   * The thresholds the quadrants were split at. Missing in snapshots computed before the quadrant map was
   * CLV against relationship duration (their quadrants have other keys); a recompute replaces them.
   */
  quadrantAxes?: QuadrantAxes;
  rfm: RfmSegmentSummary[];
  /**
   * The interval of the total predicted CLV from the uncertainty of the estimated parameters (delta method,
   * lib/clv/clv-interval.ts); `level` is 0.9 for 90%. Missing for the simple formula and in snapshots
   * computed before intervals existed: then no range is shown.
   */
  predictedClvInterval?: { lowCents: number; highCents: number; level: number };
  /** Customers with purchases that could not be scored (first purchase after the analysis date, or refunds only). */
  excludedCustomers: number;
}

/** Every customer's figures by columns (index i is customer `customerIds[i]`). */
export interface CustomerFigures {
  customerIds: Float64Array;
  historicClvCents: Float64Array;
  predictedClvCents: Float64Array;
  totalClvCents: Float64Array;
  /** The interval of each customer's predicted CLV (null for the simple formula: no parameter uncertainty to propagate). */
  predictedClvLowCents: Float64Array | null;
  predictedClvHighCents: Float64Array | null;
  probabilityAlive: Float64Array | null;
  expectedPurchases: Float64Array;
  expectedOrderValueCents: Float64Array;
  /** Day number of the expected next purchase; NaN when not expected within the horizon. */
  nextPurchaseDay: Float64Array;
  purchases: Int32Array;
  /** Days from the first purchase to the analysis date (first to last purchase is this minus `daysSinceLastPurchase`). */
  relationshipDays: Int32Array;
  /** Relationship length as the settings define it (the quadrant map's x; relationship-lengths.ts). */
  relationshipLengthDays: Int32Array;
  /** 1 when the relationship has ended at the analysis date (then it is on the map's short side). */
  relationshipEnded: Uint8Array;
  daysSinceLastPurchase: Int32Array;
  recencyScore: Uint8Array;
  frequencyScore: Uint8Array;
  monetaryScore: Uint8Array;
  /** Index into RFM_SEGMENT_KEYS. */
  segment: Uint8Array;
  /** 1 = most valuable tier. */
  tier: Uint8Array;
  /** Index into QUADRANT_ORDER. */
  quadrant: Uint8Array;
}

export interface ScoringResult {
  asOfDate: string;
  firstPurchaseDate: string;
  lastPurchaseDate: string;
  model: ScoringModelName;
  fit: SnapshotFit;
  summary: SnapshotSummary;
  figures: CustomerFigures;
  /** Transaction rows up to the analysis date. */
  transactions: number;
}

export type ProgressCallback = (fraction: number, phase: string) => void;
