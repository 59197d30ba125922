import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { historyHref } from "@/components/history/history-params";
import { KpiChangesTable } from "@/components/history/kpi-changes-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate } from "@/lib/format";
import { compareSnapshots, type ComparedSnapshot } from "@/lib/queries/snapshot-compare";

/** What changed between the previous complete snapshot and this one: headline figures and segment sizes (the comparison the history page shows in full). */
export async function ChangesSince({ current, previous, locale }: { current: ComparedSnapshot; previous: ComparedSnapshot | null; locale: string }) {
  const [t, tr, th] = await Promise.all([getTranslations("overview"), getTranslations("rfm"), getTranslations("history")]);
  if (!previous) {
    return (
      <Card data-section="changes">
        <CardHeader>
          <CardTitle>{t("changesTitle")}</CardTitle>
          <CardDescription>{t("changesNone")}</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const comparison = compareSnapshots(previous, current);
  const count = (value: number) => formatCount(Math.round(value), locale);
  return (
    <Card data-section="changes">
      <CardHeader>
        <CardTitle>{t("changesTitle")}</CardTitle>
        <CardDescription>
          {t("changesDescription", {
            current: current.snapshot.id,
            currentDate: formatDate(current.snapshot.asOfDate, locale),
            previous: previous.snapshot.id,
            previousDate: formatDate(previous.snapshot.asOfDate, locale),
          })}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <KpiChangesTable rows={comparison.kpis} locale={locale} currency={current.snapshot.summary.currency} />
        {comparison.segmentShifts.length > 0 ? (
          <div>
            <h3 className="text-xs font-medium text-muted-foreground">{t("changesSegments")}</h3>
            <ul className="mt-1 grid grid-cols-1 gap-x-6 gap-y-0.5 text-sm tabular-nums sm:grid-cols-2">
              {comparison.segmentShifts.map((shift) => (
                <li key={shift.key}>{t("changesSegmentLine", { segment: tr(`${shift.key}.name`), before: count(shift.before), now: count(shift.now) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {comparison.settingsChanged ? <p className="text-xs text-warning">{t("changesSettings")}</p> : null}
        <p className="text-sm">
          <Link href={historyHref({ from: previous.snapshot.id, to: current.snapshot.id })} className="text-accent underline">
            {th("compareLink")}
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
