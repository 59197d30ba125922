import { getTranslations } from "next-intl/server";
import { formatPercent } from "@/lib/format";
import type { RelationshipDefinitionInForce } from "@/lib/scoring/types";

/**
 * How a snapshot measured relationship length, in the reader's language: the map's x-axis title, the rule
 * under the map (what "ended" means and that ended relationships are short), and whether there are ended
 * relationships to draw as open markers.
 */
export async function relationshipTexts(relationship: RelationshipDefinitionInForce, locale: string): Promise<{ axisX: string; rule: string; showsEnded: boolean }> {
  const t = await getTranslations("quadrants");
  if (relationship.definition === "lifetime" && relationship.aliveCutoff !== null) {
    const cutoff = formatPercent(relationship.aliveCutoff, locale, 0);
    const oneTime = relationship.inactivityDays !== null ? ` ${t("ruleOneTimeBgnbd", { days: String(relationship.inactivityDays) })}` : "";
    return { axisX: t("axisXLifetime", { cutoff }), rule: t("ruleLifetime", { cutoff }) + oneTime, showsEnded: true };
  }
  if (relationship.definition === "lifetime" && relationship.inactivityDays !== null) {
    const days = String(relationship.inactivityDays);
    return { axisX: t("axisXInactivity", { days }), rule: t("ruleInactivity", { days }), showsEnded: true };
  }
  return { axisX: t("axisX"), rule: t("ruleSinceFirst"), showsEnded: false };
}
