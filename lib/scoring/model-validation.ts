/**
 * The model page's figures, computed once in the recompute job and kept in the snapshot's `fit` JSON: the
 * holdout validation of the chosen model (the tracking plot and the conditional expectations by calibration
 * frequency, on the comparison sample and its calibration fit) and the frequency × recency grid of the
 * model fitted to everyone. All of it comes from typed columns the job already has (the sample's calibration
 * summary, the full summary and the predictions): no per-customer objects, so it stays cheap at 1M customers.
 * A failure here never fails the recompute: the page then shows the model without these charts.
 */
import { frequencyRecencyGrid, holdoutByFrequency, trackingSeries, type FrequencyRecencyGrid } from "@/lib/clv/holdout";
import { isoFromDayNumber } from "@/lib/clv/iso-date";
import { purchaseModelDefinition } from "@/lib/clv/models";
import type { CustomerSummaryTable } from "@/lib/clv/summary";
import type { ModelSelection } from "./choose-model";
import type { PurchasePredictions } from "../clv/predict-purchases";
import type { ModelValidationFigures } from "./types";

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** The holdout part: null without a holdout test or when the chosen model's calibration fit failed. */
function holdoutFigures(selection: ModelSelection): ModelValidationFigures["holdout"] {
  const calibration = selection.calibration;
  const params = selection.comparison.find((row) => row.model === selection.model)?.params;
  if (!calibration?.holdout || !params) return null;
  const model = purchaseModelDefinition(selection.model).fromParams(params);
  const holdoutEndDay = calibration.calibrationEndDay + Math.round(calibration.holdout.durationUnits * calibration.unitDays);
  let tracking: NonNullable<ModelValidationFigures["holdout"]>["tracking"] = null;
  try {
    const series = trackingSeries(selection.sample, model, { calibrationEndDay: calibration.calibrationEndDay, holdoutEndDay, unitDays: calibration.unitDays });
    tracking = {
      firstWeekEnd: isoFromDayNumber(series.weekEndDay0),
      calibrationWeeks: series.calibrationWeeks,
      customers: series.customers,
      excludedCustomers: series.excludedCustomers,
      actual: series.actual,
      expected: series.expected.map((value) => round(value, 2)),
    };
  } catch (error) {
    console.error("[recompute] the holdout tracking series could not be computed", error);
  }
  const byFrequency = holdoutByFrequency(calibration, model).rows.map((row) => ({
    ...row,
    actualMean: round(row.actualMean, 4),
    expectedMean: round(row.expectedMean, 4),
  }));
  return { params, tracking, byFrequency };
}

function roundGrid(grid: FrequencyRecencyGrid): FrequencyRecencyGrid {
  const matrix = (values: (number | null)[][]) => values.map((row) => row.map((value) => (value === null ? null : round(value, 4))));
  return { ...grid, probabilityAlive: grid.probabilityAlive ? matrix(grid.probabilityAlive) : null, expectedPurchases: matrix(grid.expectedPurchases) };
}

/** The validation figures of a snapshot; undefined when they could not be computed (logged). */
export function modelValidation(selection: ModelSelection, table: CustomerSummaryTable, predictions: PurchasePredictions): ModelValidationFigures | undefined {
  try {
    let repeatBuyers = 0;
    for (let i = 0; i < table.customers; i++) if (table.x[i]! > 0) repeatBuyers++;
    let holdout: ModelValidationFigures["holdout"] = null;
    try {
      holdout = holdoutFigures(selection);
    } catch (error) {
      console.error("[recompute] the holdout validation figures could not be computed", error);
    }
    return {
      holdoutPercent: selection.holdoutPercent,
      customers: table.customers,
      repeatBuyers,
      holdout,
      grid: roundGrid(frequencyRecencyGrid(table, predictions.probabilityAlive, predictions.expectedPurchases)),
    };
  } catch (error) {
    console.error("[recompute] the model validation figures could not be computed", error);
    return undefined;
  }
}
