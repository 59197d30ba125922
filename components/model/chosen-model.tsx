import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate } from "@/lib/format";
import type { ModelPageData } from "@/lib/queries/model";
import { decimals, signedPercent } from "./model-numbers";

/** The model used and why, how much of the history was held out to test it, and its error on that part. */
export async function ChosenModel({ data, locale }: { data: ModelPageData; locale: string }) {
  const t = await getTranslations("model.chosen");
  const { purchaseModel, reason, holdout } = data;
  const model = purchaseModel.label;
  const reasonText =
    reason.kind === "bestHoldout" ? t("reason.bestHoldout", { model, weeks: reason.holdoutWeeks }) : t(`reason.${reason.kind}`, { model });
  const heldOut =
    data.holdoutWeeks === null || data.calibrationEnd === null
      ? null
      : data.holdoutPercent !== null
        ? t("holdoutShare", { percent: data.holdoutPercent, weeks: data.holdoutWeeks, date: formatDate(data.calibrationEnd, locale) })
        : t("holdoutWeeksOnly", { weeks: data.holdoutWeeks, date: formatDate(data.calibrationEnd, locale) });
  return (
    <Card data-section="chosen-model">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <div>
          <p className="text-2xl font-semibold tracking-tight" data-model={purchaseModel.name}>
            {model}
          </p>
          <p className="mt-1 text-sm text-muted-foreground">{reasonText}</p>
        </div>
        {heldOut ? (
          <p className="text-sm">
            {heldOut}{" "}
            <Link href="/settings#holdout" className="text-accent underline">
              {t("changeShare")}
            </Link>
          </p>
        ) : null}
        {holdout ? (
          <>
            <dl className="grid gap-3 text-sm sm:grid-cols-3">
              <div data-kpi="holdout-total">
                <dt className="text-muted-foreground">{t("predictedVsActual")}</dt>
                <dd className="text-xl font-semibold tabular-nums">
                  {t("predictedVsActualValue", { predicted: decimals(holdout.predictedTotal, locale, 0), actual: formatCount(holdout.actualTotal, locale) })}
                </dd>
              </div>
              <div data-kpi="holdout-total-error">
                <dt className="text-muted-foreground">{t("totalError")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{signedPercent(holdout.totalErrorPercent, locale)}</dd>
              </div>
              <div data-kpi="holdout-customer-error">
                <dt className="text-muted-foreground">{t("perCustomer")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{decimals(holdout.meanAbsoluteError, locale, 2)}</dd>
                <dd className="text-xs text-muted-foreground">{t("perCustomerDetail", { rmse: decimals(holdout.rootMeanSquaredError, locale, 2) })}</dd>
              </div>
            </dl>
            <p className="text-xs text-muted-foreground">
              {t(data.sampled ? "sampleNote" : "allNote", { customers: formatCount(data.sampleCustomers, locale) })}
            </p>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
