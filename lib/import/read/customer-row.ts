/**
 * Turns one row of a customers file into a typed customer, or into the reasons it cannot be imported.
 * Columns that are not mapped to a field become soft attributes (key = column name).
 */
import { freeTextError, identifierError, overLengthError, type IdentifierColumn } from "./cell-text";
import type { ColumnMapping } from "./column-mapping";
import type { CsvRecord } from "./csv-parser";
import { parseDate } from "./date-format";
import { encodingLabel, type TextEncodingName } from "./encoding";
import { CUSTOMER_FIELDS, type CustomerField } from "./fields";
import { customerKey } from "../platforms/orders";
import type { RowError } from "./problems";
import { cellText, extraCellsError, isRejectedRowColumn, optionalText, type RowOutcome, type ValueFormats } from "./row-outcome";

/** A customer ready for the database. */
export interface CustomerRow {
  line: number;
  customerId: string;
  name: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  /** ISO `YYYY-MM-DD`, or `null` when not given. */
  firstSeenDate: string | null;
  /** Other columns with a value in this row: column name (as in the header, trimmed) → text. */
  attributes: Record<string, string>;
}

export interface CustomerValidatorOptions {
  header: string[];
  mapping: ColumnMapping<CustomerField>;
  formats: ValueFormats;
  delimiter?: string;
  /** The encoding the text was read with, named in messages about unreadable bytes (default UTF-8). */
  encoding?: TextEncodingName;
  /**
   * A recognised platform export (Shopify customers): only these columns become soft data (`Tags`, not
   * `Total Spent`, which restates the purchases, nor addresses and phone numbers), and without a name column
   * the name is made of these columns (first and last name).
   */
  platform?: { softDataColumns: number[]; nameColumns: number[] };
}

/** Fields checked as identifiers (see cell-text.ts), with their longest length. */
const IDENTIFIERS: Partial<Record<CustomerField, number>> = { customer: 200, name: 200, email: 254 };

function labelOf(field: CustomerField): string {
  return CUSTOMER_FIELDS.find((definition) => definition.field === field)!.label;
}

/**
 * Creates the row validator of one customers file. Only the customer number is required; a first
 * purchase date, when given, must be a real date not in the future. Customer number, name and e-mail
 * address are checked as identifiers, every other cell as free text (see cell-text.ts).
 *
 * @example
 * createCustomerValidator({ header: ["klantnummer", "plaats", "nieuwsbrief"], mapping: { customer: 0, city: 1 },
 *   formats: { decimal: ",", dateFormat: null, today: "2026-11-23" } })({ line: 2, cells: ["K1", "Zoetermeer", "ja"] })
 * // { ok: true, row: { line: 2, customerId: "K1", city: "Zoetermeer", attributes: { nieuwsbrief: "ja" }, ... } }
 */
export function createCustomerValidator(
  options: CustomerValidatorOptions,
): (record: CsvRecord, checkCharacters?: boolean) => RowOutcome<CustomerRow> {
  const { header, mapping, formats, delimiter } = options;
  const encoding = encodingLabel(options.encoding ?? "utf-8");
  const mapped = new Set(Object.values(mapping));
  const softData = options.platform ? new Set(options.platform.softDataColumns) : null;
  const attributeColumns = header
    .map((name, column) => ({ name: name.trim(), column }))
    .filter(({ name, column }) => name !== "" && !mapped.has(column) && !isRejectedRowColumn(name) && (softData === null || softData.has(column)));
  const nameColumns = mapping.name === undefined ? (options.platform?.nameColumns ?? []) : [];
  const nameOf = (field: CustomerField): string => {
    const column = mapping[field];
    return column === undefined ? labelOf(field) : (header[column]?.trim() ?? labelOf(field));
  };
  const textLabels: (string | null | undefined)[] = header.map(() => undefined);
  const identifiers: { index: number; where: IdentifierColumn }[] = [];
  for (const definition of CUSTOMER_FIELDS) {
    const field = definition.field as CustomerField;
    const column = mapping[field];
    if (column === undefined) continue;
    const maxLength = IDENTIFIERS[field];
    textLabels[column] = maxLength === undefined ? definition.label : null;
    if (maxLength !== undefined) identifiers.push({ index: column, where: { column: nameOf(field), label: definition.label, encodingLabel: encoding, maxLength } });
  }
  const textColumns = { header, labels: textLabels, encodingLabel: encoding };

  return (record, checkCharacters = true) => {
    const overLength = overLengthError(record);
    if (overLength) return { ok: false, line: record.line, cells: record.cells, errors: [overLength] };
    const errors: RowError[] = [];
    // An e-mail address as customer number is compared trimmed and in lower case (as in transactions files).
    const customerId = customerKey(cellText(record, mapping.customer));
    if (customerId === "") {
      errors.push({
        line: record.line,
        column: nameOf("customer"),
        value: "",
        reason: "customer number is empty: every customer needs a number",
      });
    }
    for (const { index, where } of identifiers) {
      const value = cellText(record, index);
      const error = value === "" ? null : identifierError(value, record.line, where);
      if (error) errors.push(error);
    }
    const text = freeTextError(record, textColumns, checkCharacters);
    if (text) errors.push(text);
    const firstSeenText = cellText(record, mapping.firstSeen);
    let firstSeenDate: string | null = null;
    if (firstSeenText !== "") {
      const date = formats.dateFormat
        ? parseDate(firstSeenText, formats.dateFormat, { today: formats.today })
        : ({ ok: false, reason: "cannot be read: choose the date format of the file first" } as const);
      if (date.ok) firstSeenDate = date.value;
      else errors.push({ line: record.line, column: nameOf("firstSeen"), value: firstSeenText, reason: `${labelOf("firstSeen")} ${date.reason}` });
    }
    const extra = extraCellsError(record, header, delimiter);
    if (extra) errors.push(extra);
    if (errors.length > 0) return { ok: false, line: record.line, cells: record.cells, errors };

    // No prototype: a column named `__proto__` or `constructor` is stored like any other.
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const { name, column } of attributeColumns) {
      const value = cellText(record, column);
      if (value !== "") attributes[name] = value;
    }
    return {
      ok: true,
      row: {
        line: record.line,
        customerId,
        name: nameColumns.length > 0 ? optionalText(nameColumns.map((column) => cellText(record, column)).filter((part) => part !== "").join(" ")) : optionalText(cellText(record, mapping.name)),
        email: optionalText(cellText(record, mapping.email)),
        country: optionalText(cellText(record, mapping.country)),
        city: optionalText(cellText(record, mapping.city)),
        acquisitionChannel: optionalText(cellText(record, mapping.channel)),
        firstSeenDate,
        attributes,
      },
    };
  };
}
