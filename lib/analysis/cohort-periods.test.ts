import { describe, expect, test } from "vitest";
import {
  defaultCohortPeriod,
  monthIndexOfDate,
  parseCohortPeriod,
  periodEndDate,
  periodIndexOfDate,
  periodKey,
  periodOfMonth,
  periodParts,
  periodStartDay,
} from "./cohort-periods";
import { dayNumberFromIso, isoFromDayNumber } from "@/lib/clv/iso-date";

describe("cohort periods", () => {
  test.each([
    ["2024-01-01", "month", "2024-01", "2024-01-31"],
    ["2024-02-29", "month", "2024-02", "2024-02-29"],
    ["2023-02-10", "month", "2023-02", "2023-02-28"],
    ["2024-12-31", "month", "2024-12", "2024-12-31"],
    ["2024-01-01", "quarter", "2024-Q1", "2024-03-31"],
    ["2024-05-15", "quarter", "2024-Q2", "2024-06-30"],
    ["2024-09-30", "quarter", "2024-Q3", "2024-09-30"],
    ["2024-10-01", "quarter", "2024-Q4", "2024-12-31"],
  ] as const)("%s in %s: key %s, ends %s", (date, period, key, end) => {
    const index = periodIndexOfDate(date, period);
    expect(periodKey(index, period)).toBe(key);
    expect(periodEndDate(index, period)).toBe(end);
    // The day after the previous period's end is this period's first day.
    expect(isoFromDayNumber(periodStartDay(index, period))).toBe(isoFromDayNumber(dayNumberFromIso(periodEndDate(index - 1, period)) + 1));
    expect(isoFromDayNumber(periodStartDay(index, period)).slice(8)).toBe("01");
  });

  test("periods since acquisition are a subtraction, also across years", () => {
    expect(periodIndexOfDate("2025-01-03", "month") - periodIndexOfDate("2024-11-20", "month")).toBe(2);
    expect(periodIndexOfDate("2025-01-03", "quarter") - periodIndexOfDate("2024-09-30", "quarter")).toBe(2);
    expect(periodOfMonth(monthIndexOfDate("2024-08-01"), "quarter")).toBe(periodIndexOfDate("2024-08-01", "quarter"));
  });

  test("parts for labels", () => {
    expect(periodParts(periodIndexOfDate("2024-08-01", "quarter"), "quarter")).toEqual({ year: 2024, number: 3 });
    expect(periodParts(periodIndexOfDate("2024-08-01", "month"), "month")).toEqual({ year: 2024, number: 8 });
  });

  test("the URL parameter: month or quarter, anything else is ignored", () => {
    expect(parseCohortPeriod("month")).toBe("month");
    expect(parseCohortPeriod("quarter")).toBe("quarter");
    expect(parseCohortPeriod("week")).toBeUndefined();
    expect(parseCohortPeriod(undefined)).toBeUndefined();
  });

  test("months up to 24 months of history, quarters beyond", () => {
    expect(defaultCohortPeriod("2024-07-01", "2026-06-30")).toBe("month");
    expect(defaultCohortPeriod("2024-06-30", "2026-06-30")).toBe("quarter");
    expect(defaultCohortPeriod("2023-01-05", "2026-02-14")).toBe("quarter");
  });
});
