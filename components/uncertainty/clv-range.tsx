import { getTranslations } from "next-intl/server";
import { formatMoney, formatPercent } from "@/lib/format";

export interface ClvRangeValue {
  lowCents: number;
  highCents: number;
  /** 0.9 for a 90% interval. */
  level: number;
}

/**
 * The interval of a predicted CLV under its figure ("90%: € 900 – € 1.600"), read out in words, with an
 * optional "How sure is this?" explanation for people who are not statisticians. The interval is of the
 * model's expected value (lib/clv/clv-interval.ts), and the explanation says so.
 */
export async function ClvRange({
  range,
  valueCents,
  locale,
  currency,
  explain,
}: {
  range: ClvRangeValue;
  /** The figure the range belongs to: amounts show cents when it does. */
  valueCents: number;
  locale: string;
  currency?: string;
  /** Which explanation to offer under the range (none: the range only). */
  explain?: "customer" | "total";
}) {
  const t = await getTranslations("uncertainty");
  const cents = Math.abs(valueCents) < 100_000;
  const money = (amount: number) => formatMoney(amount, { locale, currency, cents });
  const values = { level: formatPercent(range.level, locale, 0), low: money(range.lowCents), high: money(range.highCents) };
  return (
    <div className="mt-1 text-sm text-muted-foreground" data-clv-range={`${range.lowCents}:${range.highCents}`}>
      <p className="tabular-nums">
        <span aria-hidden="true">{t("range", values)}</span>
        <span className="sr-only">{t("rangeSpoken", values)}</span>
      </p>
      {explain ? (
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer text-accent">{t("howSure")}</summary>
          <p className="mt-1 leading-relaxed">{t(explain === "customer" ? "customerExplanation" : "totalExplanation", values)}</p>
        </details>
      ) : null}
    </div>
  );
}

/** A customer row's range, or null when the snapshot has none (simple formula, older snapshot): never a made-up one. */
export function customerRange(row: { predictedClvLowCents?: number | null; predictedClvHighCents?: number | null }, level: number): ClvRangeValue | null {
  const { predictedClvLowCents: low, predictedClvHighCents: high } = row;
  return low === null || low === undefined || high === null || high === undefined ? null : { lowCents: low, highCents: high, level };
}
