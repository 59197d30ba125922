"use client";

import { useTranslations } from "next-intl";

/** What the line styles mean: solid actual value, a hollow dot for an incomplete period, dashed prediction. */
export function LineStyleKey() {
  const t = useTranslations("cohorts");
  const stroke = "var(--chart-axis)";
  return (
    <ul aria-label={t("lineKey")} className="mt-2 flex flex-wrap gap-4 text-xs text-muted-foreground">
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" width="28" height="10">
          <line x1="0" y1="5" x2="28" y2="5" stroke={stroke} strokeWidth="2" />
          <circle cx="14" cy="5" r="3" fill={stroke} />
        </svg>
        {t("lineActual")}
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" width="14" height="12">
          <circle cx="7" cy="6" r="4.5" fill="var(--card)" stroke={stroke} strokeWidth="2" />
        </svg>
        {t("linePartial")}
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" width="28" height="10">
          <line x1="0" y1="5" x2="28" y2="5" stroke={stroke} strokeWidth="2" strokeDasharray="6 4" />
        </svg>
        {t("linePredicted")}
      </li>
    </ul>
  );
}
