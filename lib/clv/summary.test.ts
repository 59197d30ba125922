import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumberFromIso, isoFromDayNumber, parseIsoDay } from "./iso-date";
import { DAYS_PER_UNIT, summarizeTransactionRows, summarizeTransactions, summaryRows, transactionColumns } from "./summary";

describe("ISO dates as day numbers", () => {
  it("agrees with Date.UTC and round-trips (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (dayNumber) => {
        const iso = isoFromDayNumber(dayNumber);
        expect(iso).toBe(new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));
        expect(parseIsoDay(iso)).toBe(dayNumber);
      }),
    );
  });

  it.each(["1997-02-29", "1997-13-01", "1997-00-10", "97-01-01", "1997/01/01", "1997-01-0x", "", "2000-02-30"])("rejects %j", (text) => {
    expect(parseIsoDay(text)).toBeNaN();
  });

  it("accepts leap days and a time part", () => {
    expect(parseIsoDay("2000-02-29")).toBe(11016);
    expect(parseIsoDay("1997-09-30T23:59:59Z")).toBe(10134);
    expect(() => dayNumberFromIso("30-09-1997", "calibration end")).toThrow(/calibration end "30-09-1997" is not a valid ISO date/);
  });
});

describe("summarizeTransactions", () => {
  const rows = [
    { customerId: "a", date: "1997-01-01", amount: 10 },
    { customerId: "a", date: "1997-01-01", amount: 5 }, // same day: one purchase of 15
    { customerId: "a", date: "1997-01-15", amount: 20 },
    { customerId: "a", date: "1997-01-08", amount: 30 }, // out of order
    { customerId: "b", date: "1997-01-22", amount: 7 },
    { customerId: "a", date: "1997-02-12", amount: 100 }, // holdout
    { customerId: "b", date: "1997-02-05", amount: 1 }, // holdout
    { customerId: "b", date: "1997-02-05", amount: 2 }, // holdout, same day
    { customerId: "c", date: "1997-02-01", amount: 50 }, // first purchase in the holdout: left out
    { customerId: "d", date: "1997-03-01", amount: 50 }, // after the holdout: ignored
  ];

  it("computes frequency, recency, age and average repeat spend in weeks", () => {
    const table = summarizeTransactionRows(rows, { unit: "week", calibrationEnd: "1997-01-29", holdoutEnd: "1997-02-26" });
    expect(table.ids).toEqual(["a", "b"]);
    expect(Array.from(table.x)).toEqual([2, 0]);
    expect(Array.from(table.tx)).toEqual([2, 0]);
    expect(Array.from(table.T)).toEqual([4, 1]);
    expect(Array.from(table.monetary)).toEqual([25, 0]);
    expect(Array.from(table.orders)).toEqual([4, 1]);
    expect(Array.from(table.purchaseDays)).toEqual([3, 1]);
    expect(Array.from(table.revenue)).toEqual([65, 7]);
    expect(Array.from(table.holdout!.purchases)).toEqual([1, 1]);
    expect(Array.from(table.holdout!.value)).toEqual([100, 3]);
    expect(table.holdout!.durationUnits).toBe(4);
    expect(table.excludedCustomers).toBe(2);
    const [a] = summaryRows(table);
    expect(a!.historic).toEqual({ orders: 4, purchaseDays: 3, revenue: 65, firstPurchase: "1997-01-01", lastPurchase: "1997-01-15", relationshipDays: 14 });
  });

  it("counts days and months as documented (a month is 30.4375 days)", () => {
    const days = summarizeTransactionRows(rows, { unit: "day", calibrationEnd: "1997-01-29" });
    expect(Array.from(days.tx)).toEqual([14, 0]);
    expect(Array.from(days.T)).toEqual([28, 7]);
    const months = summarizeTransactionRows(rows, { unit: "month", calibrationEnd: "1997-01-29" });
    expect(months.T[0]).toBeCloseTo(28 / 30.4375, 14);
    expect(DAYS_PER_UNIT.month).toBe(30.4375);
  });

  it("defaults the calibration end to the last transaction and accepts day numbers", () => {
    const table = summarizeTransactionRows([
      { customerId: "a", date: 100, amount: 1 },
      { customerId: "a", date: 107, amount: 2 },
    ]);
    expect(table.calibrationEndDay).toBe(107);
    expect(Array.from(table.T)).toEqual([1]);
  });

  it("matches a direct per-customer computation on random logs (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ customer: fc.integer({ min: 0, max: 6 }), day: fc.integer({ min: 0, max: 60 }), amount: fc.integer({ min: 1, max: 500 }) }), { minLength: 1, maxLength: 80 }),
        (log) => {
          const end = 40;
          const table = summarizeTransactions(
            { customerIds: ["0", "1", "2", "3", "4", "5", "6"], customer: log.map((r) => r.customer), day: log.map((r) => r.day), amount: log.map((r) => r.amount) },
            { unit: "day", calibrationEnd: end },
          );
          table.ids.forEach((id, i) => {
            const mine = log.filter((r) => String(r.customer) === id && r.day <= end);
            const byDay = new Map<number, number>();
            for (const r of mine) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.amount);
            const days = [...byDay.keys()].sort((a, b) => a - b);
            const first = days[0]!;
            expect(table.x[i]).toBe(days.length - 1);
            expect(table.tx[i]).toBe(days[days.length - 1]! - first);
            expect(table.T[i]).toBe(end - first);
            const repeat = days.slice(1).map((d) => byDay.get(d)!);
            expect(table.monetary[i]).toBeCloseTo(repeat.length ? repeat.reduce((a, b) => a + b, 0) / repeat.length : 0, 9);
          });
          const withPurchase = new Set(log.filter((r) => r.day <= end).map((r) => String(r.customer)));
          expect(table.customers).toBe(withPurchase.size);
        },
      ),
    );
  });

  it("rejects bad input with a specific message", () => {
    expect(() => transactionColumns([{ customerId: "a", date: "1997-02-30", amount: 1 }])).toThrow(/row 0: date "1997-02-30"/);
    expect(() => transactionColumns([{ customerId: "a", date: "1997-02-01", amount: Number.NaN }])).toThrow(/row 0: amount NaN/);
    expect(() => summarizeTransactionRows(rows, { calibrationEnd: "1997-02-01", holdoutEnd: "1997-01-01" })).toThrow(/must be after the calibration end/);
    expect(() => summarizeTransactionRows([])).toThrow(/no transactions/);
  });

  it("summarises a million rows quickly", () => {
    const n = 1_000_000;
    const customer = new Int32Array(n);
    const day = new Int32Array(n);
    const amount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      customer[i] = (i * 7919) % 300_000;
      day[i] = 9862 + ((i * 31) % 500);
      amount[i] = 10 + (i % 90);
    }
    const customerIds = Array.from({ length: 300_000 }, (_, i) => `c${i}`);
    const table = summarizeTransactions({ customerIds, customer, day, amount }, { unit: "week", calibrationEnd: 9862 + 300 });
    expect(table.customers).toBeGreaterThan(150_000);
  });
});
