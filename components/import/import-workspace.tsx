"use client";

import { formatFileSize } from "@/app/api/imports/contract";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/lib/format";
import { ColumnMappingTable } from "./column-mapping-table";
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
  const flow = useImportFlow(maxBytes);
  const { prepared, sniff, phase, choices } = flow;
  const busy = phase.name === "reading" || phase.name === "uploading";
  const oneColumn = sniff?.problems.some((problem) => problem.code === "one-column") ?? false;

  return (
    <div className="space-y-6">
      <p className="sr-only" aria-live="polite" role="status">
        {announcement(phase, prepared)}
      </p>
      <Card>
        <CardHeader>
          <CardTitle>1. Choose a file</CardTitle>
          <CardDescription>Nothing is stored until you press Import: first check below how Klantwaarde reads the file.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-5">
          <fieldset disabled={busy} className="min-w-0">
            <KindPicker
              value={choices.kind ?? sniff?.kind ?? null}
              guessed={choices.kind === undefined && sniff !== null}
              onChange={(kind) => flow.updateChoices((current) => ({ ...current, kind, mapping: undefined }))}
            />
          </fieldset>
          <FileDropzone maxBytes={maxBytes} disabled={busy} onFile={flow.chooseFile} />
          {prepared ? <ChosenFile prepared={prepared} /> : null}
          {phase.name === "reading" ? <ProgressBar label={`Reading ${phase.fileName}`} share={phase.share} /> : null}
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
              <CardTitle>2. How the file is read</CardTitle>
              <CardDescription>
                {sniff.sampleRows > 0
                  ? `Detected from the first ${formatCount(sniff.sampleRows)} rows. Change anything that is wrong; the preview follows.`
                  : "There are no rows to detect the formats from."}
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
                <CardTitle>3. Columns</CardTitle>
                <CardDescription>Suggested from the column names (Dutch and English). Choose another column where the suggestion is wrong.</CardDescription>
              </CardHeader>
              <CardContent>
                <fieldset disabled={busy} className="min-w-0">
                  <ColumnMappingTable sniff={sniff} choices={choices} onChange={flow.setMapping} />
                </fieldset>
              </CardContent>
            </Card>
          ) : null}
          {sniff.preview.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle>4. Preview</CardTitle>
              </CardHeader>
              <CardContent>
                <PreviewTable sniff={sniff} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>5. Import</CardTitle>
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
  const { workbook } = prepared;
  return (
    <p className="text-sm" data-testid="chosen-file">
      <span className="font-medium">{prepared.file.name}</span>
      <span className="text-muted-foreground">
        {" "}
        · {formatFileSize(prepared.file.size)}
        {workbook
          ? ` · Excel workbook, sheet '${workbook.sheetName}'${workbook.sheetCount > 1 ? ` (the first of ${workbook.sheetCount} sheets; only this one is imported)` : ""}`
          : ""}
      </span>
    </p>
  );
}

/** What a screen reader hears when the flow moves on. */
function announcement(phase: ImportPhase, prepared: PreparedFile | null): string {
  switch (phase.name) {
    case "reading":
      return `Reading ${phase.fileName}…`;
    case "ready":
      return prepared ? `${prepared.file.name} is read. Check the preview, then import.` : "";
    case "uploading":
      return phase.sent ? "Saving the last rows…" : "Importing…";
    case "done":
      return phase.report.message;
    case "error":
      return phase.message;
    default:
      return "";
  }
}
