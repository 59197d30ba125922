"use client";

import { useTranslations } from "next-intl";
import { formatFileSize } from "@/lib/format";
import type { SniffResult } from "@/lib/import/read/sniff";
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
  const t = useTranslations("import.step");
  if (phase.name === "uploading") {
    return (
      <div className="space-y-3">
        <ProgressBar
          label={phase.sent ? t("checkingLast") : t("importingFile", { name: fileName })}
          share={phase.sent ? null : phase.totalBytes > 0 ? phase.sentBytes / phase.totalBytes : 0}
          detail={t("readAndStored", { sent: formatFileSize(phase.sentBytes), total: formatFileSize(phase.totalBytes) })}
        />
        <button type="button" className={secondaryButton} onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    );
  }
  if (phase.name === "done") {
    const { report } = phase;
    const valid = report.rowsRead - report.rejected;
    return (
      <section aria-label={t("report")} className="space-y-5">
        <ImportReport report={report} delimiter={downloadDelimiter} />
        <div className="flex flex-wrap gap-3">
          {report.status === "rejected" && report.rejected > 0 && valid > 0 && !phase.skipInvalid ? (
            <button type="button" className={primaryButton} onClick={() => onImport(true)}>
              {t("importValid", { valid: formatCount(valid), invalid: formatCount(report.rejected) })}
            </button>
          ) : null}
          <button type="button" className={secondaryButton} onClick={onReset}>
            {t("another")}
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
        blocked={errors.length > 0 ? (errors.length === 1 ? t("blockedOne") : t("blockedMany", { count: String(errors.length) })) : null}
        skipInvalid={skipInvalid}
        onSkipInvalidChange={onSkipInvalidChange}
        onImport={() => onImport(skipInvalid)}
        onReset={onReset}
      />
    </div>
  );
}
