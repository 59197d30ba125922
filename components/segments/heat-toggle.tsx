import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import type { HeatMode } from "./heat";

/** "Colour by: Customers | Predicted CLV" as two links (the choice is `heat` in the URL), and the colour scale. */
export async function HeatToggle({ heat, hrefs }: { heat: HeatMode; hrefs: Record<HeatMode, string> }) {
  const t = await getTranslations("segments.crossTable");
  const option = (mode: HeatMode, label: string) => (
    <Link
      href={hrefs[mode]}
      scroll={false}
      aria-current={heat === mode ? "true" : undefined}
      className={`px-3 py-1 text-sm ${heat === mode ? "bg-accent font-medium text-accent-foreground" : "hover:bg-muted"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-wrap items-center gap-4">
      <div role="group" aria-label={t("colourBy")} className="flex items-center gap-2 text-xs text-muted-foreground">
        <span aria-hidden="true">{t("colourBy")}</span>
        <span className="inline-flex overflow-hidden rounded-md border border-border">
          {option("count", t("byCount"))}
          {option("value", t("byValue"))}
        </span>
      </div>
      <div className="flex items-center gap-2 text-xs text-muted-foreground" aria-hidden="true">
        {t("legendLow")}
        <span className="h-3 w-24 rounded-sm border border-border" style={{ background: "linear-gradient(to right in oklab, var(--heat-low), var(--heat-high))" }} />
        {t("legendHigh")}
      </div>
    </div>
  );
}
