import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** The CLV tiers as rows with two bars each: share of customers and share of predicted value. */
export async function TierBreakdown({ snapshot, locale, query }: { snapshot: SnapshotInfo; locale: string; query: string }) {
  const [t, tm] = await Promise.all([getTranslations("overview"), getTranslations("measures")]);
  const { tiers } = snapshot.summary;
  const measure = { predicted: tm("predictedClv"), historic: tm("historicClv"), total: tm("totalClv") }[snapshot.settings.tierMeasure];
  const split = tiers.map((tier) => tier.percent).join("-");
  return (
    <Card data-section="tiers">
      <CardHeader>
        <CardTitle>{t("tiersTitle")}</CardTitle>
        <CardDescription>{t("tiersDescription", { measure, split })}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="space-y-4">
          {tiers.map((tier) => {
            const customerShare = snapshot.customers > 0 ? tier.customers / snapshot.customers : 0;
            return (
              <li key={tier.tier} data-tier={tier.tier}>
                <div className="flex items-baseline justify-between gap-3">
                  <Link href={`/segments/tier/${tier.tier}${query}`} className="font-medium text-accent hover:underline" aria-label={t("tiersOpen", { tier: tier.name })}>
                    {tier.name}
                  </Link>
                  <span className="text-sm tabular-nums text-muted-foreground">
                    {formatCount(tier.customers, locale)} · {formatMoney(tier.predictedClvCents, { locale })}
                  </span>
                </div>
                <Bar share={customerShare} color="var(--chart-8)" label={t("tiersCustomerShare", { share: formatPercent(customerShare, locale, 0) })} />
                <Bar share={tier.valueShare} color="var(--chart-1)" label={t("tiersValueShare", { share: formatPercent(tier.valueShare, locale, 0) })} />
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
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
