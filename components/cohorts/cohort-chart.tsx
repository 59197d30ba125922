"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import { formatMoney } from "@/lib/format";
import type { CohortPeriod } from "@/lib/analysis/cohort-periods";
import { chartRows, type ChartCohort } from "./cohort-chart-data";
import { CohortTooltip } from "./cohort-chart-tooltip";
import { LineStyleKey } from "./line-style-key";

/** A filled dot for a complete period, a hollow one for the incomplete period at the end of the data. */
function periodDot(props: DotItemDotProps, index: number, color: string) {
  const { cx, cy, payload } = props;
  if (typeof cx !== "number" || typeof cy !== "number") return <g key={`${index}-${props.index}`} />;
  const partial = payload?.[`partial${index}`] === true;
  return (
    <circle
      key={`${index}-${props.index}`}
      cx={cx}
      cy={cy}
      r={partial ? 4.5 : 3}
      fill={partial ? "var(--card)" : color}
      stroke={color}
      strokeWidth={2}
      data-partial={partial ? "true" : undefined}
      className={partial ? "cohort-dot-partial" : "cohort-dot"}
    />
  );
}

/**
 * Cumulative value per customer against periods since the first purchase: one solid line per cohort (its
 * actual value, the incomplete last period as a hollow dot) and a dashed continuation predicted by the model.
 */
export function CohortChart({ cohorts, period, locale, currency }: { cohorts: ChartCohort[]; period: CohortPeriod; locale: string; currency: string }) {
  const t = useTranslations("cohorts");
  const rows = chartRows(cohorts);
  const maxAge = Math.max(1, rows.length - 1);
  const step = period === "month" ? 3 : maxAge > 16 ? 2 : 1;
  const ticks = Array.from({ length: Math.floor(maxAge / step) + 1 }, (_, i) => i * step);
  return (
    <div>
      <LineChart responsive data={rows} style={{ width: "100%", height: 360 }} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="age"
          type="number"
          domain={[0, maxAge]}
          ticks={ticks}
          allowDecimals={false}
          {...axisProps}
          label={{ value: t(`ageAxis.${period}`), position: "insideBottom", offset: -12, fill: "var(--chart-axis)", fontSize: 12 }}
        />
        <YAxis {...axisProps} width={72} tickFormatter={(cents: number) => formatMoney(cents, { compact: true, locale, currency })} />
        <Tooltip content={<CohortTooltip cohorts={cohorts} period={period} locale={locale} currency={currency} />} />
        {cohorts.flatMap((cohort, i) => [
          <Line
            key={`a-${cohort.key}`}
            dataKey={`a${i}`}
            name={cohort.label}
            stroke={cohort.color}
            strokeWidth={2}
            dot={(props: DotItemDotProps) => periodDot(props, i, cohort.color)}
            isAnimationActive={false}
            className="cohort-line-actual"
          />,
          <Line
            key={`p-${cohort.key}`}
            dataKey={`p${i}`}
            name={`${cohort.label} (${t("tooltipPredicted")})`}
            stroke={cohort.color}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
            className="cohort-line-predicted"
          />,
        ])}
      </LineChart>
      <LineStyleKey />
    </div>
  );
}
