import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores } from "@/db/schema";
import type { ModelComparisonRow } from "@/lib/clv/compare";
import { getDb } from "@/lib/db";
import { dataSufficiency, selectionReason, type DataSufficiency, type SelectionReason } from "./model-figures";
import { COMPARISON_SAMPLE_CUSTOMERS } from "@/lib/scoring/choose-model";
import type { FittedModelInfo, ModelValidationFigures, SnapshotFit } from "@/lib/scoring/types";
import type { SnapshotInfo } from "./snapshots";
import { failedRead, rememberForSnapshot } from "./support";
import { firstRow } from "@/db/first-row";

export type { DataSufficiency, SelectionReason } from "./model-figures";

/** What the model page shows of one snapshot: all from its `fit` JSON, plus one count for older snapshots. */
export interface ModelPageData {
  purchaseModel: FittedModelInfo;
  spendModel: FittedModelInfo | null;
  reason: SelectionReason;
  /** Every candidate fitted to the calibration period, in registry order (empty without a holdout test). */
  comparison: ModelComparisonRow[];
  holdout: SnapshotFit["holdout"];
  holdoutWeeks: number | null;
  calibrationEnd: string | null;
  /** Customers of the comparison (those who first bought before the holdout), and whether they are a sample. */
  sampleCustomers: number;
  sampled: boolean;
  /** The share held out (percent); null for snapshots from before it was a setting (they held out a third). */
  holdoutPercent: number | null;
  /** The validation charts' figures; null for snapshots computed before them (a recompute adds them). */
  validation: ModelValidationFigures | null;
  sufficiency: DataSufficiency;
}

/** Customers with more than one purchase day in a snapshot (for snapshots that did not store it); remembered per snapshot. */
export async function countRepeatBuyers(snapshotId: number, db: KlantwaardeDatabase = getDb()): Promise<number> {
  try {
    return await rememberForSnapshot(db, "repeat-buyers", snapshotId, [], async () =>
      (await firstRow(db
        .select({ n: count() })
        .from(customerScores)
        .where(and(eq(customerScores.snapshotId, snapshotId), gt(customerScores.purchases, 1)))
        .limit(1)))?.n ?? 0,
    );
  } catch (error) {
    failedRead("the number of repeat buyers", error);
  }
}

/** The model page's figures of a snapshot. */
export async function getModelPage(snapshot: SnapshotInfo, db: KlantwaardeDatabase = getDb()): Promise<ModelPageData> {
  const { fit, settings } = snapshot;
  const validation = fit.validation ?? null;
  const repeatBuyers = validation?.repeatBuyers ?? await countRepeatBuyers(snapshot.id, db);
  return {
    purchaseModel: fit.purchaseModel,
    spendModel: fit.spendModel,
    reason: selectionReason(settings.model, fit),
    comparison: fit.selection.comparison,
    holdout: fit.holdout,
    holdoutWeeks: fit.selection.holdoutWeeks,
    calibrationEnd: fit.selection.calibrationEnd,
    sampleCustomers: fit.selection.sampleCustomers,
    // chooseModel samples every k-th customer when there are at least twice the sample size.
    sampled: snapshot.customers >= 2 * COMPARISON_SAMPLE_CUSTOMERS,
    holdoutPercent: validation?.holdoutPercent ?? null,
    validation,
    sufficiency: dataSufficiency({
      customers: snapshot.customers,
      repeatBuyers,
      firstPurchaseDate: snapshot.firstPurchaseDate,
      asOfDate: snapshot.asOfDate,
      holdoutTested: fit.selection.holdoutWeeks !== null,
    }),
  };
}
