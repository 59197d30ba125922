import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { COHORT_PERIODS, type CohortPeriod } from "@/lib/analysis/cohort-periods";

/** Months or quarters, as links that keep the filters (the chart's cohort choice does not carry over). */
export async function PeriodSwitch({ period, hrefFor }: { period: CohortPeriod; hrefFor: (period: CohortPeriod) => string }) {
  const t = await getTranslations("cohorts");
  return (
    <nav aria-label={t("periodLabel")} className="flex items-center gap-2 text-sm">
      <span className="text-muted-foreground">{t("periodLabel")}</span>
      <span className="inline-flex rounded-md border border-border bg-card p-0.5">
        {COHORT_PERIODS.map((option) => (
          <Link
            key={option}
            href={hrefFor(option)}
            scroll={false}
            aria-current={option === period ? "true" : undefined}
            className={clsx(
              "rounded px-3 py-1",
              option === period ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            {t(option)}
          </Link>
        ))}
      </span>
    </nav>
  );
}
