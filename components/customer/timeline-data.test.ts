import { describe, expect, test } from "vitest";
import { isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { alignedZeroAxes, averageOrder, niceStep, monthAxis, monthTicks, timelineData, type TimelineDay } from "./timeline-data";

const days: TimelineDay[] = [
  { date: "2025-03-10", kind: "purchase", orders: 1, revenueCents: 2000, costCents: 1200 },
  { date: "2025-01-01", kind: "purchase", orders: 2, revenueCents: 5000, costCents: 3000 },
  { date: "2025-01-01", kind: "refund", orders: 1, revenueCents: -1000, costCents: -600 },
];

describe("timelineData", () => {
  test("one mark per purchase day and per refund day, refunds negative, cumulative net value per day in date order", () => {
    const data = timelineData(days, { source: "costs", profitMargin: 0.3 });
    expect(data.purchases.map((m) => [m.date, m.amountCents, m.orders])).toEqual([
      ["2025-01-01", 5000, 2],
      ["2025-03-10", 2000, 1],
    ]);
    expect(data.refunds).toEqual([{ day: 20089, date: "2025-01-01", amountCents: -1000, orders: 1 }]);
    expect(data.cumulative).toEqual([
      { day: 20089, date: "2025-01-01", netValueCents: 1600 },
      { day: 20157, date: "2025-03-10", netValueCents: 2400 },
    ]);
  });

  test("without costs in the data, net value is revenue times the profit margin (refunds included)", () => {
    const data = timelineData(days, { source: "setting", profitMargin: 0.3 });
    expect(data.cumulative.map((p) => p.netValueCents)).toEqual([1200, 1800]);
  });

  test("no transactions: nothing to draw", () => {
    expect(timelineData([], { source: "costs", profitMargin: 0.3 })).toEqual({ purchases: [], refunds: [], cumulative: [] });
  });
});

describe("averageOrder", () => {
  test("revenue per purchase order up to the analysis date; refunds and later orders left out", () => {
    expect(averageOrder(days, "2025-12-31")).toEqual({ orders: 3, averageCents: 2333 });
    expect(averageOrder(days, "2025-02-01")).toEqual({ orders: 2, averageCents: 2500 });
    expect(averageOrder(days, "2024-12-31")).toBeNull();
  });
});

describe("monthTicks", () => {
  const iso = (days: number[]) => days.map(isoFromDayNumber);
  test("first days of months inside the range, every month when few", () => {
    expect(iso(monthTicks(parseIsoDay("2025-01-15"), parseIsoDay("2025-05-02")))).toEqual(["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01"]);
    expect(iso(monthTicks(parseIsoDay("2025-01-01"), parseIsoDay("2025-01-31")))).toEqual(["2025-01-01"]);
    expect(monthTicks(parseIsoDay("2025-01-02"), parseIsoDay("2025-01-31"))).toEqual([]);
  });
  test("quarters, half years and years for longer ranges, on calendar boundaries", () => {
    expect(iso(monthTicks(parseIsoDay("2024-07-01"), parseIsoDay("2026-06-30")))).toEqual(["2024-07-01", "2024-10-01", "2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"]);
    expect(monthTicks(parseIsoDay("2010-03-05"), parseIsoDay("2026-06-30")).length).toBeLessThanOrEqual(8);
    expect(iso(monthTicks(parseIsoDay("2010-03-05"), parseIsoDay("2026-06-30"))).every((d) => d.endsWith("-01-01"))).toBe(true);
  });
});

describe("niceStep", () => {
  test.each([
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [2.2, 2.5],
    [3, 5],
    [8700, 10000],
    [22385, 25000],
    [0, 1],
  ])("%d → %d", (rough, step) => expect(niceStep(rough)).toBe(step));
});

describe("alignedZeroAxes", () => {
  test("nice ticks on both axes, zero on the same tick position", () => {
    const axes = alignedZeroAxes([-2030, 34800], [0, 89540]);
    expect(axes.left.ticks).toEqual([-10000, 0, 10000, 20000, 30000, 40000]);
    expect(axes.right.ticks).toEqual([-25000, 0, 25000, 50000, 75000, 100000]);
    expect(axes.left.domain).toEqual([-10000, 40000]);
    expect(axes.right.domain).toEqual([-25000, 100000]);
  });
  test("nothing below zero: both start at zero", () => {
    const axes = alignedZeroAxes([100, 200], [50, 1000]);
    expect(axes.left.ticks[0]).toBe(0);
    expect(axes.right.ticks[0]).toBe(0);
    expect(axes.left.ticks.at(-1)).toBeGreaterThanOrEqual(200);
  });
  test("only refunds: the left axis still has room above zero", () => {
    const axes = alignedZeroAxes([-500], [-200]);
    expect(axes.left.domain[0]).toBeLessThanOrEqual(-500);
    expect(axes.right.domain[0]).toBeLessThanOrEqual(-200);
    expect(axes.left.domain[1]).toBeGreaterThan(0);
    expect(axes.left.ticks.length).toBeLessThanOrEqual(9);
  });
});

describe("monthAxis", () => {
  test("puts the month ticks on the domain and names them in the user's language", () => {
    const domain: [number, number] = [parseIsoDay("2025-01-01"), parseIsoDay("2026-01-01")];
    const english = monthAxis(domain, "en-GB");
    expect(english).toMatchObject({ type: "number", dataKey: "day", domain });
    expect(english.ticks).toEqual(monthTicks(domain[0], domain[1]));
    expect(english.ticks.map(english.tickFormatter)).toEqual(["Jan '25", "Mar '25", "May '25", "Jul '25", "Sep '25", "Nov '25", "Jan '26"]);
    const dutch = monthAxis(domain, "nl-NL");
    expect(dutch.tickFormatter(parseIsoDay("2025-03-01"))).toBe("mrt '25");
  });
});
