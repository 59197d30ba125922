import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { RecomputeStatusPanel } from "@/components/settings/recompute-status";
import { SettingsForm } from "@/components/settings/settings-form";
import { SnapshotDetails } from "@/components/settings/snapshot-details";
import { SnapshotHistory } from "@/components/settings/snapshot-history";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentSnapshot, getPurchaseDateRange, getRecomputeStatus, listSnapshots } from "@/lib/queries/snapshots";
import { getSettings } from "@/lib/settings/store";
import { requirePermission } from "@/lib/auth/session";
import { PrivacySettingsSection } from "@/components/settings/privacy-settings";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { getPrivacySettings } from "@/lib/privacy/masking-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  await connection(); // read the database on every request, never at build time
  const user = await requirePermission("settings"); // signed in, with a role that may settings (lib/auth/roles.ts)
  const t = await getTranslations("settings");
  const settings = await getSettings();
  const status = await getRecomputeStatus();
  const snapshot = await getCurrentSnapshot();
  const history = await listSnapshots();
  const { lastDate } = await getPurchaseDateRange();
  const statusKey = `${status.state}-${status.current?.id ?? 0}-${status.lastFailure?.id ?? 0}`;

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("figures")}</CardTitle>
          <CardDescription>{t("figuresDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {lastDate === null ? (
            <p className="mb-3 text-sm text-muted-foreground">{t.rich("noPurchases", { code: (chunks) => <Code>{chunks}</Code> })}</p>
          ) : null}
          <RecomputeStatusPanel key={statusKey} initial={status} locale={settings.locale} />
        </CardContent>
      </Card>
      <Card className="px-5 py-5">
        <SettingsForm settings={settings} lastPurchaseDate={lastDate} quadrantAxes={snapshot?.summary.quadrantAxes ?? null} />
      </Card>
      {snapshot ? <SnapshotDetails snapshot={snapshot} /> : null}
      <SnapshotHistory snapshots={history} currency={settings.currency} locale={settings.locale} />
      <PrivacySettingsSection settings={await getPrivacySettings()} role={user.role} locale={await getFormatLocale()} />
    </div>
  );
}
