import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { decisionsHref, OpenNotesBadge } from "@/components/decisions/open-notes-badge";
import { Card } from "@/components/ui/card";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { QuadrantKey } from "@/lib/settings/schema";

export interface QuadrantCardData {
  key: QuadrantKey;
  name: string;
  tactic: string;
  customers: number;
  predictedClvCents: number;
  valueShare: number;
  href: string;
  /** The members' median P(alive) (null without one) and days since the last purchase: does the name fit? */
  medianProbabilityAlive?: number | null;
  medianDaysSinceLastPurchase?: number | null;
}

/** Cards in the map's own layout: high value on top, long relationships on the right. */
const ORDER: QuadrantKey[] = ["high-short", "high-long", "low-short", "low-long"];

/**
 * The four quadrants with their exact figures, their tactic and a link to each drill-down; `openNotes`
 * (`countOpenDecisionNotes`, by `quadrant/<key>`) puts a badge on those with open decisions.
 */
export async function QuadrantCards({ quadrants, openNotes, locale, currency }: { quadrants: QuadrantCardData[]; openNotes: ReadonlyMap<string, number>; locale: string; currency: string }) {
  const [t, tm] = await Promise.all([getTranslations("quadrants"), getTranslations("measures")]);
  const byKey = new Map(quadrants.map((quadrant) => [quadrant.key, quadrant]));
  return (
    <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" aria-label={t("cardsLabel")}>
      {ORDER.map((key) => byKey.get(key))
        .filter((quadrant) => quadrant !== undefined)
        .map((quadrant) => (
          <li key={quadrant.key}>
            <Card className="flex h-full flex-col gap-3 px-5 py-4" data-quadrant-card={quadrant.key}>
              <div>
                <p className="text-xs uppercase tracking-wide text-muted-foreground">{t(`position.${quadrant.key}`)}</p>
                <h2 className="text-base font-semibold">{quadrant.name}</h2>
                <OpenNotesBadge count={openNotes.get(`quadrant/${quadrant.key}`)} href={decisionsHref(quadrant.href)} name={quadrant.name} className="mt-1" />
              </div>
              <dl className="grid grid-cols-3 gap-2 text-sm">
                <div>
                  <dt className="text-xs text-muted-foreground">{tm("customers")}</dt>
                  <dd className="font-semibold tabular-nums" data-customers={quadrant.customers}>
                    {formatCount(quadrant.customers, locale)}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{tm("predictedClv")}</dt>
                  <dd className="font-semibold tabular-nums">{formatMoney(quadrant.predictedClvCents, { locale, currency })}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">{tm("valueShare")}</dt>
                  <dd className="font-semibold tabular-nums">{formatPercent(quadrant.valueShare, locale)}</dd>
                </div>
              </dl>
              {quadrant.medianDaysSinceLastPurchase !== undefined && quadrant.medianDaysSinceLastPurchase !== null ? (
                <dl className="grid grid-cols-2 gap-2 text-sm" title={t("mediansNote")} data-quadrant-medians>
                  <div>
                    <dt className="text-xs text-muted-foreground">{t("medianAlive")}</dt>
                    <dd className="font-semibold tabular-nums" data-median-alive={quadrant.medianProbabilityAlive ?? ""}>
                      {quadrant.medianProbabilityAlive === null || quadrant.medianProbabilityAlive === undefined ? "–" : formatPercent(quadrant.medianProbabilityAlive, locale)}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">{t("medianDaysSince")}</dt>
                    <dd className="font-semibold tabular-nums" data-median-days={quadrant.medianDaysSinceLastPurchase}>
                      {formatCount(Math.round(quadrant.medianDaysSinceLastPurchase), locale)}
                    </dd>
                  </div>
                </dl>
              ) : null}
              <p className="text-sm">
                <span className="font-medium">{t("tactic")}: </span>
                {quadrant.tactic}
              </p>
              <Link href={quadrant.href} className="mt-auto self-start text-sm font-medium text-accent underline" aria-label={t("openDrillDownOf", { name: quadrant.name })}>
                {t("openDrillDown")}
              </Link>
            </Card>
          </li>
        ))}
    </ul>
  );
}
