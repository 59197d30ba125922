import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { IfAllowed } from "@/components/auth/if-allowed";
import { EmptyOverview } from "@/components/overview/empty-overview";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getCustomerCount } from "@/lib/queries/database-stats";
import { getRecomputeStatus } from "@/lib/queries/snapshots";
import { RefreshWhenComputed } from "./refresh-when-computed";
import { ServerWidget } from "./server-widget";

/**
 * What a snapshot-based page shows when there is no snapshot to show: with an empty database, how to get
 * data in; with data, that the first figures are being computed, or why computing them failed. A server
 * widget (README, "Where data is fetched"): it reads the customer count and the recompute state itself.
 */
export function NoSnapshot() {
  return (
    <ServerWidget skeleton={<Skeleton className="mx-auto h-48 max-w-2xl" />}>
      <NoSnapshotReason />
    </ServerWidget>
  );
}

/** Why there is no snapshot yet, read from the database (the widget's content). */
async function NoSnapshotReason() {
  if (await getCustomerCount() === 0) return <EmptyOverview />;
  const [t, status] = await Promise.all([getTranslations("snapshot"), Promise.resolve(await getRecomputeStatus())]);
  const failed = status.state === "idle" && status.lastFailure;
  return (
    <Card className="mx-auto max-w-2xl px-8 py-10 text-center" data-state={failed ? "snapshot-failed" : "snapshot-pending"}>
      <h2 className="text-xl font-semibold">{failed ? t("failedTitle") : t("noneTitle")}</h2>
      <p className="mt-3 text-muted-foreground">{failed ? t("failedText", { message: status.lastFailure!.message }) : t("noneText")}</p>
      {failed ? null : <RefreshWhenComputed />}
      <IfAllowed permission="settings">
        <p className="mt-6 flex justify-center gap-4 text-sm">
          <Link href="/settings" className="text-accent underline">
            {t("settingsLink")}
          </Link>
        </p>
      </IfAllowed>
    </Card>
  );
}
