import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { analyseDrivers, SMALL_SAMPLE, type Driver } from "@/lib/analysis/drivers";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { isEmptyFilter } from "@/lib/filters/customer-filter";
import { attributeLabel, formatCount, formatPercent } from "@/lib/format";
import type { SnapshotRef } from "@/lib/queries/customer-filter-sql";
import { getDriverCounts } from "@/lib/queries/drivers";
import { formatDecimal } from "@/components/customer/format-decimal";

/** How many drivers each list shows. */
const TOP = 8;

/**
 * What sets a group apart: the soft attributes, channels and countries most over- and under-represented
 * in it against all customers (same snapshot and filters), with share, lift, sample size and evidence.
 * A server widget (README, "Where data is fetched"): it counts the attributes itself, the slowest read of
 * the drill-down, so the group's figures and customers show first.
 */
export async function DriversPanel({ snapshot, segment, overall, locale }: { snapshot: SnapshotRef; segment: CustomerFilter; overall: CustomerFilter; locale: string }) {
  const [t, tMeasures] = await Promise.all([getTranslations("segments.drivers"), getTranslations("measures")]);
  const counts = await getDriverCounts(snapshot, segment, overall);
  const analysis = analyseDrivers(counts.counts, counts.segmentCustomers, counts.overallCustomers);
  const name = (driver: Driver) =>
    driver.dimension === "attribute" ? `${attributeLabel(driver.key)}: ${driver.value}` : `${driver.dimension === "channel" ? tMeasures("channel") : tMeasures("country")}: ${driver.value}`;
  const lift = (value: number) => `${formatDecimal(value, locale, 2)}×`;
  const over = analysis.over.slice(0, TOP);
  const under = analysis.under.slice(0, TOP);
  const list = (drivers: Driver[], title: string, empty: string, kind: "over" | "under") => (
    <div className="min-w-0">
      <h3 className="mb-2 text-sm font-semibold">{title}</h3>
      {drivers.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-drivers={kind}>
            <caption className="sr-only">{title}</caption>
            <thead className="border-b border-border text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-1.5 pr-2 text-left font-medium">{t("characteristic")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("inGroup")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("overall")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("lift")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("sample")}</th>
                <th scope="col" className="py-1.5 pl-2 text-left font-medium">{t("evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {drivers.map((driver) => (
                <tr key={`${driver.dimension}:${driver.key}:${driver.value}`} className="border-b border-border last:border-b-0" data-driver={`${driver.key}:${driver.value}`}>
                  <th scope="row" className="max-w-[14rem] truncate py-1.5 pr-2 text-left font-normal">{name(driver)}</th>
                  <td className="px-2 py-1.5 text-right tabular-nums">{formatPercent(driver.segmentShare, locale)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">{formatPercent(driver.overallShare, locale)}</td>
                  <td className="px-2 py-1.5 text-right font-medium tabular-nums">{lift(driver.lift)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">
                    {driver.smallSample ? (
                      <span className="mr-1.5 rounded bg-muted px-1.5 py-0.5 text-xs text-warning" data-small-sample>
                        {t("smallSample")}
                      </span>
                    ) : null}
                    {formatCount(driver.segmentCount, locale)}
                  </td>
                  <td className="whitespace-nowrap py-1.5 pl-2 text-xs">
                    {driver.significant ? <span className="font-medium">{t("significant")}</span> : <span className="text-muted-foreground">{t("notSignificant")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
  return (
    <Card data-drivers-panel>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{isEmptyFilter(overall) ? t("description") : t("descriptionFiltered")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {analysis.drivers.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noData")}</p>
        ) : (
          <div className="grid gap-6 2xl:grid-cols-2">
            {list(over, t("over"), t("none"), "over")}
            {list(under, t("under"), t("noneUnder"), "under")}
          </div>
        )}
        <p className="text-xs text-muted-foreground">{t("method", { minimum: SMALL_SAMPLE })}</p>
      </CardContent>
    </Card>
  );
}
