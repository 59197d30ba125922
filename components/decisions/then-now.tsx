import { getTranslations } from "next-intl/server";
import { figuresChange, type SegmentSize } from "@/lib/decisions/segment-figures";
import { formatCount, formatDate, formatMoney } from "@/lib/format";

const signed = (value: number, text: string) => (value > 0 ? `+${text}` : text);

/**
 * A group's size and predicted CLV when the decision was written and in the snapshot shown, with the
 * change: "Then 1,234 customers · €50k — Now 1,150 customers · €48k (−84 customers, −€2k)".
 */
export async function ThenNow({
  then,
  thenAsOf,
  now,
  nowAsOf,
  locale,
  currency,
}: {
  then: SegmentSize | null;
  thenAsOf: string | null;
  now: SegmentSize | null;
  nowAsOf: string;
  locale: string;
  currency: string;
}) {
  const t = await getTranslations("decisions.figures");
  const money = (cents: number) => formatMoney(cents, { locale, currency, compact: true });
  const size = (figures: SegmentSize) => `${t("customers", { count: figures.customers })} · ${money(figures.predictedClvCents)}`;
  const change = figuresChange(then, now);
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2" aria-label={t("label")} data-then-now>
      <div>
        <dt className="text-xs text-muted-foreground">{thenAsOf ? t("thenAsOf", { date: formatDate(thenAsOf, locale) }) : t("then")}</dt>
        <dd className="tabular-nums" data-then-customers={then?.customers}>
          {then ? size(then) : t("unknown")}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-muted-foreground">{t("now", { date: formatDate(nowAsOf, locale) })}</dt>
        <dd className="tabular-nums" data-now-customers={now?.customers}>
          {now ? size(now) : t("gone")}
          {change ? (
            <span className="ml-1 text-muted-foreground" data-change>
              (
              {change.customers === 0 && change.predictedClvCents === 0
                ? t("unchanged")
                : t("change", { customers: signed(change.customers, formatCount(change.customers, locale)), value: signed(change.predictedClvCents, money(change.predictedClvCents)) })}
              )
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
