"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { formatFileSize, type ImportUploadParams } from "@/app/api/imports/contract";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { MappingChoice } from "@/lib/import/column-mapping";
import { todayIso } from "@/lib/import/date-format";
import type { ImportField } from "@/lib/import/fields";
import { sniffFile, type SniffChoices } from "@/lib/import/sniff";
import type { ImportReport as Report } from "@/lib/imports/run-import";
import { formatCount } from "@/lib/format";
import { primaryButton, secondaryButton } from "./button-styles";
import { ColumnMappingTable } from "./column-mapping-table";
import { FileDropzone } from "./file-dropzone";
import { FormatControls } from "./format-controls";
import { ImportActions } from "./import-actions";
import { ImportReport } from "./import-report";
import { KindPicker } from "./kind-picker";
import { prepareFile, type PreparedFile } from "./prepare-file";
import { PreviewTable } from "./preview-table";
import { ProblemList } from "./problem-list";
import { ProgressBar } from "./progress-bar";
import { uploadImport, type UploadHandle } from "./upload-file";

type Phase =
  | { name: "idle" }
  | { name: "reading"; fileName: string; share: number | null }
  | { name: "ready" }
  | { name: "uploading"; sentBytes: number; totalBytes: number; sent: boolean }
  | { name: "done"; report: Report; skipInvalid: boolean }
  | { name: "error"; message: string };

/** The whole upload flow: choose, check the preview and mapping, import, read the report. */
export function ImportWorkspace({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const [prepared, setPrepared] = useState<PreparedFile | null>(null);
  const [choices, setChoices] = useState<SniffChoices>({});
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const upload = useRef<UploadHandle | null>(null);

  // Sniffing 64 KB takes a few milliseconds: run it again on every choice.
  const sniff = useMemo(
    () => (prepared ? sniffFile(prepared.head, prepared.file.name, { today: todayIso(), fileSize: prepared.source.size, choices }) : null),
    [prepared, choices],
  );

  const reset = () => {
    setPrepared(null);
    setChoices((current) => ({ kind: current.kind }));
    setSkipInvalid(false);
    setPhase({ name: "idle" });
  };

  const chooseFile = async (file: File) => {
    reset();
    setPhase({ name: "reading", fileName: file.name, share: null });
    try {
      const ready = await prepareFile(file, { maxBytes, onProgress: (share) => setPhase({ name: "reading", fileName: file.name, share }) });
      setPrepared(ready);
      setPhase({ name: "ready" });
    } catch (error) {
      setPhase({ name: "error", message: (error as Error).message });
    }
  };

  const startImport = async (skip: boolean) => {
    if (!prepared || !sniff) return;
    const params: ImportUploadParams = {
      kind: sniff.kind,
      fileName: prepared.file.name,
      skipInvalid: skip,
      // A workbook was turned into UTF-8 CSV with commas here; say so rather than have it detected.
      delimiter: prepared.workbook ? "," : choices.delimiter,
      encoding: prepared.workbook ? "utf-8" : choices.encoding,
      decimal: choices.decimal,
      dateFormat: choices.dateFormat,
      map: choices.mapping,
    };
    setSkipInvalid(skip);
    setPhase({ name: "uploading", sentBytes: 0, totalBytes: prepared.source.size, sent: false });
    const handle = uploadImport(prepared.source, params, {
      onProgress: (sentBytes, totalBytes) => setPhase((current) => (current.name === "uploading" ? { ...current, sentBytes, totalBytes } : current)),
      onSent: () => setPhase((current) => (current.name === "uploading" ? { ...current, sent: true } : current)),
    });
    upload.current = handle;
    const result = await handle.result;
    upload.current = null;
    if (result.ok) {
      setPhase({ name: "done", report: result.report, skipInvalid: skip });
      router.refresh(); // the history below, and every page that shows data
    } else {
      setPhase({ name: "error", message: result.message });
    }
  };

  const setMapping = (field: ImportField, choice: MappingChoice) => setChoices((current) => ({ ...current, mapping: { ...current.mapping, [field]: choice } }));
  const errors = sniff?.problems.filter((problem) => problem.severity === "error") ?? [];
  const oneColumn = sniff?.problems.some((problem) => problem.code === "one-column") ?? false;
  const busy = phase.name === "reading" || phase.name === "uploading";

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
          <KindPicker
            value={choices.kind ?? sniff?.kind ?? null}
            guessed={choices.kind === undefined && sniff !== null}
            onChange={(kind) => setChoices((current) => ({ ...current, kind, mapping: undefined }))}
          />
          <FileDropzone maxBytes={maxBytes} disabled={busy} onFile={chooseFile} />
          {prepared ? (
            <p className="text-sm" data-testid="chosen-file">
              <span className="font-medium">{prepared.file.name}</span>
              <span className="text-muted-foreground">
                {" "}
                · {formatFileSize(prepared.file.size)}
                {prepared.workbook
                  ? ` · Excel workbook, sheet '${prepared.workbook.sheetName}'${prepared.workbook.sheetCount > 1 ? ` (the first of ${prepared.workbook.sheetCount} sheets; only this one is imported)` : ""}`
                  : ""}
              </span>
            </p>
          ) : null}
          {phase.name === "reading" ? <ProgressBar label={`Reading ${phase.fileName}`} share={phase.share} /> : null}
          {phase.name === "error" && !prepared ? <ErrorMessage message={phase.message} /> : null}
        </CardContent>
      </Card>

      {sniff && prepared ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>2. How the file is read</CardTitle>
              <CardDescription>Detected from the first {formatCount(sniff.sampleRows)} rows. Change anything that is wrong; the preview follows.</CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              {sniff.header.length > 0 ? (
                <FormatControls sniff={sniff} choices={choices} workbook={prepared.workbook !== null} onChange={(change) => setChoices((current) => ({ ...current, ...change }))} />
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
                <ColumnMappingTable sniff={sniff} choices={choices} onChange={setMapping} />
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
            <CardContent className="space-y-5">
              {phase.name === "uploading" ? (
                <div className="space-y-3">
                  <ProgressBar
                    label={phase.sent ? "Checking and saving the last rows…" : `Importing ${prepared.file.name}`}
                    share={phase.sent ? null : phase.totalBytes > 0 ? phase.sentBytes / phase.totalBytes : 0}
                    detail={`${formatFileSize(phase.sentBytes)} of ${formatFileSize(phase.totalBytes)} read and stored`}
                  />
                  <button type="button" className={secondaryButton} onClick={() => upload.current?.cancel()}>
                    Cancel the import
                  </button>
                </div>
              ) : phase.name === "done" ? (
                <section aria-label="Import report" className="space-y-5">
                  <ImportReport report={phase.report} delimiter={prepared.workbook ? ";" : sniff.delimiter} />
                  <div className="flex flex-wrap gap-3">
                    {phase.report.status === "rejected" && phase.report.rejected > 0 && !phase.skipInvalid && phase.report.rejected < phase.report.rowsRead ? (
                      <button type="button" className={primaryButton} onClick={() => startImport(true)}>
                        Import the {formatCount(phase.report.rowsRead - phase.report.rejected)} valid rows and skip the {formatCount(phase.report.rejected)} invalid ones
                      </button>
                    ) : null}
                    <button type="button" className={secondaryButton} onClick={reset}>
                      Import another file
                    </button>
                  </div>
                </section>
              ) : (
                <>
                  {phase.name === "error" ? <ErrorMessage message={phase.message} /> : null}
                  <ImportActions
                    kind={sniff.kind}
                    blocked={errors.length > 0 ? `Solve ${errors.length === 1 ? "the problem" : `the ${errors.length} problems`} under “How the file is read” first.` : null}
                    skipInvalid={skipInvalid}
                    onSkipInvalidChange={setSkipInvalid}
                    onImport={() => startImport(skipInvalid)}
                    onReset={reset}
                  />
                </>
              )}
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function ErrorMessage({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm text-danger">
      {message}
    </p>
  );
}

/** What a screen reader hears when the flow moves on. */
function announcement(phase: Phase, prepared: PreparedFile | null): string {
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
