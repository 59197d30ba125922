"use client";

import { useTranslations } from "next-intl";
import { formatFileSize } from "@/lib/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/lib/format";
import { ColumnMappingTable } from "./column-mapping-table";
import { PlatformNote } from "./platform-note";
import { StatusChoices } from "./status-choices";
import { FileDropzone } from "./file-dropzone";
import { FormatControls } from "./format-controls";
import { ImportStep } from "./import-step";
import { KindPicker } from "./kind-picker";
import type { PreparedFile } from "./prepare-file";
import { PreviewTable } from "./preview-table";
import { ProblemList } from "./problem-list";
import { ProgressBar } from "./progress-bar";
import { useImportFlow, type ImportPhase } from "./use-import-flow";

/** The whole upload flow: choose, check how the file is read, the columns and the preview, import, read the report. */
export function ImportWorkspace({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("import");
  const flow = useImportFlow(maxBytes);
  const { prepared, sniff, phase, choices } = flow;
  const busy = phase.name === "reading" || phase.name === "uploading";
  const oneColumn = sniff?.problems.some((problem) => problem.code === "one-column") ?? false;

  return (
    <div className="space-y-6">
      <p className="sr-only" aria-live="polite" role="status">
        {announcement(phase, prepared, t)}
      </p>
      <Card>
        <CardHeader>
          <CardTitle>{t("steps.choose")}</CardTitle>
          <CardDescription>{t("steps.chooseDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-5">
          <fieldset disabled={busy} className="min-w-0">
            <KindPicker
              value={choices.kind ?? sniff?.kind ?? null}
              guessed={choices.kind === undefined && sniff !== null}
              onChange={(kind) => flow.updateChoices((current) => ({ ...current, kind, mapping: undefined, countStatuses: undefined }))}
            />
          </fieldset>
          <FileDropzone maxBytes={maxBytes} disabled={busy} onFile={flow.chooseFile} />
          {prepared ? <ChosenFile prepared={prepared} /> : null}
          {phase.name === "reading" ? <ProgressBar label={t("file.reading", { name: phase.fileName })} share={phase.share} /> : null}
          {phase.name === "error" && !prepared ? (
            <p role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm text-danger">
              {phase.message}
            </p>
          ) : null}
        </CardContent>
      </Card>

      {sniff && prepared ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{t("steps.read")}</CardTitle>
              <CardDescription>
                {sniff.sampleRows > 0
                  ? t("steps.readDetected", { rows: formatCount(sniff.sampleRows) })
                  : t("steps.readNoRows")}
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              {sniff.header.length > 0 ? (
                <fieldset disabled={busy} className="min-w-0">
                  <FormatControls sniff={sniff} choices={choices} workbook={prepared.workbook !== null} onChange={(change) => flow.updateChoices((current) => ({ ...current, ...change }))} />
                </fieldset>
              ) : null}
              <ProblemList problems={sniff.problems} />
            </CardContent>
          </Card>
          {sniff.header.length > 0 && !oneColumn ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("steps.columns")}</CardTitle>
                <CardDescription>{t("steps.columnsDescription")}</CardDescription>
              </CardHeader>
              <CardContent>
                <fieldset disabled={busy} className="min-w-0 space-y-4">
                  {sniff.kind === "transactions" || sniff.platform ? (
                    <PlatformNote
                      sniff={sniff}
                      readAsPlatform={choices.platform !== "none"}
                      onChange={(readAsPlatform) => flow.updateChoices((current) => ({ ...current, platform: readAsPlatform ? undefined : "none", countStatuses: undefined }))}
                    />
                  ) : null}
                  <ColumnMappingTable sniff={sniff} choices={choices} onChange={flow.setMapping} />
                  <StatusChoices sniff={sniff} chosen={choices.countStatuses !== undefined} onChange={(countStatuses) => flow.updateChoices((current) => ({ ...current, countStatuses }))} />
                </fieldset>
              </CardContent>
            </Card>
          ) : null}
          {sniff.preview.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("steps.preview")}</CardTitle>
              </CardHeader>
              <CardContent>
                <PreviewTable sniff={sniff} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t("steps.import")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ImportStep
                phase={phase}
                sniff={sniff}
                fileName={prepared.file.name}
                downloadDelimiter={prepared.workbook ? ";" : sniff.delimiter}
                skipInvalid={flow.skipInvalid}
                onSkipInvalidChange={flow.setSkipInvalid}
                onImport={flow.startImport}
                onCancel={flow.cancel}
                onReset={flow.reset}
              />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function ChosenFile({ prepared }: { prepared: PreparedFile }) {
  const t = useTranslations("import.file");
  const { workbook } = prepared;
  return (
    <p className="text-sm" data-testid="chosen-file">
      <span className="font-medium">{prepared.file.name}</span>
      <span className="text-muted-foreground">
        {" "}
        · {formatFileSize(prepared.file.size)}
        {workbook
          ? ` · ${t("workbook", { sheet: workbook.sheetName })}${workbook.sheetCount > 1 ? ` ${t("otherSheets", { count: String(workbook.sheetCount) })}` : ""}`
          : ""}
      </span>
    </p>
  );
}

/** What a screen reader hears when the flow moves on. */
function announcement(phase: ImportPhase, prepared: PreparedFile | null, t: ReturnType<typeof useTranslations<"import">>): string {
  switch (phase.name) {
    case "reading":
      return t("announce.reading", { name: phase.fileName });
    case "ready":
      return prepared ? t("announce.ready", { name: prepared.file.name }) : "";
    case "uploading":
      return phase.sent ? t("announce.savingLast") : t("announce.importing");
    case "done":
      return phase.report.message;
    case "error":
      return phase.message;
    default:
      return "";
  }
}
