"use client";

import { formatFileSize } from "@/app/api/imports/contract";
import type { SniffResult } from "@/lib/import/sniff";
import { formatCount } from "@/lib/format";
import { primaryButton, secondaryButton } from "./button-styles";
import { ImportActions } from "./import-actions";
import { ImportReport } from "./import-report";
import { ProgressBar } from "./progress-bar";
import type { ImportPhase } from "./use-import-flow";

/** The last step: the import button, then the progress, then the report. */
export function ImportStep({
  phase,
  sniff,
  fileName,
  downloadDelimiter,
  skipInvalid,
  onSkipInvalidChange,
  onImport,
  onCancel,
  onReset,
}: {
  phase: ImportPhase;
  sniff: SniffResult;
  fileName: string;
  /** Delimiter of the rejected-rows download. */
  downloadDelimiter: string;
  skipInvalid: boolean;
  onSkipInvalidChange: (skip: boolean) => void;
  onImport: (skipInvalid: boolean) => void;
  onCancel: () => void;
  onReset: () => void;
}) {
  if (phase.name === "uploading") {
    return (
      <div className="space-y-3">
        <ProgressBar
          label={phase.sent ? "Checking and saving the last rows…" : `Importing ${fileName}`}
          share={phase.sent ? null : phase.totalBytes > 0 ? phase.sentBytes / phase.totalBytes : 0}
          detail={`${formatFileSize(phase.sentBytes)} of ${formatFileSize(phase.totalBytes)} read and stored`}
        />
        <button type="button" className={secondaryButton} onClick={onCancel}>
          Cancel the import
        </button>
      </div>
    );
  }
  if (phase.name === "done") {
    const { report } = phase;
    const valid = report.rowsRead - report.rejected;
    return (
      <section aria-label="Import report" className="space-y-5">
        <ImportReport report={report} delimiter={downloadDelimiter} />
        <div className="flex flex-wrap gap-3">
          {report.status === "rejected" && report.rejected > 0 && valid > 0 && !phase.skipInvalid ? (
            <button type="button" className={primaryButton} onClick={() => onImport(true)}>
              Import the {formatCount(valid)} valid rows and skip the {formatCount(report.rejected)} invalid ones
            </button>
          ) : null}
          <button type="button" className={secondaryButton} onClick={onReset}>
            Import another file
          </button>
        </div>
      </section>
    );
  }
  const errors = sniff.problems.filter((problem) => problem.severity === "error");
  return (
    <div className="space-y-5">
      {phase.name === "error" ? (
        <p role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm text-danger">
          {phase.message}
        </p>
      ) : null}
      <ImportActions
        kind={sniff.kind}
        blocked={errors.length > 0 ? `Solve ${errors.length === 1 ? "the problem" : `the ${errors.length} problems`} under “How the file is read” first.` : null}
        skipInvalid={skipInvalid}
        onSkipInvalidChange={onSkipInvalidChange}
        onImport={() => onImport(skipInvalid)}
        onReset={onReset}
      />
    </div>
  );
}
