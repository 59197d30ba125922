import { describe, expect, test } from "vitest";
import { monthIndexOfDate } from "./cohort-periods";
import { buildCohortTable, type ContinuationModel, type MemberGroup } from "./cohort-table";

const jan = monthIndexOfDate("2026-01-01");
const members: MemberGroup[] = [
  { cohortMonth: jan, frequencyGroup: 0, customers: 2, sumX: 0, sumRecencyDays: 0, sumAgeDays: 2 * 80, expectedValueCents: 1000 },
  { cohortMonth: jan + 1, frequencyGroup: 1, customers: 1, sumX: 1, sumRecencyDays: 20, sumAgeDays: 50, expectedValueCents: 600 },
];
const values = [
  { cohortMonth: jan, purchaseMonth: jan, netCents: 400 },
  { cohortMonth: jan, purchaseMonth: jan + 2, netCents: 200 },
  { cohortMonth: jan + 1, purchaseMonth: jan + 1, netCents: 300 },
];
/** Value accrues evenly over a 90-day horizon. */
const linear: ContinuationModel = { horizonDays: 90, curveFor: () => (days) => days };

describe("buildCohortTable", () => {
  test("a period ending on the analysis date is complete; the prediction starts in the next one", () => {
    const table = buildCohortTable("month", "2026-03-31", values, members, linear);
    const [january, february] = table.cohorts;
    expect(january).toMatchObject({ key: "2026-01", customers: 2 });
    expect(january!.actual).toEqual([
      { age: 0, periodEnd: "2026-01-31", valuePerCustomerCents: 200, complete: true },
      { age: 1, periodEnd: "2026-02-28", valuePerCustomerCents: 200, complete: true },
      { age: 2, periodEnd: "2026-03-31", valuePerCustomerCents: 300, complete: true },
    ]);
    // Horizon 90 days from 31 March: 29 June. April 30 days, May 31, June to the 29th.
    expect(table.horizonEndDate).toBe("2026-06-29");
    expect(january!.predicted.map((cell) => cell.age)).toEqual([3, 4, 5]);
    expect(january!.predicted[0]!.valuePerCustomerCents).toBeCloseTo(300 + (1000 * 30) / 90 / 2, 9);
    expect(january!.predicted[2]).toMatchObject({ periodEnd: "2026-06-30", cutAtHorizon: true });
    expect(january!.predicted[2]!.valuePerCustomerCents).toBeCloseTo(300 + 1000 / 2, 9);
    expect(february!.actual.map((cell) => cell.valuePerCustomerCents)).toEqual([300, 300]);
    expect(table.maxAge).toBe(5);
  });

  test("an analysis date inside a period makes it partial and predicted from its rest on", () => {
    // The query leaves out purchases after the analysis date.
    const table = buildCohortTable("quarter", "2026-02-14", values.filter((value) => value.purchaseMonth <= jan + 1), members, linear);
    expect(table.cohorts).toHaveLength(1);
    const [quarter] = table.cohorts;
    expect(quarter).toMatchObject({ key: "2026-Q1", customers: 3 });
    expect(quarter!.actual).toEqual([{ age: 0, periodEnd: "2026-03-31", valuePerCustomerCents: (400 + 300) / 3, complete: false }]);
    expect(quarter!.predicted.map((cell) => cell.age)).toEqual([0, 1]);
    expect(quarter!.predicted[0]!.valuePerCustomerCents).toBeCloseTo((700 + (1600 * 45) / 90) / 3, 9);
    expect(quarter!.predicted[1]!.valuePerCustomerCents).toBeCloseTo((700 + 1600) / 3, 9);
  });

  test("without a model there is no prediction", () => {
    const table = buildCohortTable("month", "2026-03-31", values, members, null);
    expect(table.horizonEndDate).toBeNull();
    expect(table.cohorts.every((cohort) => cohort.predicted.length === 0)).toBe(true);
    expect(table.maxAge).toBe(2);
  });
});
