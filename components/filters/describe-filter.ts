import "server-only";
import { getTranslations } from "next-intl/server";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { attributeLabel } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** The filter in words for exports and slides ("CLV tier: Very profitable · Channel: Webshop"); "" without a filter. */
export async function describeFilter(filter: CustomerFilter, snapshot: SnapshotInfo): Promise<string> {
  const [t, tr] = await Promise.all([getTranslations("filters"), getTranslations("rfm")]);
  const parts: string[] = [];
  if (filter.tier !== undefined) parts.push(`${t("tier")}: ${snapshot.summary.tiers.find((tier) => tier.tier === filter.tier)?.name ?? filter.tier}`);
  if (filter.segment) parts.push(`${t("rfm")}: ${tr(`${filter.segment}.name`)}`);
  if (filter.quadrant) parts.push(`${t("quadrant")}: ${snapshot.summary.quadrants.find((quadrant) => quadrant.key === filter.quadrant)?.name ?? filter.quadrant}`);
  if (filter.channel) parts.push(`${t("channel")}: ${filter.channel}`);
  if (filter.country) parts.push(`${t("country")}: ${filter.country}`);
  for (const attribute of filter.attributes ?? []) parts.push(`${attributeLabel(attribute.key)}: ${attribute.value}`);
  if (filter.acquiredFrom) parts.push(`${t("from")}: ${filter.acquiredFrom}`);
  if (filter.acquiredTo) parts.push(`${t("to")}: ${filter.acquiredTo}`);
  if (filter.search) parts.push(`${t("search")}: “${filter.search}”`);
  return parts.join(" · ");
}
