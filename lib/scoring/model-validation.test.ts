import { describe, expect, test } from "vitest";
import { holdoutSplit } from "@/lib/clv/holdout";
import { dayNumberFromIso } from "@/lib/clv/iso-date";
import { DEFAULT_SETTINGS, type Settings } from "@/lib/settings/schema";
import { computeScores } from "./compute-scores";
import { demoTransactions } from "./demo-transactions.test-helpers";


const data = demoTransactions({ customers: 800, seed: 11, years: 2, endDate: "2026-02-14" }, { withoutCosts: true });
const settings = (change: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...change });
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("the model page's figures in a snapshot", () => {
  const result = computeScores(data, settings());
  const validation = result.fit.validation!;

  test("hold out the setting's share of the history, in whole weeks", () => {
    const firstDay = Math.min(...data.day);
    const split = holdoutSplit(firstDay, dayNumberFromIso(result.asOfDate, "as of"), 25)!;
    expect(validation.holdoutPercent).toBe(25);
    expect(result.fit.selection.holdoutWeeks).toBe(split.holdoutWeeks);
    const tenPercent = computeScores(data, settings({ holdoutPercent: 10 }), undefined, result.fit);
    expect(tenPercent.fit.selection.holdoutWeeks).toBe(holdoutSplit(firstDay, dayNumberFromIso(result.asOfDate, "as of"), 10)!.holdoutWeeks);
    expect(tenPercent.fit.selection.holdoutWeeks).toBeLessThan(split.holdoutWeeks);
  });

  test("count every scored customer once in the grid, and the repeat buyers", () => {
    const customers = result.figures.customerIds.length;
    expect(validation.customers).toBe(customers);
    expect(sum(validation.grid.customers.flat())).toBe(customers);
    expect(validation.repeatBuyers).toBe(Array.from(result.figures.purchases).filter((n) => n > 1).length);
    // P(alive) in each cell is a mean of probabilities.
    for (const value of validation.grid.probabilityAlive!.flat()) if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of validation.grid.probabilityAlive!.flat()) if (value !== null) expect(value).toBeLessThanOrEqual(1);
  });

  test("predict the holdout with the chosen model's calibration fit, matching the comparison's totals", () => {
    const holdout = validation.holdout!;
    const chosen = result.fit.selection.comparison.find((row) => row.model === result.model)!;
    expect(holdout.params).toEqual(chosen.params);
    const rows = holdout.byFrequency;
    expect(sum(rows.map((row) => row.customers))).toBe(result.fit.selection.sampleCustomers);
    const actual = sum(rows.map((row) => row.actualMean * row.customers));
    const expected = sum(rows.map((row) => row.expectedMean * row.customers));
    expect(actual).toBeCloseTo(result.fit.holdout!.actualTotal, 0);
    expect(expected).toBeCloseTo(result.fit.holdout!.predictedTotal, 0);
  });

  test("track repeat purchases per week over calibration and holdout", () => {
    const tracking = validation.holdout!.tracking!;
    expect(tracking.actual.length).toBe(tracking.expected.length);
    expect(tracking.actual.length - tracking.calibrationWeeks).toBe(result.fit.selection.holdoutWeeks);
    expect(tracking.customers).toBe(result.fit.selection.sampleCustomers);
    // The holdout weeks hold the same repeat purchases the comparison counted.
    expect(sum(tracking.actual.slice(tracking.calibrationWeeks))).toBe(result.fit.holdout!.actualTotal);
    // The first week ends a whole number of weeks before the calibration end.
    const weeksBefore = (dayNumberFromIso(result.fit.selection.calibrationEnd!, "end") - dayNumberFromIso(tracking.firstWeekEnd, "first")) / 7;
    expect(weeksBefore).toBe(tracking.calibrationWeeks - 1);
  });

  test("stay small enough to keep with every snapshot", () => {
    expect(JSON.stringify(validation).length).toBeLessThan(8_000);
  });

  test("are left out for the simple formula", () => {
    expect(computeScores(data, settings({ model: "simple" })).fit.validation).toBeUndefined();
  });
});
