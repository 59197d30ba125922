import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { MIGRATION_GROUPINGS, type MigrationGrouping } from "@/lib/queries/snapshot-compare-keys";
import { historyHref, type HistoryMeasure } from "./history-params";

function Choice({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "true" : undefined}
      className={clsx("rounded-md px-2.5 py-1", active ? "bg-accent text-accent-foreground" : "text-foreground hover:bg-muted")}
      scroll={false}
    >
      {children}
    </Link>
  );
}

/** Which grouping the matrix and the flow chart use (tier, RFM segment, quadrant) and whether they count customers or value. */
export async function GroupingSwitch({ from, to, by, measure }: { from: number; to: number; by: MigrationGrouping; measure: HistoryMeasure }) {
  const t = await getTranslations("history");
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-section="grouping">
      <nav aria-label={t("by.label")} className="flex items-center gap-1">
        <span className="mr-1 text-muted-foreground">{t("by.label")}:</span>
        {MIGRATION_GROUPINGS.map((choice) => (
          <Choice key={choice} href={historyHref({ from, to, by: choice, measure })} active={choice === by}>
            {t(`by.${choice}`)}
          </Choice>
        ))}
      </nav>
      <nav aria-label={t("measure.label")} className="flex items-center gap-1">
        <span className="mr-1 text-muted-foreground">{t("measure.label")}:</span>
        {(["customers", "value"] as const).map((choice) => (
          <Choice key={choice} href={historyHref({ from, to, by, measure: choice })} active={choice === measure}>
            {t(`measure.${choice}`)}
          </Choice>
        ))}
      </nav>
    </div>
  );
}
