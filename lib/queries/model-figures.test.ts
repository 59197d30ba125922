import { describe, expect, test } from "vitest";
import type { SnapshotFit } from "@/lib/scoring/types";
import { SUFFICIENCY_THRESHOLDS, dataSufficiency, selectionReason } from "./model-figures";

const base = { customers: 1500, repeatBuyers: 900, firstPurchaseDate: "2024-07-01", asOfDate: "2026-06-30", holdoutTested: true };

describe("data sufficiency", () => {
  test("enough customers, repeat buyers and history: no problems", () => {
    const sufficiency = dataSufficiency(base);
    expect(sufficiency.problems).toEqual([]);
    expect(sufficiency.historyDays).toBe(730);
    expect(sufficiency.repeatShare).toBeCloseTo(0.6, 12);
  });

  test("each threshold on its own, at its edge", () => {
    expect(dataSufficiency({ ...base, customers: SUFFICIENCY_THRESHOLDS.customers }).problems).toEqual([]);
    expect(dataSufficiency({ ...base, customers: SUFFICIENCY_THRESHOLDS.customers - 1 }).problems).toEqual(["fewCustomers"]);
    expect(dataSufficiency({ ...base, repeatBuyers: 99 }).problems).toEqual(["fewRepeatBuyers"]);
    expect(dataSufficiency({ ...base, firstPurchaseDate: "2025-12-31" }).problems).toEqual([]); // 182 days = 26 weeks
    expect(dataSufficiency({ ...base, firstPurchaseDate: "2026-01-01" }).problems).toEqual(["shortHistory"]);
    expect(dataSufficiency({ ...base, holdoutTested: false }).problems).toEqual(["noHoldout"]);
  });
});

describe("why the model was used", () => {
  const fit = (holdoutWeeks: number | null, holdout: boolean) =>
    ({
      purchaseModel: { name: "bgnbd" },
      selection: { holdoutWeeks, comparison: [{ model: "bgnbd", holdout: holdout ? {} : null }] },
    }) as unknown as SnapshotFit;

  test.each([
    ["auto", fit(26, true), { kind: "bestHoldout", holdoutWeeks: 26 }],
    ["auto", fit(26, false), { kind: "noFit" }],
    ["auto", fit(null, false), { kind: "tooShort" }],
    ["bgnbd", fit(26, true), { kind: "setting" }],
    ["simple", fit(null, false), { kind: "simple" }],
  ] as const)("%s", (choice, snapshotFit, reason) => {
    expect(selectionReason(choice, snapshotFit)).toEqual(reason);
  });
});
