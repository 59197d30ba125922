"use client";

import { useTranslations } from "next-intl";
import { formatCount, formatMoney } from "@/lib/format";
import type { CohortPeriod } from "@/lib/analysis/cohort-periods";
import type { ChartCohort, ChartRow } from "./cohort-chart-data";

/** The values of every drawn cohort at the hovered age: actual (marked when incomplete) and, after the data ends, predicted. */
export function CohortTooltip({
  active,
  payload,
  cohorts,
  period,
  locale,
  currency,
}: {
  active?: boolean;
  payload?: readonly { payload?: ChartRow }[];
  cohorts: readonly ChartCohort[];
  period: CohortPeriod;
  locale: string;
  currency: string;
}) {
  const t = useTranslations("cohorts");
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const lines = cohorts.flatMap((cohort, i) => {
    const actual = row[`a${i}`];
    const predicted = row[`p${i}`];
    const partial = row[`partial${i}`] === true;
    const showPredicted = typeof predicted === "number" && (typeof actual !== "number" || partial);
    if (typeof actual !== "number" && !showPredicted) return [];
    return [
      <li key={cohort.key} className="flex items-baseline gap-2">
        <span aria-hidden="true" className="inline-block size-2.5 shrink-0 rounded-sm" style={{ background: cohort.color }} />
        <span className="font-medium">{cohort.label}</span>
        <span className="tabular-nums">
          {typeof actual === "number" ? money(actual) : null}
          {typeof actual === "number" && partial ? <span className="text-muted-foreground"> ({t("tooltipPartial")})</span> : null}
          {showPredicted ? (
            <span className="text-muted-foreground">
              {typeof actual === "number" ? " → " : ""}
              {money(predicted)} ({t("tooltipPredicted")})
            </span>
          ) : null}
        </span>
        <span className="text-muted-foreground">· {t("tooltipCustomers", { customers: formatCount(cohort.customers, locale) })}</span>
      </li>,
    ];
  });
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{t(`ageLong.${period}`, { age: row.age })}</p>
      <ul className="space-y-0.5">{lines}</ul>
    </div>
  );
}
