import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CustomerScoreRow } from "@/lib/queries/customer-scores";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { segmentHref } from "./links";

/**
 * Where the customer stands in the snapshot: CLV tier, RFM segment with the R/F/M scores, quadrant with its
 * tactic; each links to the list of everyone in that group. Tier and quadrant names and the tactic are the
 * user's own settings, stored with the snapshot: shown as they are.
 */
export async function CustomerStanding({ score, snapshot, query }: { score: CustomerScoreRow; snapshot: SnapshotInfo; query: string }) {
  const [t, m, rfm] = await Promise.all([getTranslations("customers"), getTranslations("measures"), getTranslations("rfm")]);
  const tier = snapshot.summary.tiers[score.clvTier - 1];
  const tierName = tier?.name ?? String(score.clvTier);
  const quadrant = snapshot.summary.quadrants.find((q) => q.key === score.quadrant);
  const quadrantName = quadrant?.name ?? score.quadrant;
  const segmentName = rfm(`${score.rfmSegment}.name`);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("segmentsTitle")}</CardTitle>
        <CardDescription>{t("segmentsDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-3">
        <Standing
          label={m("tier")}
          name={tierName}
          href={segmentHref("tier", score.clvTier, query)}
          linkText={t("showSegment", { name: tierName })}
          testId="tier"
        >
          <p>{t("tierPosition", { tier: score.clvTier, tiers: snapshot.summary.tiers.length })}</p>
        </Standing>
        <Standing
          label={m("rfm")}
          name={segmentName}
          href={segmentHref("rfm", score.rfmSegment, query)}
          linkText={t("showSegment", { name: segmentName })}
          testId="rfm"
        >
          <p>{rfm(`${score.rfmSegment}.description`)}</p>
          <p className="mt-2 font-medium tabular-nums text-foreground">
            <span aria-hidden="true">
              R {score.recencyScore} · F {score.frequencyScore} · M {score.monetaryScore}
            </span>
            <span className="sr-only">
              {t("rfmScoresLabel", { recency: score.recencyScore, frequency: score.frequencyScore, monetary: score.monetaryScore })}
            </span>
          </p>
          <p className="mt-1 text-xs">{t("rfmExplanation")}</p>
        </Standing>
        <Standing
          label={m("quadrant")}
          name={quadrantName}
          href={segmentHref("quadrant", score.quadrant, query)}
          linkText={t("showSegment", { name: quadrantName })}
          testId="quadrant"
        >
          {quadrant?.tactic ? (
            <p>
              <span className="font-medium text-foreground">{t("quadrantTactic")}: </span>
              {quadrant.tactic}
            </p>
          ) : null}
        </Standing>
      </CardContent>
    </Card>
  );
}

function Standing({ label, name, href, linkText, testId, children }: { label: string; name: string; href: string; linkText: string; testId: string; children: ReactNode }) {
  return (
    <div data-standing={testId} className="flex flex-col gap-1">
      <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</h3>
      <p className="text-lg font-semibold">{name}</p>
      <div className="text-sm text-muted-foreground">{children}</div>
      <Link href={href} className="mt-auto pt-2 text-sm text-accent underline">
        {linkText}
      </Link>
    </div>
  );
}
