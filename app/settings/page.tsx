import type { Metadata } from "next";
import { connection } from "next/server";
import { RecomputeStatusPanel } from "@/components/settings/recompute-status";
import { SettingsForm } from "@/components/settings/settings-form";
import { SnapshotDetails } from "@/components/settings/snapshot-details";
import { SnapshotHistory } from "@/components/settings/snapshot-history";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { getCurrentSnapshot, getPurchaseDateRange, getRecomputeStatus, listSnapshots } from "@/lib/queries/snapshots";
import { getSettings } from "@/lib/settings/store";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await connection(); // read the database on every request, never at build time
  const settings = getSettings();
  const status = getRecomputeStatus();
  const snapshot = getCurrentSnapshot();
  const history = listSnapshots();
  const { lastDate } = getPurchaseDateRange();
  const statusKey = `${status.state}-${status.current?.id ?? 0}-${status.lastFailure?.id ?? 0}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">
          How customer value is computed and grouped. The figures are computed once per change and kept as a snapshot, so every page shows the same numbers.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Figures</CardTitle>
          <CardDescription>Saving changed settings, or importing data, starts a recompute in the background; pages keep showing the current snapshot until it is done.</CardDescription>
        </CardHeader>
        <CardContent>
          {lastDate === null ? (
            <p className="mb-3 text-sm text-muted-foreground">
              There are no purchases in the database yet. Import data or run <Code>npm run db:seed</Code>; the settings below are used once there is data.
            </p>
          ) : null}
          <RecomputeStatusPanel key={statusKey} initial={status} locale={settings.locale} />
        </CardContent>
      </Card>
      <Card className="px-5 py-5">
        <SettingsForm settings={settings} lastPurchaseDate={lastDate} quadrantAxes={snapshot?.summary.quadrantAxes ?? null} />
      </Card>
      {snapshot ? <SnapshotDetails snapshot={snapshot} /> : null}
      <SnapshotHistory snapshots={history} currency={settings.currency} locale={settings.locale} />
    </div>
  );
}
