import type { Metadata } from "next";
import { connection } from "next/server";
import { importMaxBytes } from "@/app/api/imports/limits";
import { ImportHistoryTable } from "@/components/import/import-history-table";
import { ImportWorkspace } from "@/components/import/import-workspace";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getImportHistory } from "@/lib/queries/imports";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await connection(); // the history changes with every import
  const history = getImportHistory();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Import data</h1>
        <p className="text-sm text-muted-foreground">
          Bring your own purchases and customers from a webshop, CRM or ERP export. By default a file imports completely or not at all,
          and importing the same file again adds nothing.
        </p>
      </div>
      <ImportWorkspace maxBytes={importMaxBytes()} />
      <Card>
        <CardHeader>
          <CardTitle>Import history</CardTitle>
          <CardDescription>Every import from this page and the command line, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          <ImportHistoryTable rows={history} />
        </CardContent>
      </Card>
    </div>
  );
}
