import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { FittedModelInfo } from "@/lib/scoring/types";
import { parameterSymbol, significant } from "./model-numbers";
import { isUncertain, purchaseModelReadings, spendModelReadings, type Duration, type ParameterReading } from "./parameter-readings";

type Translate = Awaited<ReturnType<typeof getTranslations<"model.parameters">>>;

function durationText(t: Translate, duration: Duration): string {
  return t(`duration.${duration.unit}`, { count: duration.count });
}

function readingText(t: Translate, reading: ParameterReading, locale: string, currency: string): string {
  switch (reading.key) {
    case "purchaseRate":
      return t("readings.purchaseRate", { duration: durationText(t, reading.duration), perYear: significant(Math.round(reading.perYear * 10) / 10, locale) });
    case "rateSpread":
      return t(reading.similar ? "readings.rateSimilar" : "readings.rateDifferent");
    case "dropout":
    case "dropoutIncludingFirst":
      return t(`readings.${reading.key}`, { share: formatPercent(reading.share, locale, 0) });
    case "lifetime":
      return t("readings.lifetime", { duration: durationText(t, reading.duration), share: formatPercent(reading.activeAfterYear, locale, 0) });
    case "orderValue":
      return t("readings.orderValue", { amount: formatMoney(reading.amountCents, { locale, currency }) });
    case "orderValueSpread":
      return t("readings.orderValueSpread");
    case "retention":
      return t("readings.retention", { share: formatPercent(reading.share, locale, 0) });
  }
}

function ModelParameters({ title, model, readings, t, locale, currency }: { title: string; model: FittedModelInfo; readings: ParameterReading[]; t: Translate; locale: string; currency: string }) {
  const symbol = (name: string) => (name === "retentionRateYearly" ? t("retentionPerYear") : parameterSymbol(name));
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(16rem,24rem)_1fr]" data-parameters={model.name}>
      <table className="w-full text-sm">
        <caption className="mb-2 text-left text-sm font-semibold">{title}</caption>
        <thead className="text-xs text-muted-foreground">
          <tr className="border-b border-border">
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">{t("parameter")}</th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">{t("estimate")}</th>
            <th scope="col" className="py-1.5 pl-3 text-right font-medium">{t("standardError")}</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {Object.entries(model.params).map(([name, value]) => {
            const standardError = model.standardErrors[name];
            const uncertain = isUncertain(value, standardError);
            return (
              <tr key={name} className="border-b border-border last:border-0" data-parameter={name}>
                <th scope="row" className="py-1.5 pr-3 text-left font-medium">{symbol(name)}</th>
                <td className="px-3 py-1.5 text-right" data-value={value}>
                  {name === "retentionRateYearly" ? formatPercent(value, locale) : significant(value, locale)}
                </td>
                <td className="py-1.5 pl-3 text-right">
                  {standardError === undefined ? "–" : `± ${name === "retentionRateYearly" ? formatPercent(standardError, locale) : significant(standardError, locale)}`}
                  {uncertain ? <span className="ml-1 text-xs text-warning">({t("uncertain")})</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <h3 className="mb-2 text-sm font-semibold">{t("inPlainWords")}</h3>
        <ul className="list-disc space-y-1.5 pl-5 text-sm" data-readings={model.name}>
          {readings.map((reading) => (
            <li key={reading.key}>
              {readingText(t, reading, locale, currency)}{" "}
              <span className="text-xs text-muted-foreground">({reading.parameters.map(symbol).join(", ")})</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The fitted parameters with their standard errors, and what each says in words a marketer reads. */
export async function ParameterTable({ purchaseModel, spendModel, locale, currency }: { purchaseModel: FittedModelInfo; spendModel: FittedModelInfo | null; locale: string; currency: string }) {
  const t = await getTranslations("model.parameters");
  const all = [purchaseModel, spendModel].filter((model): model is FittedModelInfo => model !== null);
  const anyUncertain = all.some((model) => Object.entries(model.params).some(([name, value]) => isUncertain(value, model.standardErrors[name])));
  return (
    <Card data-section="parameters">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { customers: formatCount(purchaseModel.customers, locale) })}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <ModelParameters
          title={t("purchaseModel", { model: purchaseModel.label })}
          model={purchaseModel}
          readings={purchaseModelReadings(purchaseModel.name, purchaseModel.params)}
          t={t}
          locale={locale}
          currency={currency}
        />
        {spendModel ? (
          <ModelParameters title={t("spendModel")} model={spendModel} readings={spendModelReadings(spendModel.params)} t={t} locale={locale} currency={currency} />
        ) : null}
        {anyUncertain ? <p className="text-xs text-muted-foreground">{t("uncertainNote")}</p> : null}
      </CardContent>
    </Card>
  );
}
