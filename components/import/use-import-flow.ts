"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ImportUploadParams } from "@/lib/import/contract";
import type { MappingChoice } from "@/lib/import/read/column-mapping";
import { todayIso } from "@/lib/import/read/date-format";
import type { ImportField } from "@/lib/import/read/fields";
import { sniffFile, type SniffChoices } from "@/lib/import/read/sniff";
import type { ImportReport } from "@/lib/import/store/import-report";
import { prepareFile, type PreparedFile } from "./prepare-file";
import { uploadImport, type UploadHandle } from "./upload-file";

/** Where the import page is: nothing chosen, reading a file, ready, importing, done, or stopped by an error. */
export type ImportPhase =
  | { name: "idle" }
  | { name: "reading"; fileName: string; share: number | null }
  | { name: "ready" }
  | { name: "uploading"; sentBytes: number; totalBytes: number; sent: boolean }
  | { name: "done"; report: ImportReport; skipInvalid: boolean }
  | { name: "error"; message: string };

/**
 * The state of the import page: the chosen file, the user's choices, the sniff of the file's first
 * 64 KB with those choices (again on every change), and the upload.
 */
export function useImportFlow(maxBytes: number) {
  const router = useRouter();
  const t = useTranslations("import.upload");
  const [prepared, setPrepared] = useState<PreparedFile | null>(null);
  const [choices, setChoices] = useState<SniffChoices>({});
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [phase, setPhase] = useState<ImportPhase>({ name: "idle" });
  const upload = useRef<UploadHandle | null>(null);

  // Leaving the page stops the upload (and the server rolls the import back): ask first.
  const uploading = phase.name === "uploading";
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

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
      platform: choices.platform,
      countStatus: choices.countStatuses ? [...choices.countStatuses] : undefined,
    };
    setSkipInvalid(skip);
    setPhase({ name: "uploading", sentBytes: 0, totalBytes: prepared.source.size, sent: false });
    const handle = uploadImport(prepared.source, params, {
      onProgress: (sentBytes, totalBytes) => setPhase((current) => (current.name === "uploading" ? { ...current, sentBytes, totalBytes } : current)),
      onSent: () => setPhase((current) => (current.name === "uploading" ? { ...current, sent: true } : current)),
      messages: { connectionLost: t("connectionLost"), cancelled: t("cancelled"), httpError: (status) => t("httpError", { status: String(status) }) },
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

  /** A new choice makes an earlier report of this file out of date. */
  const updateChoices = (update: (current: SniffChoices) => SniffChoices) => {
    setChoices(update);
    if (phase.name === "done" || phase.name === "error") setPhase(prepared ? { name: "ready" } : { name: "idle" });
  };
  // Another status column has other values: the statuses chosen for the old one no longer apply.
  const setMapping = (field: ImportField, choice: MappingChoice) =>
    updateChoices((current) => ({ ...current, mapping: { ...current.mapping, [field]: choice }, ...(field === "status" ? { countStatuses: undefined } : {}) }));

  return {
    prepared,
    choices,
    sniff,
    phase,
    skipInvalid,
    setSkipInvalid,
    chooseFile,
    startImport,
    cancel: () => upload.current?.cancel(),
    reset,
    updateChoices,
    setMapping,
  };
}
