"use client";

import { useTranslations } from "next-intl";
import type { MappingChoice } from "@/lib/import/read/column-mapping";
import { isRejectedRowColumn } from "@/lib/import/read/row-outcome";
import { fieldsOf, type ImportField } from "@/lib/import/read/fields";
import type { SniffChoices, SniffResult } from "@/lib/import/read/sniff";

const NOT_IN_FILE = "none";

/** A column's name for the user, also when the header cell is empty. */
export function columnLabel(header: string[], index: number, noName: (n: number) => string = (n) => `column ${n} (no name)`): string {
  const name = header[index]?.trim();
  return name ? name : noName(index + 1);
}

/** Which column holds which field: suggestions from the header names, each changeable. */
export function ColumnMappingTable({
  sniff,
  choices,
  onChange,
}: {
  sniff: SniffResult;
  choices: SniffChoices;
  onChange: (field: ImportField, choice: MappingChoice) => void;
}) {
  const t = useTranslations("import.mapping");
  const noName = (n: number) => t("noName", { n: String(n) });
  const { header, mapping, mappingQuality } = sniff;
  const example = sniff.preview[0]?.cells ?? [];
  const forOrders = new Set(sniff.platform?.orderColumns ?? []);
  // A customers export: its name from first and last name, and only its own soft data columns kept.
  const nameColumns = sniff.platform?.nameColumns ?? [];
  const softData = sniff.platform?.softDataColumns;
  const used = new Set([...Object.values(mapping), ...forOrders, ...nameColumns, ...(softData ?? [])]);
  const others = header
    .map((name, index) => ({ name: name.trim(), index }))
    .filter((column) => column.name !== "" && !used.has(column.index) && !isRejectedRowColumn(column.name));
  const orderColumnNames = [...forOrders].sort((a, b) => a - b).map((index) => header[index]?.trim() ?? "");

  return (
    <div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="text-xs text-muted-foreground">
          <tr className="border-b border-border">
            <th scope="col" className="py-2 pr-4 font-medium">{t("field")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("column")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("firstValue")}</th>
            <th scope="col" className="py-2 font-medium">{t("how")}</th>
          </tr>
        </thead>
        <tbody>
          {fieldsOf(sniff.kind).map((definition) => {
            const field = definition.field;
            const column = mapping[field];
            const chosen = choices.mapping?.[field] !== undefined;
            const quality = mappingQuality[field];
            const how = chosen ? t("yourChoice") : column === undefined ? (definition.required ? t("notFound") : t("notInFile")) : quality === "exact" ? t("exact") : t("contains");
            const id = `import-map-${field}`;
            return (
              <tr key={field} className="border-b border-border last:border-0">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <label htmlFor={id}>{t(`fields.${sniff.kind}.${field}` as Parameters<typeof t>[0])}</label>
                  {definition.required ? <span className="ml-1 text-xs text-muted-foreground">{t("required")}</span> : null}
                </th>
                <td className="py-2 pr-4">
                  <select
                    id={id}
                    className="w-full max-w-64 rounded-md border border-border bg-card px-2 py-1 text-sm aria-[invalid=true]:border-danger"
                    aria-invalid={definition.required && column === undefined}
                    value={column === undefined ? NOT_IN_FILE : String(column)}
                    onChange={(event) => {
                      const value = event.target.value;
                      if (value === NOT_IN_FILE) return onChange(field, null);
                      const index = Number(value);
                      onChange(field, header[index]?.trim() ? header[index]! : index);
                    }}
                  >
                    <option value={NOT_IN_FILE}>{t("noneOption")}</option>
                    {header.map((_, index) => (
                      <option key={index} value={String(index)}>
                        {columnLabel(header, index, noName)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="max-w-48 truncate py-2 pr-4 font-mono text-xs text-muted-foreground">{column === undefined ? "" : (example[column] ?? "")}</td>
                <td className={definition.required && column === undefined ? "py-2 text-danger" : "py-2 text-muted-foreground"}>{how}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {orderColumnNames.length > 0 ? <p className="mt-3 text-sm text-muted-foreground">{t("usedForOrders", { columns: orderColumnNames.join(", ") })}</p> : null}
      {nameColumns.length > 0 ? <p className="mt-3 text-sm text-muted-foreground">{t("nameFrom", { columns: nameColumns.map((index) => header[index]?.trim() ?? "").join(" + ") })}</p> : null}
      {softData && softData.length > 0 ? <p className="mt-3 text-sm text-muted-foreground">{t("keptAsAttributes", { columns: softData.map((index) => header[index]?.trim() ?? "").join(", ") })}</p> : null}
      {others.length > 0 ? (
        <p className="mt-3 text-sm text-muted-foreground">
          {t(sniff.platform ? "notImportedPlatform" : sniff.kind === "customers" ? "keptAsAttributes" : "notImported", { columns: others.map((column) => column.name).join(", ") })}
        </p>
      ) : null}
    </div>
  );
}
