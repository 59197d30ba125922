import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney } from "@/lib/format";
import type { HistorySnapshot } from "@/lib/queries/snapshot-compare";
import { historyHref } from "./history-params";

const MODEL_NAMES: Record<string, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };

function Badge({ children, tone }: { children: React.ReactNode; tone: "accent" | "muted" }) {
  return (
    <span className={tone === "accent" ? "ml-2 rounded bg-accent/15 px-1.5 py-0.5 text-xs font-medium text-accent" : "ml-2 rounded bg-muted px-1.5 py-0.5 text-xs text-muted-foreground"}>
      {children}
    </span>
  );
}

/** One end of the comparison: a labelled choice of the stored snapshots (`from` or `to` in the URL). */
function SnapshotSelect({ name, label, selected, options }: { name: "from" | "to"; label: string; selected: number | null; options: { id: number; label: string }[] }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs text-muted-foreground">{label}</span>
      <select name={name} defaultValue={selected ?? undefined} className="rounded-md border border-border bg-card px-2 py-1.5">
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The stored snapshots, newest first, with the two being compared marked and a form to choose two others. */
export async function SnapshotList({
  snapshots,
  fromId,
  toId,
  currency,
  locale,
}: {
  snapshots: HistorySnapshot[];
  fromId: number | null;
  toId: number | null;
  currency: string;
  locale: string;
}) {
  const t = await getTranslations("history");
  const currentId = snapshots[0]?.id;
  const options = snapshots.map((row) => ({ id: row.id, label: t(row.id === currentId ? "form.optionCurrent" : "form.option", { id: row.id, date: formatDate(row.asOfDate, locale) }) }));
  return (
    <Card data-section="snapshots">
      <CardHeader>
        <CardTitle>{t("list.title")}</CardTitle>
        <CardDescription>{t("list.description", { count: snapshots.length })}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {snapshots.length > 1 ? (
          <form action="/history" method="get" aria-label={t("form.label")} className="flex flex-wrap items-end gap-3 text-sm">
            <SnapshotSelect name="from" label={t("form.from")} selected={fromId} options={options} />
            <SnapshotSelect name="to" label={t("form.to")} selected={toId} options={options} />
            <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground hover:opacity-90">
              {t("form.submit")}
            </button>
          </form>
        ) : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.snapshot")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.asOf")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.computed")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.model")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("list.customers")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("list.predictedClv")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.settings")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("list.reason")}</th>
                {snapshots.length > 1 ? <th scope="col" className="py-2 font-medium">{t("list.compare")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {snapshots.map((row, index) => {
                const previous = snapshots[index + 1];
                const chosen = row.id === fromId || row.id === toId;
                return (
                  <tr key={row.id} className={chosen ? "border-t border-border bg-accent/5" : "border-t border-border"} data-snapshot-row={row.id} aria-current={row.id === toId ? "true" : undefined}>
                    <th scope="row" className="py-2 pr-4 text-left font-normal whitespace-nowrap tabular-nums">
                      {row.id}
                      {row.id === currentId ? <Badge tone="accent">{t("list.current")}</Badge> : null}
                      {row.id === fromId ? <Badge tone="muted">{t("list.shownFrom")}</Badge> : null}
                      {row.id === toId ? <Badge tone="muted">{t("list.shownTo")}</Badge> : null}
                    </th>
                    <td className="py-2 pr-4 whitespace-nowrap">{formatDate(row.asOfDate, locale)}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {formatDate(row.computedAt.slice(0, 10), locale)} {row.computedAt.slice(11, 16)}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap">{row.model === "simple" ? t("list.simple") : (MODEL_NAMES[row.model] ?? row.model)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.customers, locale)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums whitespace-nowrap">{formatMoney(row.predictedClvCents, { currency, locale, compact: true })}</td>
                    <td className="py-2 pr-4">
                      {row.settingsChanged === null ? (
                        <span className="text-muted-foreground">{t("list.settingsUnknown")}</span>
                      ) : row.settingsChanged ? (
                        <span className="font-medium text-warning">{t("list.settingsChanged")}</span>
                      ) : (
                        <span className="text-muted-foreground">{t("list.settingsSame")}</span>
                      )}
                    </td>
                    <td className="py-2 pr-4 text-muted-foreground">{row.reason}</td>
                    {snapshots.length > 1 ? (
                      <td className="py-2 whitespace-nowrap">
                        {previous ? (
                          <Link href={historyHref({ from: previous.id, to: row.id })} className="text-accent underline">
                            {t("list.compareWithPrevious", { previous: previous.id })}
                          </Link>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}
