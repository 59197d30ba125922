"use client";

import { useTranslations } from "next-intl";
import { formatCount, formatPercent } from "@/lib/format";
import type { QuadrantKey } from "@/lib/settings/schema";

/** A quadrant as its corner of the map names it. */
export interface CornerLabel {
  key: QuadrantKey;
  name: string;
  customers: number;
  valueShare: number;
  /** The quadrant's drill-down, with the filters of the map. */
  href: string;
}

/**
 * The quadrant names in the plot's corners (high = top, long = right), with their exact customer count and
 * value share. Each is a link to the quadrant's drill-down for the mouse; keyboard users reach the same
 * links in the quadrant cards under the map, so these stay out of the tab order.
 */
export function MapCornerLabels({ labels, area, locale }: { labels: CornerLabel[]; area: { left: number; right: number; top: number; bottom: number }; locale: string }) {
  const t = useTranslations("quadrants");
  return (
    <g fontSize={12} style={{ paintOrder: "stroke" }} stroke="var(--card)" strokeWidth={4} strokeLinejoin="round">
      {labels.map((label) => {
        const right = label.key.endsWith("long");
        const top = label.key.startsWith("high");
        const x = right ? area.right - 8 : area.left + 8;
        const y = top ? area.top + 16 : area.bottom - 26;
        const anchor = right ? "end" : "start";
        const figures = t("cornerFigures", { customers: formatCount(label.customers, locale), share: formatPercent(label.valueShare, locale) });
        // A card-coloured box behind the text keeps it readable over dense points (width estimated from the text).
        const boxWidth = Math.max(label.name.length * 7.6, figures.length * 6.3) + 12;
        return (
          <a key={label.key} href={label.href} tabIndex={-1} data-corner={label.key}>
            <rect x={right ? x - boxWidth + 6 : x - 6} y={y - 15} width={boxWidth} height={36} rx={4} fill="var(--card)" fillOpacity={0.85} stroke="none" />
            <text x={x} y={y} textAnchor={anchor} fontWeight={600} fill="var(--foreground)" fontSize={13}>
              {label.name}
            </text>
            <text x={x} y={y + 16} textAnchor={anchor} fill="var(--muted-foreground)" className="tabular-nums">
              {figures}
            </text>
          </a>
        );
      })}
    </g>
  );
}
