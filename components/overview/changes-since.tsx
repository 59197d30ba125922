import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotActivity } from "@/lib/queries/snapshot-overview";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { AT_RISK_SEGMENTS } from "./clv-kpis";

interface Compared {
  snapshot: SnapshotInfo;
  activity: SnapshotActivity;
}

function atRiskValue(snapshot: SnapshotInfo): number {
  return snapshot.summary.rfm.filter((segment) => (AT_RISK_SEGMENTS as readonly string[]).includes(segment.key)).reduce((sum, segment) => sum + segment.predictedClvCents, 0);
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** What changed between the previous complete snapshot and this one: headline figures and segment sizes. */
export async function ChangesSince({ current, previous, locale }: { current: Compared; previous: Compared | null; locale: string }) {
  const [t, tm, tr] = await Promise.all([getTranslations("overview"), getTranslations("measures"), getTranslations("rfm")]);
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
  const money = (cents: number) => formatMoney(cents, { locale });
  const count = (value: number) => formatCount(Math.round(value), locale);
  const percent = (value: number) => formatPercent(value, locale);
  const points = (value: number) => `${formatCount(Math.round(value * 1000) / 10, locale)} pp`;
  const rows = [
    { key: "customers", label: tm("customers"), before: previous.snapshot.customers, now: current.snapshot.customers, show: count, diff: count },
    {
      key: "active",
      label: t("kpiActive"),
      before: previous.activity.expectedActive,
      now: current.activity.expectedActive,
      show: count,
      diff: count,
    },
    { key: "historic", label: tm("historicClv"), before: previous.snapshot.summary.totals.historicClvCents, now: current.snapshot.summary.totals.historicClvCents, show: money, diff: money },
    { key: "predicted", label: tm("predictedClv"), before: previous.snapshot.summary.totals.predictedClvCents, now: current.snapshot.summary.totals.predictedClvCents, show: money, diff: money },
    {
      key: "top-tier",
      label: t("kpiTopTier"),
      before: previous.snapshot.summary.tiers[0]?.valueShare ?? 0,
      now: current.snapshot.summary.tiers[0]?.valueShare ?? 0,
      show: percent,
      diff: points,
    },
    { key: "at-risk", label: t("kpiAtRisk"), before: atRiskValue(previous.snapshot), now: atRiskValue(current.snapshot), show: money, diff: money },
  ];
  const before = new Map(previous.snapshot.summary.rfm.map((segment) => [segment.key, segment.customers]));
  const shifts = current.snapshot.summary.rfm
    .map((segment) => ({ key: segment.key, before: before.get(segment.key) ?? 0, now: segment.customers }))
    .filter((shift) => shift.before !== shift.now)
    .sort((a, b) => Math.abs(b.now - b.before) - Math.abs(a.now - a.before))
    .slice(0, 4);
  const settingsChanged = JSON.stringify(previous.snapshot.settings) !== JSON.stringify(current.snapshot.settings);
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
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="py-1 font-medium">
                {t("changesMeasure")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("changesBefore")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("changesNow")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("changesDifference")}
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-border" data-change={row.key}>
                <th scope="row" className="py-1.5 text-left font-normal">
                  {row.label}
                </th>
                <td className="py-1.5 text-right text-muted-foreground">{row.show(row.before)}</td>
                <td className="py-1.5 text-right">{row.show(row.now)}</td>
                <td className="py-1.5 text-right font-medium">{signed(row.diff(row.now - row.before), row.now - row.before)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shifts.length > 0 ? (
          <div>
            <h3 className="text-xs font-medium text-muted-foreground">{t("changesSegments")}</h3>
            <ul className="mt-1 grid grid-cols-1 gap-x-6 gap-y-0.5 text-sm tabular-nums sm:grid-cols-2">
              {shifts.map((shift) => (
                <li key={shift.key}>{t("changesSegmentLine", { segment: tr(`${shift.key}.name`), before: count(shift.before), now: count(shift.now) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {settingsChanged ? <p className="text-xs text-warning">{t("changesSettings")}</p> : null}
      </CardContent>
    </Card>
  );
}
