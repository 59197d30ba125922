"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DecimalSeparator } from "@/lib/import/read/amount";
import { DATE_FORMATS, dateFormatExample, type DateFormat } from "@/lib/import/read/date-format";
import { DELIMITERS, delimiterName } from "@/lib/import/read/delimiter";
import { TEXT_ENCODINGS, type TextEncodingName } from "@/lib/import/read/encoding";
import type { SniffChoices, SniffResult } from "@/lib/import/read/sniff";

const selectClass =
  "mt-1 w-full rounded-md border border-border bg-card px-2 py-1.5 text-sm aria-[invalid=true]:border-danger aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-danger";

const ENCODING_LABELS: Record<TextEncodingName, string | { key: "encodingWindows" | "encodingUtf16le" }> = {
  "utf-8": "UTF-8",
  "windows-1252": { key: "encodingWindows" },
  "utf-16le": { key: "encodingUtf16le" },
  "utf-16be": "UTF-16 BE",
};

const EVIDENCE: Record<string, "evidenceBom" | "evidenceAscii" | "evidenceValidUtf8" | "evidenceNotUtf8" | "evidenceUtf16"> = {
  "byte-order-mark": "evidenceBom",
  "ascii-only": "evidenceAscii",
  "valid-utf-8": "evidenceValidUtf8",
  "not-utf-8": "evidenceNotUtf8",
  "utf-16-pattern": "evidenceUtf16",
};

function Field({ id, label, hint, error, children }: { id: string; label: string; hint: string; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      <p id={`${id}-hint`} className={error ? "mt-1 text-xs text-danger" : "mt-1 text-xs text-muted-foreground"}>
        {error ?? hint}
      </p>
    </div>
  );
}

/** The detected formats, each changeable; an ambiguous date format must be chosen. */
export function FormatControls({
  sniff,
  choices,
  workbook,
  onChange,
}: {
  sniff: SniffResult;
  choices: SniffChoices;
  workbook: boolean;
  onChange: (change: Partial<SniffChoices>) => void;
}) {
  const t = useTranslations("import.formats");
  const source = (chosen: unknown, detected: string) => (chosen !== undefined ? t("yourChoice") : detected);
  const evidence = (name: string) => (EVIDENCE[name] ? t(EVIDENCE[name]) : name);
  const encodingLabel = (encoding: TextEncodingName) => {
    const label = ENCODING_LABELS[encoding];
    return typeof label === "string" ? label : t(label.key);
  };
  const dateProblem = sniff.problems.find((problem) => problem.code === "ambiguous-date-format" || problem.code === "unknown-date-format");
  const mustChooseDate = dateProblem !== undefined && choices.dateFormat === undefined;
  const candidates = sniff.dateFormat?.ambiguous ? sniff.dateFormat.candidates : [];
  const decimal = sniff.decimal;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {workbook ? null : (
        <Field id="import-delimiter" label={t("delimiter")} hint={source(choices.delimiter, t("delimiterDetected"))}>
          <select
            id="import-delimiter"
            className={selectClass}
            aria-describedby="import-delimiter-hint"
            value={sniff.delimiter}
            onChange={(event) => onChange({ delimiter: event.target.value })}
          >
            {[...new Set([...DELIMITERS, sniff.delimiter])].map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {delimiterName(delimiter)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {sniff.kind === "customers" ? null : (
        <Field
          id="import-decimal"
          label={t("decimal")}
          hint={source(choices.decimal, decimal?.evidence === "values" ? t("decimalDetected") : t("decimalGuessed"))}
        >
          <select
            id="import-decimal"
            className={selectClass}
            aria-describedby="import-decimal-hint"
            value={sniff.formats.decimal}
            onChange={(event) => onChange({ decimal: event.target.value as DecimalSeparator })}
          >
            <option value=",">{t("comma")}</option>
            <option value=".">{t("point")}</option>
          </select>
        </Field>
      )}
      <Field
        id="import-date-format"
        label={t("dateFormat")}
        hint={
          choices.dateFormat !== undefined
            ? t("yourChoice")
            : !sniff.dateFormat
              ? t("noDateColumn")
              : sniff.dateFormat.format === null
                ? t("noDates")
                : t("datesDetected")
        }
        error={mustChooseDate ? t("mustChooseDate") : undefined}
      >
        <select
          id="import-date-format"
          className={selectClass}
          aria-describedby="import-date-format-hint"
          aria-invalid={mustChooseDate}
          disabled={!sniff.dateFormat && choices.dateFormat === undefined}
          value={mustChooseDate ? "" : (sniff.formats.dateFormat ?? "")}
          onChange={(event) => onChange({ dateFormat: event.target.value as DateFormat })}
        >
          {mustChooseDate || !sniff.formats.dateFormat ? (
            <option value="" disabled>
              {t("chooseDate")}
            </option>
          ) : null}
          {candidates.length > 0 ? (
            <optgroup label={t("fits")}>
              {candidates.map((format) => (
                <option key={format} value={format}>
                  {format} ({dateFormatExample(format)})
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={candidates.length > 0 ? t("otherFormats") : t("allFormats")}>
            {DATE_FORMATS.filter((format) => !candidates.includes(format)).map((format) => (
              <option key={format} value={format}>
                {format === "EXCEL_SERIAL" ? t("excelSerial") : format} ({dateFormatExample(format)})
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      {workbook ? null : (
        <Field
          id="import-encoding"
          label={t("encoding")}
          hint={source(choices.encoding, t("encodingDetected", { evidence: evidence(sniff.encoding.evidence) }))}
        >
          <select
            id="import-encoding"
            className={selectClass}
            aria-describedby="import-encoding-hint"
            value={sniff.encoding.encoding}
            onChange={(event) => onChange({ encoding: event.target.value as TextEncodingName })}
          >
            {TEXT_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encodingLabel(encoding)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
