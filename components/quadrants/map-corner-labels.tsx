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
 * The quadrant names at the plot's corners (high = top, long = right), with their exact customer count and
 * value share, drawn OUTSIDE the plot area (above it for the high quadrants, under the duration axis for the
 * low ones), so they never cover a point. Each is a link to the quadrant's drill-down for the mouse; keyboard
 * users reach the same links in the quadrant cards under the map, so these stay out of the tab order.
 */
export function MapCornerLabels({
  labels,
  area,
  locale,
}: {
  labels: CornerLabel[];
  area: { left: number; right: number; top: number; bottom: number };
  locale: string;
}) {
  const t = useTranslations("quadrants");
  return (
    <g fontSize={12}>
      {labels.map((label) => {
        const right = label.key.endsWith("long");
        const top = label.key.startsWith("high");
        const x = right ? area.right : area.left;
        // High: the two lines above the plot. Low: under the axis's tick labels.
        const y = top ? area.top - 24 : area.bottom + 40;
        const anchor = right ? "end" : "start";
        return (
          <a key={label.key} href={label.href} tabIndex={-1} data-corner={label.key}>
            <text x={x} y={y} textAnchor={anchor} fontWeight={600} fill="var(--foreground)" fontSize={13}>
              {label.name}
            </text>
            <text x={x} y={y + 15} textAnchor={anchor} fill="var(--muted-foreground)" className="tabular-nums">
              {t("cornerFigures", { customers: formatCount(label.customers, locale), share: formatPercent(label.valueShare, locale) })}
            </text>
          </a>
        );
      })}
    </g>
  );
}
