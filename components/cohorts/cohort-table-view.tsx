import { getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CohortTable } from "@/lib/analysis/cohort-table";
import { formatCount, formatDate, formatMoney } from "@/lib/format";

/** Background of a cell worth `share` (0..1) of the table's highest value: at most half-way to --heat-high, so text stays readable in both themes. */
function heat(share: number): string {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 50);
  return `color-mix(in oklab, var(--heat-high) ${percent}%, var(--heat-low))`;
}

/**
 * Rows are cohorts, columns periods since the first purchase; a cell is the cumulative value per acquired
 * customer. An incomplete period is italic with an asterisk (and its expected value at the period's end
 * below it), predicted cells are grey without heat.
 */
export async function CohortTableView({ table, labels, locale, currency }: { table: CohortTable; labels: Record<string, string>; locale: string; currency: string }) {
  const t = await getTranslations("cohorts");
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const ages = Array.from({ length: table.maxAge + 1 }, (_, age) => age);
  const highest = Math.max(1, ...table.cohorts.flatMap((cohort) => [...cohort.actual, ...cohort.predicted].map((cell) => cell.valuePerCustomerCents)));
  const anyPartial = table.cohorts.some((cohort) => cohort.actual.some((cell) => !cell.complete));
  const anyPredicted = table.cohorts.some((cohort) => cohort.predicted.length > 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle id="cohort-table-title">{t("tableTitle")}</CardTitle>
        <CardDescription>{t("tableDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <ul className="space-y-1 text-xs text-muted-foreground">
          <li>{t("heatExplanation")}</li>
          {anyPartial ? (
            <li data-testid="partial-explanation">
              <span className="font-semibold italic text-foreground">{t("partialMarker")}</span> {t("partialExplanation", { date: formatDate(table.asOfDate, locale) })}
            </li>
          ) : null}
          {anyPredicted && table.horizonEndDate ? (
            <li>
              <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-dashed border-muted-foreground align-middle" />{" "}
              {t("predictedExplanation", { asOf: formatDate(table.asOfDate, locale), horizonEnd: formatDate(table.horizonEndDate, locale) })}
            </li>
          ) : null}
        </ul>
        <div className="relative overflow-x-auto rounded-md border border-border">
          <table className="w-full border-collapse text-right text-xs tabular-nums" aria-labelledby="cohort-table-title">
            <caption className="sr-only">{t(`tableCaption.${table.period}`)}</caption>
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th scope="col" rowSpan={2} className="sticky left-0 z-10 bg-muted px-3 py-2 text-left font-medium">
                  {t("cohort")}
                </th>
                <th scope="col" rowSpan={2} className="px-3 py-2 font-medium">
                  {t("customers")}
                </th>
                <th scope="colgroup" colSpan={ages.length} className="px-3 pt-2 text-left font-medium">
                  {t(`ageAxis.${table.period}`)}
                </th>
              </tr>
              <tr>
                {ages.map((age) => (
                  <th key={age} scope="col" className="px-3 pb-2 font-medium">
                    {age}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.cohorts.map((cohort) => (
                <tr key={cohort.key} data-cohort={cohort.key} className="border-t border-border">
                  <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-card px-3 py-1.5 text-left font-medium">
                    {labels[cohort.key] ?? cohort.key}
                  </th>
                  <td className="px-3 py-1.5" data-column="customers">
                    {formatCount(cohort.customers, locale)}
                  </td>
                  {ages.map((age) => {
                    const actual = cohort.actual[age];
                    const predicted = cohort.predicted.find((cell) => cell.age === age);
                    if (actual) {
                      return (
                        <td
                          key={age}
                          data-age={age}
                          data-state={actual.complete ? "complete" : "partial"}
                          className={clsx("whitespace-nowrap px-3 py-1.5", !actual.complete && "italic")}
                          style={{ background: heat(actual.valuePerCustomerCents / highest) }}
                        >
                          {money(actual.valuePerCustomerCents)}
                          {actual.complete ? null : (
                            <>
                              <span aria-hidden="true" className="font-semibold">
                                {t("partialMarker")}
                              </span>
                              <span className="sr-only"> ({t("partialCell")})</span>
                              {predicted ? (
                                <span className="block text-[0.7rem] not-italic text-muted-foreground">
                                  → {money(predicted.valuePerCustomerCents)}
                                  <span className="sr-only"> ({t("predictedCell")})</span>
                                </span>
                              ) : null}
                            </>
                          )}
                        </td>
                      );
                    }
                    if (predicted) {
                      return (
                        <td key={age} data-age={age} data-state="predicted" className="whitespace-nowrap px-3 py-1.5 text-muted-foreground">
                          <span className="rounded border border-dashed border-border px-1">{money(predicted.valuePerCustomerCents)}</span>
                          <span className="sr-only"> ({t("predictedCell")})</span>
                        </td>
                      );
                    }
                    return <td key={age} data-age={age} className="px-3 py-1.5" />;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}
