import { getTranslations } from "next-intl/server";
import { formatMoney, formatPercent } from "@/lib/format";
import type { ClvRangeValue } from "./customer-range";

export { customerRange, type ClvRangeValue } from "./customer-range";

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
