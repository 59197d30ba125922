"use client";

import type { ReactNode } from "react";
import type { DecimalSeparator } from "@/lib/import/amount";
import { DATE_FORMATS, dateFormatExample, type DateFormat } from "@/lib/import/date-format";
import { DELIMITERS, delimiterName } from "@/lib/import/delimiter";
import { TEXT_ENCODINGS, type TextEncodingName } from "@/lib/import/encoding";
import type { SniffChoices, SniffResult } from "@/lib/import/sniff";

const selectClass =
  "mt-1 w-full rounded-md border border-border bg-card px-2 py-1.5 text-sm aria-[invalid=true]:border-danger aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-danger";

const ENCODING_LABELS: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252 (older Excel)",
  "utf-16le": "UTF-16 LE (Unicode text)",
  "utf-16be": "UTF-16 BE",
};

const EVIDENCE: Record<string, string> = {
  "byte-order-mark": "from the byte-order mark",
  "ascii-only": "plain ASCII",
  "valid-utf-8": "the text is valid UTF-8",
  "not-utf-8": "the text is not UTF-8",
  "utf-16-pattern": "from the pattern of zero bytes",
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
  const source = (chosen: unknown, detected: string) => (chosen !== undefined ? "Your choice." : detected);
  const dateProblem = sniff.problems.find((problem) => problem.code === "ambiguous-date-format" || problem.code === "unknown-date-format");
  const mustChooseDate = dateProblem !== undefined && choices.dateFormat === undefined;
  const candidates = sniff.dateFormat?.ambiguous ? sniff.dateFormat.candidates : [];
  const decimal = sniff.decimal;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {workbook ? null : (
        <Field id="import-delimiter" label="Column separator" hint={source(choices.delimiter, "Detected from the first lines.")}>
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
          label="Decimal separator"
          hint={source(choices.decimal, decimal?.evidence === "values" ? "Detected from the amounts." : "Guessed: the amounts do not show it.")}
        >
          <select
            id="import-decimal"
            className={selectClass}
            aria-describedby="import-decimal-hint"
            value={sniff.formats.decimal}
            onChange={(event) => onChange({ decimal: event.target.value as DecimalSeparator })}
          >
            <option value=",">Comma: 1.234,56</option>
            <option value=".">Point: 1,234.56</option>
          </select>
        </Field>
      )}
      <Field
        id="import-date-format"
        label="Date format"
        hint={
          choices.dateFormat !== undefined
            ? "Your choice."
            : !sniff.dateFormat
              ? "No date column to read."
              : sniff.dateFormat.format === null
                ? "No dates in the first rows to detect the format from."
                : "Detected from the dates."
        }
        error={mustChooseDate ? "Choose the date format: the dates can be read in more than one way." : undefined}
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
              Choose the date format…
            </option>
          ) : null}
          {candidates.length > 0 ? (
            <optgroup label="Fits this file">
              {candidates.map((format) => (
                <option key={format} value={format}>
                  {format} ({dateFormatExample(format)})
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={candidates.length > 0 ? "Other formats" : "Formats"}>
            {DATE_FORMATS.filter((format) => !candidates.includes(format)).map((format) => (
              <option key={format} value={format}>
                {format === "EXCEL_SERIAL" ? "Excel day number" : format} ({dateFormatExample(format)})
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      {workbook ? null : (
        <Field
          id="import-encoding"
          label="Character encoding"
          hint={source(choices.encoding, `Detected: ${EVIDENCE[sniff.encoding.evidence] ?? sniff.encoding.evidence}.`)}
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
                {ENCODING_LABELS[encoding]}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
