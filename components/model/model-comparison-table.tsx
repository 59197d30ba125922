import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ModelComparisonRow } from "@/lib/clv/compare";
import { decimals, signedPercent } from "./model-numbers";

function lowest(rows: ModelComparisonRow[], value: (row: ModelComparisonRow) => number | null | undefined): string | null {
  let best: { model: string; value: number } | null = null;
  for (const row of rows) {
    const v = value(row);
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (!best || v < best.value) best = { model: row.model, value: v };
  }
  return best?.model ?? null;
}

/** Every candidate model fitted to the calibration period: fit (log-likelihood, BIC) and holdout errors, the model used marked. */
export async function ModelComparisonTable({ rows, usedModel, locale }: { rows: ModelComparisonRow[]; usedModel: string; locale: string }) {
  const t = await getTranslations("model.comparison");
  const bestBic = lowest(rows, (row) => row.bic);
  const bestError = lowest(rows, (row) => row.holdout?.meanAbsoluteError);
  // The automatic choice goes by RMSE (lib/scoring/choose-model.ts): marked too, so a model with the lowest
  // MAE but not the lowest RMSE does not look passed over.
  const bestRmse = lowest(rows, (row) => row.holdout?.rootMeanSquaredError);
  const mark = (best: boolean) => (best ? <span className="ml-1 text-xs font-normal text-muted-foreground">({t("lowest")})</span> : null);
  return (
    <Card data-section="comparison">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-sm" data-comparison-table>
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="text-xs text-muted-foreground">
                <tr className="border-b border-border">
                  <th scope="col" className="py-2 pr-3 text-left font-medium">{t("model")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("parameters")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("logLikelihood")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("bic")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("mae")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("rmse")}</th>
                  <th scope="col" className="py-2 pl-3 text-right font-medium">{t("totalError")}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {rows.map((row) => {
                  const used = row.model === usedModel;
                  return (
                    <tr key={row.model} className={`border-b border-border last:border-0 ${used ? "bg-muted/60 font-medium" : ""}`} data-model-row={row.model} data-used={used ? "true" : undefined}>
                      <th scope="row" className="py-2 pr-3 text-left font-medium">
                        {row.label}
                        {used ? <span className="ml-2 rounded-full border border-accent px-2 py-0.5 text-xs text-accent">{t("used")}</span> : null}
                      </th>
                      {row.error ? (
                        <td colSpan={6} className="px-3 py-2 text-left text-sm font-normal">
                          <details>
                            <summary className="cursor-pointer text-warning">{t("failed")}</summary>
                            <p className="mt-1 max-w-3xl text-xs text-muted-foreground">{row.error}</p>
                          </details>
                        </td>
                      ) : (
                        <>
                          <td className="px-3 py-2 text-right">{row.parameters}</td>
                          <td className="px-3 py-2 text-right" data-cell="log-likelihood">{decimals(row.logLikelihood, locale, 1)}</td>
                          <td className="px-3 py-2 text-right" data-cell="bic">
                            {decimals(row.bic, locale, 1)}
                            {mark(row.model === bestBic && rows.length > 1)}
                          </td>
                          <td className="px-3 py-2 text-right" data-cell="mae">
                            {decimals(row.holdout?.meanAbsoluteError, locale, 3)}
                            {mark(row.model === bestError && rows.length > 1)}
                          </td>
                          <td className="px-3 py-2 text-right" data-cell="rmse">
                            {decimals(row.holdout?.rootMeanSquaredError, locale, 3)}
                            {mark(row.model === bestRmse && rows.length > 1)}
                          </td>
                          <td className="py-2 pl-3 text-right" data-cell="total-error">{signedPercent(row.holdout?.totalErrorPercent, locale)}</td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
