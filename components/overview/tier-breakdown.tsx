import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import type { ChartConfig } from "@/components/charts/chart-config";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/**
 * The CLV tiers as rows with two bars each: share of customers and share of predicted value. The bars are
 * HTML; the Export button draws them as an SVG from the same figures (lib/export/chart-drawing.ts).
 */
export async function TierBreakdown({ snapshot, locale, query }: { snapshot: SnapshotInfo; locale: string; query: string }) {
  const [t, tm, te] = await Promise.all([getTranslations("overview"), getTranslations("measures"), getTranslations("chartExport")]);
  const { tiers } = snapshot.summary;
  const measure = { predicted: tm("predictedClv"), historic: tm("historicClv"), total: tm("totalClv") }[snapshot.settings.tierMeasure];
  const split = tiers.map((tier) => tier.percent).join("-");
  const config = {
    customerShare: { label: te("columns.customerShare"), color: "var(--chart-8)" },
    valueShare: { label: tm("valueShare"), color: "var(--chart-1)" },
  } satisfies ChartConfig;
  const rows = tiers.map((tier) => {
    const customerShare = snapshot.customers > 0 ? tier.customers / snapshot.customers : 0;
    return {
      tier,
      customerShare,
      figures: `${formatCount(tier.customers, locale)} · ${formatMoney(tier.predictedClvCents, { locale })}`,
      customerText: t("tiersCustomerShare", { share: formatPercent(customerShare, locale, 0) }),
      valueText: t("tiersValueShare", { share: formatPercent(tier.valueShare, locale, 0) }),
    };
  });
  return (
    // `grid` lets the card fill its row of the overview's grid.
    <div data-section="tiers" className="grid">
      <ChartContainer
        id="clv-tiers"
        title={t("tiersTitle")}
        description={t("tiersDescription", { measure, split })}
        config={config}
        legendLabel={te("legend")}
        summary={rows.map((row) => `${row.tier.name}: ${row.customerText}, ${row.valueText}`).join("; ")}
        exportOptions={{
          name: "clv-tiers",
          asOfDate: snapshot.asOfDate,
          table: {
            columns: [tm("tier"), tm("customers"), te("columns.customerShare"), tm("predictedClv"), tm("valueShare")],
            rows: rows.map((row) => [row.tier.name, row.tier.customers, row.customerShare, row.tier.predictedClvCents / 100, row.tier.valueShare]),
          },
          drawing: {
            kind: "bar-list",
            rows: rows.map((row) => ({
              label: row.tier.name,
              detail: row.figures,
              bars: [
                { share: row.customerShare, color: config.customerShare.color, text: row.customerText },
                { share: row.tier.valueShare, color: config.valueShare.color, text: row.valueText },
              ],
            })),
          },
        }}
      >
        <ul className="space-y-4">
          {rows.map((row) => (
            <li key={row.tier.tier} data-tier={row.tier.tier} data-customers={row.tier.customers}>
              <div className="flex items-baseline justify-between gap-3">
                <Link href={`/segments/tier/${row.tier.tier}${query}`} className="font-medium text-accent hover:underline" aria-label={t("tiersOpen", { tier: row.tier.name })}>
                  {row.tier.name}
                </Link>
                <span className="text-sm tabular-nums text-muted-foreground">{row.figures}</span>
              </div>
              <Bar share={row.customerShare} color={config.customerShare.color} label={row.customerText} />
              <Bar share={row.tier.valueShare} color={config.valueShare.color} label={row.valueText} />
            </li>
          ))}
        </ul>
      </ChartContainer>
    </div>
  );
}

function Bar({ share, color, label }: { share: number; color: string; label: string }) {
  return (
    <div className="mt-1.5 flex items-center gap-3 text-xs">
      <div className="h-2.5 flex-1 rounded-full bg-muted" aria-hidden="true">
        <div className="h-full rounded-full" style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%`, background: color }} />
      </div>
      <span className="w-44 shrink-0 tabular-nums text-muted-foreground">{label}</span>
    </div>
  );
}
