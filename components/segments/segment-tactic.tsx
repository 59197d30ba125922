import { Link } from "@/components/ui/link";
import { IfAllowed } from "@/components/auth/if-allowed";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { SegmentRef } from "@/lib/filters/segment-ref";

export type TierPosition = "top" | "upper" | "lower" | "bottom";

/** Where a tier sits among `tierCount` tiers: the first is the top, the last the bottom, the rest upper or lower half. */
export function tierPosition(tier: number, tierCount: number): TierPosition {
  if (tier <= 1) return "top";
  if (tier >= tierCount) return "bottom";
  return tier <= tierCount / 2 ? "upper" : "lower";
}

/**
 * The recommended tactic of a drill-down: a quadrant's tactic from the settings (as the user wrote it), or
 * the catalogue's tactic for a tier position and an RFM segment (a cross-table cell gets both).
 */
export async function SegmentTactic({ refValue, tierCount, quadrantTactic }: { refValue: SegmentRef; tierCount: number; quadrantTactic?: string }) {
  const [t, tNav] = await Promise.all([getTranslations("segments.tactic"), getTranslations("nav")]);
  const parts: { key: string; label?: string; text: string }[] = [];
  if (refValue.kind === "quadrant") {
    parts.push({ key: "quadrant", text: quadrantTactic?.trim() ? quadrantTactic : t("none") });
  }
  if (refValue.kind === "tier" || refValue.kind === "cell") {
    parts.push({ key: "tier", label: refValue.kind === "cell" ? t("tierPart") : undefined, text: t(`tier.${tierPosition(refValue.tier, tierCount)}`) });
  }
  if (refValue.kind === "rfm" || refValue.kind === "cell") {
    parts.push({ key: "rfm", label: refValue.kind === "cell" ? t("rfmPart") : undefined, text: t(`rfm.${refValue.segment}`) });
  }
  return (
    <Card data-tactic>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {parts.map((part) => (
          <p key={part.key}>
            {part.label ? <span className="mr-1 font-medium">{part.label}:</span> : null}
            {part.text}
          </p>
        ))}
        {refValue.kind === "quadrant" ? (
          <p className="text-xs text-muted-foreground">
            {t("fromSettings")}{" "}
            <IfAllowed permission="settings">
              <Link href="/settings" className="text-accent underline">
                {tNav("settings")}
              </Link>
            </IfAllowed>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
