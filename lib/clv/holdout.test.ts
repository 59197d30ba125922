import { describe, expect, it } from "vitest";
import { bgnbdModel } from "./bg-nbd";
import { holdoutAccuracy } from "./compare";
import {
  DEFAULT_GRID_BINS,
  MAXIMUM_HOLDOUT_DAYS,
  frequencyRecencyGrid,
  holdoutByFrequency,
  holdoutSplit,
  minimumHistoryDays,
  trackingSeries,
} from "./holdout";
import { dayNumberFromIso } from "./iso-date";
import { paretoNbdModel } from "./pareto-nbd-predictions";
import { createRandom } from "./random";
import { simulateTransactionLog } from "./simulate";
import { summarizeTransactions, transactionColumns, type TransactionColumns } from "./summary";

const day = (iso: string) => dayNumberFromIso(iso, "test date");

/** A Pareto/NBD transaction log in days (Fader & Hardie 2005 note, §2): λ ~ Gamma(r, α), μ ~ Gamma(s, β) per day. */
function simulateParetoNbdLog(
  params: { r: number; alpha: number; s: number; beta: number },
  options: { customers: number; startDay: number; acquisitionDays: number; endDay: number; seed: number },
): TransactionColumns {
  const random = createRandom(options.seed);
  const customer: number[] = [];
  const days: number[] = [];
  for (let c = 0; c < options.customers; c++) {
    const birth = options.startDay + random.integer(options.acquisitionDays);
    const lambda = random.gamma(params.r, params.alpha);
    const lifetime = random.exponential(random.gamma(params.s, params.beta));
    customer.push(c);
    days.push(birth);
    for (let time = random.exponential(lambda); time < lifetime && birth + Math.floor(time) <= options.endDay; time += random.exponential(lambda)) {
      customer.push(c);
      days.push(birth + Math.floor(time));
    }
  }
  return {
    customerIds: Array.from({ length: options.customers }, (_, c) => String(c)),
    customer: Int32Array.from(customer),
    day: Int32Array.from(days),
    amount: new Float64Array(days.length).fill(1),
  };
}

describe("holdoutSplit", () => {
  it("holds out the last share of the history in whole weeks", () => {
    // 728 days = 104 weeks; 25% is 26 weeks.
    expect(holdoutSplit(0, 727, 25)).toEqual({ calibrationEndDay: 545, holdoutEndDay: 727, holdoutDays: 182, holdoutWeeks: 26 });
    // A third of 104 weeks is 34.67: rounded down to 34 weeks.
    expect(holdoutSplit(0, 727, 100 / 3)!.holdoutWeeks).toBe(34);
    // 10% and 50% of the same history.
    expect(holdoutSplit(0, 727, 10)!.holdoutWeeks).toBe(10);
    expect(holdoutSplit(0, 727, 50)!.holdoutWeeks).toBe(52);
  });

  it("puts the calibration end right before the holdout: the two periods meet and do not overlap", () => {
    const split = holdoutSplit(day("2024-07-01"), day("2026-06-30"), 25)!;
    expect(split.holdoutEndDay - split.calibrationEndDay).toBe(split.holdoutDays);
    expect(split.holdoutDays % 7).toBe(0);
    // Days calibrationEnd + 1 .. holdoutEnd are the holdout: exactly holdoutDays of them.
    expect(split.holdoutEndDay).toBe(day("2026-06-30"));
  });

  it("needs 4 weeks of holdout, and never holds out more than 52 weeks", () => {
    expect(minimumHistoryDays(25)).toBe(112);
    expect(holdoutSplit(0, 111, 25)!.holdoutDays).toBe(28); // 112 days: exactly 4 weeks
    expect(holdoutSplit(0, 110, 25)).toBeNull(); // 111 days: 3.96 weeks
    expect(holdoutSplit(0, 10 * 365, 25)!.holdoutDays).toBe(MAXIMUM_HOLDOUT_DAYS);
    expect(holdoutSplit(5, 5, 50)).toBeNull();
  });

  it("rejects impossible input with a message", () => {
    expect(() => holdoutSplit(10, 5, 25)).toThrow(/first ≤ last/);
    expect(() => holdoutSplit(0, 700, 0)).toThrow(/between 0 and 100/);
    expect(() => holdoutSplit(0, 700, 100)).toThrow(/between 0 and 100/);
  });
});

describe("trackingSeries", () => {
  // Calibration ends on Sunday 2024-01-28 (day c); the holdout is the 2 weeks after it.
  const calibrationEnd = day("2024-01-28");
  const holdoutEnd = calibrationEnd + 14;
  const rows = transactionColumns([
    // a: first purchase 3 weeks before the end, repeat in calibration (twice on one day) and in the holdout.
    { customerId: "a", date: calibrationEnd - 20, amount: 10 },
    { customerId: "a", date: calibrationEnd - 6, amount: 5 },
    { customerId: "a", date: calibrationEnd - 6, amount: 5 },
    { customerId: "a", date: calibrationEnd + 1, amount: 5 },
    // b: one purchase on the calibration end, a repeat in the last holdout week.
    { customerId: "b", date: calibrationEnd, amount: 10 },
    { customerId: "b", date: holdoutEnd, amount: 10 },
    // c: first purchase in the holdout: not tracked.
    { customerId: "c", date: calibrationEnd + 3, amount: 10 },
    { customerId: "c", date: calibrationEnd + 10, amount: 10 },
    // d: after the holdout: ignored.
    { customerId: "d", date: holdoutEnd + 1, amount: 10 },
  ]);
  const model = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });

  it("counts distinct repeat purchase days per week, weeks ending on the calibration end", () => {
    const series = trackingSeries(rows, model, { calibrationEndDay: calibrationEnd, holdoutEndDay: holdoutEnd });
    // Weeks end on calibrationEnd − 14, − 7, 0 (calibration) and + 7, + 14 (holdout).
    expect(series.weekEndDay0).toBe(calibrationEnd - 14);
    expect(series.calibrationWeeks).toBe(3);
    expect(series.actual).toEqual([0, 0, 1, 1, 1]);
    expect(series.customers).toBe(2);
    expect(series.excludedCustomers).toBe(1);
  });

  it("expects Σ cohorts × E[X(age)] at each week end", () => {
    const series = trackingSeries(rows, model, { calibrationEndDay: calibrationEnd, holdoutEndDay: holdoutEnd });
    const weeks = (days: number) => days / 7;
    const cumulative = (end: number) => model.expectedPurchases(weeks(end - (calibrationEnd - 20))) + (end >= calibrationEnd ? model.expectedPurchases(weeks(end - calibrationEnd)) : 0);
    const ends = [-14, -7, 0, 7, 14].map((offset) => calibrationEnd + offset);
    const expected = ends.map((end, i) => cumulative(end) - (i === 0 ? 0 : cumulative(ends[i - 1]!)));
    series.expected.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
  });

  it("rejects a holdout end before the calibration end", () => {
    expect(() => trackingSeries(rows, model, { calibrationEndDay: calibrationEnd, holdoutEndDay: calibrationEnd })).toThrow(/after the calibration end/);
  });

  it("agrees with the actual repeat purchases within sampling error when the model is true (BG/NBD)", () => {
    // Per-day parameters: λ ~ Gamma(r, α) per day, so per week α / 7.
    const perDay = { r: 0.6, alpha: 40, a: 0.8, b: 2.5 };
    const start = day("2024-07-01");
    const end = day("2026-06-30");
    const log = simulateTransactionLog(perDay, { p: 6, q: 4, v: 15 }, { customers: 12_000, startDay: start, acquisitionDays: 700, endDay: end, seed: 11 });
    const split = holdoutSplit(start, end, 25)!;
    const weekly = bgnbdModel({ ...perDay, alpha: perDay.alpha / 7 });
    const series = trackingSeries(log, weekly, { calibrationEndDay: split.calibrationEndDay, holdoutEndDay: split.holdoutEndDay });
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const holdoutActual = sum(series.actual.slice(series.calibrationWeeks));
    const holdoutExpected = sum(series.expected.slice(series.calibrationWeeks));
    const calibrationActual = sum(series.actual.slice(0, series.calibrationWeeks));
    const calibrationExpected = sum(series.expected.slice(0, series.calibrationWeeks));
    expect(holdoutActual).toBeGreaterThan(2000);
    expect(Math.abs(holdoutExpected - holdoutActual) / holdoutActual).toBeLessThan(0.06);
    expect(Math.abs(calibrationExpected - calibrationActual) / calibrationActual).toBeLessThan(0.06);
    // Customers acquired after the calibration end are left out of both lines.
    expect(series.customers + series.excludedCustomers).toBe(12_000);
    expect(series.excludedCustomers).toBeGreaterThan(0);
  });
});

describe("holdoutByFrequency", () => {
  it("groups customers by calibration repeat purchases, the last row open, and adds up to the holdout totals", () => {
    const perDay = { r: 0.6, alpha: 40, a: 0.8, b: 2.5 };
    const start = day("2024-07-01");
    const end = day("2026-06-30");
    const log = simulateTransactionLog(perDay, { p: 6, q: 4, v: 15 }, { customers: 12_000, startDay: start, acquisitionDays: 700, endDay: end, seed: 5 });
    const split = holdoutSplit(start, end, 25)!;
    const table = summarizeTransactions(log, { unit: "week", calibrationEnd: split.calibrationEndDay, holdoutEnd: split.holdoutEndDay });
    const model = bgnbdModel({ ...perDay, alpha: perDay.alpha / 7 });
    const validation = holdoutByFrequency(table, model, 7);
    expect(validation.rows.map((row) => row.repeatPurchases)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(validation.rows.at(-1)!.orMore).toBe(true);
    expect(validation.rows.reduce((sum, row) => sum + row.customers, 0)).toBe(table.customers);
    // Customers who first bought in the holdout are not in the calibration figures.
    expect(table.customers + table.excludedCustomers).toBe(12_000);
    expect(table.excludedCustomers).toBeGreaterThan(0);
    // The totals are the ones the model comparison scores.
    const predicted = Float64Array.from({ length: table.customers }, (_, i) => model.conditionalExpectedPurchases(table.x[i]!, table.tx[i]!, table.T[i]!, table.holdout!.durationUnits));
    const accuracy = holdoutAccuracy(predicted, table.holdout!.purchases);
    expect(validation.expectedTotal).toBeCloseTo(accuracy.predictedTotal, 6);
    expect(validation.actualTotal).toBe(accuracy.actualTotal);
    // The model is true: totals within a few percent, and the well-filled rows close to the actual means.
    expect(Math.abs(validation.expectedTotal - validation.actualTotal) / validation.actualTotal).toBeLessThan(0.06);
    for (const row of validation.rows.filter((r) => r.customers >= 500)) {
      expect(Math.abs(row.expectedMean - row.actualMean)).toBeLessThan(0.1 + 0.15 * row.actualMean);
    }
  });

  it("agrees with the actual holdout purchases when Pareto/NBD is true", () => {
    const perDay = { r: 0.55, alpha: 35, s: 0.6, beta: 300 };
    const start = day("2024-07-01");
    const end = day("2026-06-30");
    const log = simulateParetoNbdLog(perDay, { customers: 10_000, startDay: start, acquisitionDays: 700, endDay: end, seed: 3 });
    const split = holdoutSplit(start, end, 25)!;
    const table = summarizeTransactions(log, { unit: "week", calibrationEnd: split.calibrationEndDay, holdoutEnd: split.holdoutEndDay });
    const model = paretoNbdModel({ r: perDay.r, alpha: perDay.alpha / 7, s: perDay.s, beta: perDay.beta / 7 });
    const validation = holdoutByFrequency(table, model);
    expect(Math.abs(validation.expectedTotal - validation.actualTotal) / validation.actualTotal).toBeLessThan(0.06);
    const series = trackingSeries(log, model, { calibrationEndDay: split.calibrationEndDay, holdoutEndDay: split.holdoutEndDay });
    const holdoutActual = series.actual.slice(series.calibrationWeeks).reduce((a, b) => a + b, 0);
    const holdoutExpected = series.expected.slice(series.calibrationWeeks).reduce((a, b) => a + b, 0);
    expect(Math.abs(holdoutExpected - holdoutActual) / holdoutActual).toBeLessThan(0.06);
  });

  it("needs a summary with a holdout", () => {
    const table = summarizeTransactions(transactionColumns([{ customerId: "a", date: 100, amount: 1 }]), { calibrationEnd: 110 });
    expect(() => holdoutByFrequency(table, bgnbdModel({ r: 1, alpha: 1, a: 1, b: 1 }))).toThrow(/no holdout/);
  });
});

describe("frequencyRecencyGrid", () => {
  const table = {
    customers: 5,
    calibrationEndDay: 1000,
    // x 0 bought 3 days ago; x 1 bought 30 days ago (twice); x 20 bought 800 days ago; x 2 bought 100 days ago.
    x: Float64Array.from([0, 1, 1, 20, 2]),
    lastDay: Int32Array.from([997, 970, 970, 200, 900]),
  };

  it("puts each customer in one cell and averages P(alive) and expected purchases there", () => {
    const grid = frequencyRecencyGrid(table, [1, 0.8, 0.6, 0.1, 0.5], [2, 1, 3, 0.2, 0.7]);
    expect(grid.repeatPurchases).toEqual(DEFAULT_GRID_BINS.repeatPurchases);
    expect(grid.daysSinceLastPurchase).toEqual(DEFAULT_GRID_BINS.daysSinceLastPurchase);
    expect(grid.customers[0]![0]).toBe(1);
    expect(grid.customers[1]![1]).toBe(2); // 30 days: the 4–8 week column
    expect(grid.probabilityAlive![1]![1]).toBeCloseTo(0.7, 12);
    expect(grid.expectedPurchases[1]![1]).toBeCloseTo(2, 12);
    expect(grid.customers[2]![3]).toBe(1); // 100 days: 13–26 weeks
    expect(grid.customers[9]![8]).toBe(1); // 16+ repeat purchases, 104+ weeks
    expect(grid.probabilityAlive![0]![1]).toBeNull();
    expect(grid.customers.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("leaves off trailing rows and columns without customers, and P(alive) when there is none", () => {
    const small = { ...table, customers: 3 };
    const grid = frequencyRecencyGrid(small, null, [2, 1, 3]);
    expect(grid.repeatPurchases).toEqual([0, 1]);
    expect(grid.daysSinceLastPurchase).toEqual([0, 28]);
    expect(grid.probabilityAlive).toBeNull();
    expect(grid.expectedPurchases).toEqual([
      [2, null],
      [null, 2],
    ]);
  });

  it("bins at the edges: 28 days since the last purchase is the second column", () => {
    const grid = frequencyRecencyGrid({ customers: 2, calibrationEndDay: 100, x: Float64Array.from([0, 0]), lastDay: Int32Array.from([73, 72]) }, null, [1, 1]);
    expect(grid.customers).toEqual([[1, 1]]);
  });
});
