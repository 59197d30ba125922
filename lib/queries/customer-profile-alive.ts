/**
 * The P(alive) curve of one customer for the customer page: the snapshot's purchase model with its fitted
 * parameters (in weeks, as the scoring fits them) applied to the customer's own purchase days up to the
 * snapshot's analysis date (lib/clv/alive-over-time.ts). Refund rows are not purchases, as in the scoring.
 */
import { probabilityAliveOverTime, type AliveOverTimePoint } from "@/lib/clv/alive-over-time";
import { parseIsoDay } from "@/lib/clv/iso-date";
import { isPurchaseModelName, purchaseModelDefinition } from "@/lib/clv/models";
import { DAYS_PER_UNIT } from "@/lib/clv/summary";
import type { SnapshotFit } from "@/lib/scoring/types";
import type { CustomerPurchaseDay } from "./customer-profile";

export type AliveCurve =
  | { status: "ok"; modelLabel: string; points: AliveOverTimePoint[] }
  /** The simple formula: no notion of a customer being alive. */
  | { status: "no-model"; modelLabel: string }
  /** No purchase on or before the analysis date. */
  | { status: "no-purchases"; modelLabel: string };

/** Weekly points for up to three years of history, then every 2, 3, ... weeks (about 160 points at most plus purchases). */
export function curveStepDays(firstDay: number, asOfDay: number): number {
  return 7 * Math.max(1, Math.ceil((asOfDay - firstDay) / 7 / 156));
}

export function customerAliveCurve(days: readonly CustomerPurchaseDay[], snapshot: { asOfDate: string; fit: SnapshotFit }): AliveCurve {
  const { purchaseModel, unit } = snapshot.fit;
  if (!isPurchaseModelName(purchaseModel.name)) return { status: "no-model", modelLabel: purchaseModel.label };
  const asOfDay = parseIsoDay(snapshot.asOfDate);
  const purchaseDays = days.filter((day) => day.kind === "purchase").map((day) => parseIsoDay(day.date)).filter((day) => day <= asOfDay);
  if (purchaseDays.length === 0) return { status: "no-purchases", modelLabel: purchaseModel.label };
  const model = purchaseModelDefinition(purchaseModel.name).fromParams(purchaseModel.params);
  const points = probabilityAliveOverTime(model, purchaseDays, asOfDay, {
    unitDays: DAYS_PER_UNIT[unit],
    stepDays: curveStepDays(purchaseDays[0]!, asOfDay),
  });
  return { status: "ok", modelLabel: purchaseModel.label, points };
}
