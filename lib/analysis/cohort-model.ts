/**
 * The snapshot's purchase model as the cohort view's continuation needs it: the horizon in days and the
 * cumulative expected purchases curve of a group's average member (lib/clv/cohort-continuation.ts).
 * Pure: no database, no React.
 */
import { LIFETIMES_UNITS_PER_MONTH } from "@/lib/clv/clv";
import { DAYS_PER_CALENDAR_MONTH, conditionalPurchaseCurve, retentionPurchaseCurve } from "@/lib/clv/cohort-continuation";
import { isPurchaseModelName, purchaseModelDefinition } from "@/lib/clv/models";
import type { SnapshotFit } from "@/lib/scoring/types";
import type { ContinuationModel } from "./cohort-table";

const DAYS_PER_WEEK = 7;

/**
 * The continuation model of a snapshot, or null when its fit has no usable model. The horizon is the one
 * the snapshot's expected purchases cover: `horizonMonths` months of 4.345 weeks for the purchase models
 * (lib/scoring/predictions.ts), calendar months for the simple formula (lib/scoring/simple-formula.ts).
 */
export function continuationModel(fit: SnapshotFit | null | undefined, horizonMonths: number): ContinuationModel | null {
  if (!fit?.purchaseModel || !(horizonMonths > 0)) return null;
  const { name, params } = fit.purchaseModel;
  if (name === "simple") {
    const retention = fit.retention?.rateYearly ?? params.retentionRateYearly;
    if (retention === undefined || !(retention >= 0 && retention <= 1)) return null;
    const curve = retentionPurchaseCurve(retention);
    return { horizonDays: horizonMonths * DAYS_PER_CALENDAR_MONTH, curveFor: () => curve };
  }
  if (!isPurchaseModelName(name) || fit.unit !== "week") return null;
  const model = purchaseModelDefinition(name).fromParams(params);
  return {
    horizonDays: horizonMonths * LIFETIMES_UNITS_PER_MONTH.week * DAYS_PER_WEEK,
    curveFor: (member) => conditionalPurchaseCurve(model, member.x, member.recencyDays / DAYS_PER_WEEK, member.ageDays / DAYS_PER_WEEK, DAYS_PER_WEEK),
  };
}
