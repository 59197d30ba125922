import type { ChartConfig } from "@/components/charts/chart-config";

type ChartColor = ChartConfig[string]["color"];

/** One cohort as the chart draws it (money in cents per acquired customer). */
export interface ChartCohort {
  key: string;
  label: string;
  customers: number;
  color: ChartColor;
  actual: { age: number; valueCents: number; complete: boolean }[];
  predicted: { age: number; valueCents: number }[];
}

/**
 * One x position of the chart: for the i-th cohort `a{i}` is the actual value, `partial{i}` whether that
 * period is incomplete, `p{i}` the predicted value. The dashed line starts at the last complete actual
 * point, so it continues the solid line.
 */
export type ChartRow = { age: number } & Record<string, number | boolean | undefined>;

/** `var(--chart-1)` .. `var(--chart-8)`, cycling. */
export function chartColor(index: number): ChartColor {
  return `var(--chart-${((index % 8) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8})`;
}

export function chartRows(cohorts: readonly ChartCohort[]): ChartRow[] {
  const maxAge = Math.max(0, ...cohorts.flatMap((cohort) => [cohort.actual.at(-1)?.age ?? 0, cohort.predicted.at(-1)?.age ?? 0]));
  const rows: ChartRow[] = Array.from({ length: maxAge + 1 }, (_, age) => ({ age }));
  cohorts.forEach((cohort, i) => {
    for (const cell of cohort.actual) {
      rows[cell.age]![`a${i}`] = cell.valueCents;
      rows[cell.age]![`partial${i}`] = !cell.complete;
    }
    if (cohort.predicted.length === 0) return;
    const lastComplete = cohort.actual.filter((cell) => cell.complete).at(-1);
    if (lastComplete && lastComplete.age < cohort.predicted[0]!.age) rows[lastComplete.age]![`p${i}`] = lastComplete.valueCents;
    for (const cell of cohort.predicted) rows[cell.age]![`p${i}`] = cell.valueCents;
  });
  return rows;
}
