import { getTranslations } from "next-intl/server";
import { formatPercent } from "@/lib/format";
import { SINCE_FIRST_PURCHASE, type SnapshotSummary } from "@/lib/scoring/types";

/** How a snapshot measured relationship length, in a few words ("until P(alive) falls below 50%"). */
export async function relationshipDefinitionName(summary: SnapshotSummary, locale: string): Promise<string> {
  const t = await getTranslations("quadrants");
  const relationship = summary.quadrantAxes?.relationship ?? SINCE_FIRST_PURCHASE;
  if (relationship.definition === "lifetime" && relationship.aliveCutoff !== null) return t("definitions.lifetime", { cutoff: formatPercent(relationship.aliveCutoff, locale, 0) });
  if (relationship.definition === "lifetime" && relationship.inactivityDays !== null) return t("definitions.inactivity", { days: String(relationship.inactivityDays) });
  return t("definitions.sinceFirstPurchase");
}
