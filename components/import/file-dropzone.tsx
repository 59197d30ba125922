"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { formatFileSize } from "@/lib/format";
import { secondaryButton } from "./button-styles";

/** Where a file is dropped or chosen with the normal file button. */
export function FileDropzone({ maxBytes, disabled, onFile }: { maxBytes: number; disabled?: boolean; onFile: (file: File) => void }) {
  const t = useTranslations("import.dropzone");
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // A file chosen before the page's script had started (a slow connection, or a quick hand) is in the input with no
  // one listening yet: take it once the page is live, so the choice is not lost.
  useEffect(() => {
    const element = input.current;
    const file = element?.files?.[0];
    if (!element || !file || disabled) return;
    element.value = "";
    onFile(file);
    // Once, when the page comes alive: later choices arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={clsx(
        "flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-6 py-10 text-center transition-colors",
        dragging ? "border-accent bg-accent/5" : "border-border bg-card",
      )}
      data-testid="import-dropzone"
    >
      <p className="text-base font-medium">{t("drop")}</p>
      <p className="text-sm text-muted-foreground">{t("hint", { size: formatFileSize(maxBytes) })}</p>
      <button type="button" className={secondaryButton} disabled={disabled} onClick={() => input.current?.click()}>
        {t("choose")}
      </button>
      <input
        ref={input}
        type="file"
        aria-label={t("fileLabel")}
        accept=".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        className="sr-only"
        tabIndex={-1}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ""; // choosing the same file again still counts as a choice
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
