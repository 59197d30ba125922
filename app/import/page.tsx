import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { importMaxBytes } from "@/lib/import/upload/limits";
import { ImportHistoryTable } from "@/components/import/import-history-table";
import { ImportWorkspace } from "@/components/import/import-workspace";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getImportHistory } from "@/lib/queries/imports";
import { requirePermission } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("metaTitle") };
}

export default async function ImportPage() {
  await connection(); // the history changes with every import
  await requirePermission("import"); // signed in, with a role that may import (lib/auth/roles.ts)
  const t = await getTranslations("import");
  const history = await getImportHistory();
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ImportWorkspace maxBytes={importMaxBytes()} />
      <Card>
        <CardHeader>
          <CardTitle>{t("history")}</CardTitle>
          <CardDescription>{t("historyDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ImportHistoryTable rows={history} />
        </CardContent>
      </Card>
    </div>
  );
}
