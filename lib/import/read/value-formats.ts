/**
 * Detects how the mapped columns write their values (decimal separator, date format) from the sample
 * rows, and turns what cannot be decided into problems the user resolves by choosing.
 */
import type { DecimalSeparator } from "./amount";
import type { ColumnMapping } from "./column-mapping";
import type { CsvRecord } from "./csv-parser";
import { detectDateFormat, type DetectedDateFormat } from "./date-detection";
import { dateFormatExample, parseDate, type DateFormat } from "./date-format";
import { detectDecimalSeparator, type DetectedDecimal } from "./decimal-convention";
import type { ImportField, ImportKind } from "./fields";
import type { ImportProblem } from "./problems";

export interface DetectedValueFormats {
  decimal: DetectedDecimal;
  /** `null` when the file has no date column mapped. */
  date: DetectedDateFormat | null;
  problems: ImportProblem[];
}

function columnSample(records: CsvRecord[], column: number | undefined): string[] {
  if (column === undefined) return [];
  return records.map((record) => (record.cells[column] ?? "").trim()).filter((value) => value !== "");
}

/** `'03/04/2025'` read in a format, in words: `3 April 2025 (DD/MM/YYYY)`. */
function describeReading(value: string, format: DateFormat): string {
  const result = parseDate(value, format, { today: "9999-12-31" });
  if (!result.ok) return format;
  const [year, month, day] = result.value.split("-").map(Number) as [number, number, number];
  const name = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `${name} (${format})`;
}

/**
 * Detects the decimal separator from the amount, cost and quantity columns and the date format from
 * the date column (`date` for transactions, `firstSeen` for customers). Choices the user already made
 * (`decimal`, `dateFormat`) are kept and raise no problem.
 */
export function detectValueFormats(options: {
  kind: ImportKind;
  header: string[];
  rows: CsvRecord[];
  mapping: ColumnMapping;
  delimiter: string;
  today: string;
  decimal?: DecimalSeparator;
  dateFormat?: DateFormat;
}): DetectedValueFormats {
  const { kind, header, rows, mapping, today } = options;
  const problems: ImportProblem[] = [];
  const amountFields: ImportField[] = kind === "transactions" ? ["amount", "cost", "quantity"] : [];
  const amountSample = amountFields.flatMap((field) => columnSample(rows, mapping[field]));
  const detectedDecimal = detectDecimalSeparator(amountSample, { delimiter: options.delimiter });
  const decimal: DetectedDecimal = options.decimal
    ? { ...detectedDecimal, decimal: options.decimal, ambiguous: false }
    : detectedDecimal;
  if (decimal.ambiguous) {
    const examples = decimal.ambiguousExamples.map((value) => `'${value}'`).join(", ");
    problems.push({
      severity: "warning",
      code: "ambiguous-decimal",
      message: `The amounts (such as ${examples}) can be read with a decimal comma or a decimal point. Klantwaarde reads them with a decimal ${decimal.decimal === "," ? "comma (1.234 = one thousand two hundred thirty-four)" : "point (1,234 = one thousand two hundred thirty-four)"}; choose the other one if that is wrong.`,
    });
  }

  const dateField: ImportField = kind === "transactions" ? "date" : "firstSeen";
  const dateColumn = mapping[dateField];
  if (dateColumn === undefined) return { decimal, date: null, problems };
  const columnName = header[dateColumn]?.trim() ?? dateField;
  const dateSample = columnSample(rows, dateColumn);
  if (options.dateFormat) {
    const date: DetectedDateFormat = {
      format: options.dateFormat,
      ambiguous: false,
      candidates: [options.dateFormat],
      matchedShare: dateSample.length === 0 ? 1 : dateSample.filter((value) => parseDate(value, options.dateFormat!, { today }).ok).length / dateSample.length,
      unreadableExamples: dateSample.filter((value) => !parseDate(value, options.dateFormat!, { today }).ok).slice(0, 3),
    };
    return { decimal, date, problems };
  }
  const date = detectDateFormat(dateSample, { today });
  if (dateSample.length > 0 && date.format === null) {
    const examples = date.unreadableExamples.map((value) => `'${value}'`).join(", ");
    problems.push({
      severity: "error",
      code: "unknown-date-format",
      message: `The dates in column '${columnName}' (such as ${examples}) are not in a format Klantwaarde knows. Choose the date format, or write the dates like ${dateFormatExample("DD-MM-YYYY")} or ${dateFormatExample("YYYY-MM-DD")}.`,
    });
  } else if (date.ambiguous && date.format) {
    const other = date.candidates.find((candidate) => candidate !== date.format)!;
    const example = dateSample.find((value) => {
      const first = parseDate(value, date.format!, { today });
      const second = parseDate(value, other, { today });
      return first.ok && second.ok && first.value !== second.value;
    }) ?? dateSample[0]!;
    problems.push({
      severity: "error",
      code: "ambiguous-date-format",
      message: `The dates in column '${columnName}' can be read in more than one way: '${example}' is ${describeReading(example, date.format)} or ${describeReading(example, other)}. Choose the date format of this file.`,
    });
  }
  return { decimal, date, problems };
}
