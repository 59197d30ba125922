import { describe, expect, it } from "vitest";
import { probabilityAliveOverTime } from "./alive-over-time";
import { bgnbdModel } from "./bg-nbd";
import { InvalidInputError } from "./errors";
import { mbgnbdModel } from "./mbg-nbd";
import { paretoNbdModel } from "./pareto-nbd-predictions";
import { createRandom } from "./random";
import { summarizeTransactions } from "./summary";
import type { PurchaseModel } from "./types";

const models: [string, PurchaseModel][] = [
  ["BG/NBD", bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 })],
  ["MBG/NBD", mbgnbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 })],
  ["Pareto/NBD", paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 })],
];

// A customer with two orders on one day, gaps of different length, and an analysis date after a long silence.
const purchases = [20_000, 20_030, 20_030, 20_041, 20_120, 20_300];
const asOfDay = 20_400;

describe.each(models)("%s", (_label, model) => {
  const curve = probabilityAliveOverTime(model, purchases, asOfDay);

  it("ends on the analysis date with the P(alive) the scoring gives the same history (same-day orders count once, weeks)", () => {
    const table = summarizeTransactions(
      { customerIds: ["c"], customer: purchases.map(() => 0), day: purchases, amount: purchases.map(() => 10) },
      { unit: "week", calibrationEnd: asOfDay },
    );
    const last = curve.at(-1)!;
    expect(last.day).toBe(asOfDay);
    expect(last.probabilityAlive).toBe(model.probabilityAlive(table.x[0]!, table.tx[0]!, table.T[0]!));
    expect(table.x[0]).toBe(4);
  });

  it("starts on the first purchase, is sorted, and marks each distinct purchase day once", () => {
    expect(curve[0]).toMatchObject({ day: 20_000, purchase: true });
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.day).toBeGreaterThan(curve[i - 1]!.day);
    expect(curve.filter((point) => point.purchase).map((point) => point.day)).toEqual([20_000, 20_030, 20_041, 20_120, 20_300]);
    for (const point of curve) {
      expect(point.probabilityAlive).toBeGreaterThanOrEqual(0);
      expect(point.probabilityAlive).toBeLessThanOrEqual(1);
    }
  });

  it("falls between purchases and jumps up on every repeat purchase", () => {
    for (let i = 1; i < curve.length; i++) {
      const [before, point] = [curve[i - 1]!, curve[i]!];
      // BG/NBD's one exception: 1 before the first repeat purchase, below 1 from it (dropping out becomes possible)
      if (point.purchase && before.probabilityAlive === 1) expect(_label === "BG/NBD" && before.day < 20_030).toBe(true);
      else if (point.purchase) expect(point.probabilityAlive).toBeGreaterThan(before.probabilityAlive);
      else expect(point.probabilityAlive).toBeLessThanOrEqual(before.probabilityAlive);
    }
    // the day before each repeat purchase is on the curve, so the drop before the jump shows
    for (const day of [20_029, 20_040, 20_119, 20_299]) expect(curve.some((point) => point.day === day && !point.purchase)).toBe(true);
  });

  it("uses only the purchases up to each moment: every point is the end of the curve cut at that day", () => {
    for (const point of curve) {
      expect(probabilityAliveOverTime(model, purchases, point.day).at(-1)!.probabilityAlive).toBe(point.probabilityAlive);
    }
  });
});

describe("probabilityAliveOverTime", () => {
  const model = models[0]![1];

  it("BG/NBD: a one-time buyer is certainly alive until a repeat purchase (x = 0)", () => {
    const curve = probabilityAliveOverTime(model, [100], 400);
    expect(curve.every((point) => point.probabilityAlive === 1)).toBe(true);
    expect(curve.map((point) => point.day)).toEqual([...Array.from({ length: 43 }, (_, k) => 100 + 7 * k), 400]);
  });

  it("matches the scoring's summary for random histories", () => {
    const random = createRandom(3);
    for (let c = 0; c < 50; c++) {
      const days = Array.from({ length: 1 + Math.floor(random.uniform() * 12) }, () => 19_000 + Math.floor(random.uniform() * 700));
      const end = 19_000 + 700 + Math.floor(random.uniform() * 60);
      const table = summarizeTransactions({ customerIds: ["c"], customer: days.map(() => 0), day: days, amount: days.map(() => 1) }, { unit: "week", calibrationEnd: end });
      for (const [, m] of models) {
        expect(probabilityAliveOverTime(m, days, end, { stepDays: 30 }).at(-1)!.probabilityAlive).toBe(m.probabilityAlive(table.x[0]!, table.tx[0]!, table.T[0]!));
      }
    }
  });

  it("ignores purchases after the analysis date", () => {
    expect(probabilityAliveOverTime(model, [0, 10, 50], 20, { stepDays: 100 })).toEqual(probabilityAliveOverTime(model, [0, 10], 20, { stepDays: 100 }));
  });

  it("rejects a history without purchases up to the analysis date and bad options", () => {
    expect(() => probabilityAliveOverTime(model, [], 10)).toThrow(InvalidInputError);
    expect(() => probabilityAliveOverTime(model, [20], 10)).toThrow("no purchase on or before the analysis date");
    expect(() => probabilityAliveOverTime(model, [1.5], 10)).toThrow("whole day number");
    expect(() => probabilityAliveOverTime(model, [1], 10, { stepDays: 0 })).toThrow("step of 0 days");
    expect(() => probabilityAliveOverTime(model, [1], 10, { unitDays: -7 })).toThrow("days per unit");
  });
});
