import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChosenModel } from "@/components/model/chosen-model";
import { HeatMaps } from "@/components/model/heat-maps";
import { HoldoutSection } from "@/components/model/holdout-section";
import { ModelComparisonTable } from "@/components/model/model-comparison-table";
import { ParameterTable } from "@/components/model/parameter-table";
import { SufficiencyCard } from "@/components/model/sufficiency-card";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { getModelPage } from "@/lib/queries/model";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("model");
  return { title: t("title") };
}

export default async function ModelPage({ searchParams }: PageProps<"/model">) {
  const [{ page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("model")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;
  const data = await getModelPage(snapshot);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <SnapshotNote page={page} locale={locale} currentHref="/model" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <ChosenModel data={data} locale={locale} />
        <SufficiencyCard sufficiency={data.sufficiency} firstPurchaseDate={snapshot.firstPurchaseDate} asOfDate={snapshot.asOfDate} locale={locale} />
      </div>
      <ModelComparisonTable rows={data.comparison} usedModel={data.purchaseModel.name} locale={locale} />
      <ParameterTable purchaseModel={data.purchaseModel} spendModel={data.spendModel} locale={locale} currency={snapshot.summary.currency} />
      <HoldoutSection data={data} asOfDate={snapshot.asOfDate} locale={locale} />
      {data.validation ? (
        <HeatMaps grid={data.validation.grid} horizonMonths={snapshot.settings.horizonMonths} model={data.purchaseModel.name} modelLabel={data.purchaseModel.label} asOfDate={snapshot.asOfDate} locale={locale} />
      ) : null}
    </div>
  );
}
