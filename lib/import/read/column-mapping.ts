/**
 * Which column of the file holds which field: suggested from the header names, changeable by the user
 * (mapping screen, or `--map date=datum,amount=bedrag` on the command line), then checked.
 */
import { fieldsOf, normaliseHeader, type FieldDefinition, type FieldOf, type ImportField, type ImportKind } from "./fields";
import type { ImportProblem } from "./problems";

/** Field → index of the column in the header (0 = first column). Unmapped fields are absent. */
export type ColumnMapping<F extends ImportField = ImportField> = Partial<Record<F, number>>;

/** How sure a suggestion is: the header is a known name, or only contains one. */
export type MatchQuality = "exact" | "partial";

export interface SuggestedMapping<F extends ImportField = ImportField> {
  mapping: ColumnMapping<F>;
  quality: Partial<Record<F, MatchQuality>>;
}

function matchScore(header: string, definition: FieldDefinition): { score: number; rank: number } | null {
  const exact = definition.synonyms.indexOf(header);
  if (exact >= 0) return { score: 4, rank: exact };
  const stemExact = definition.stems.indexOf(header);
  if (stemExact >= 0) return { score: 4, rank: definition.synonyms.length + stemExact };
  let best: { score: number; rank: number } | null = null;
  for (const [rank, stem] of definition.stems.entries()) {
    const score = header.startsWith(stem) ? 3 : header.endsWith(stem) ? 2 : header.includes(stem) ? 1 : 0;
    if (score > 0 && (!best || score > best.score)) best = { score, rank };
  }
  return best;
}

/**
 * Suggests a column for each field from the header names. Known names (`klantnummer`, `Order Date`,
 * `bedrag_incl`) win over names that only contain a known word (`Bedrag incl. verzendkosten`); each
 * column is used for one field at most.
 *
 * @example suggestMapping(["Klantnummer", "Datum", "Bedrag (incl. BTW)"], "transactions").mapping // { customer: 0, date: 1, amount: 2 }
 */
export function suggestMapping<K extends ImportKind>(header: string[], kind: K): SuggestedMapping<FieldOf<K>> {
  const normalised = header.map(normaliseHeader);
  const definitions = fieldsOf(kind);
  const options: { field: ImportField; column: number; score: number; rank: number; order: number }[] = [];
  definitions.forEach((definition, order) => {
    normalised.forEach((name, column) => {
      if (name === "") return;
      const match = matchScore(name, definition);
      if (match) options.push({ field: definition.field, column, order, ...match });
    });
  });
  options.sort((a, b) => b.score - a.score || a.rank - b.rank || a.order - b.order || a.column - b.column);
  const mapping: ColumnMapping = {};
  const quality: Partial<Record<ImportField, MatchQuality>> = {};
  const usedColumns = new Set<number>();
  for (const option of options) {
    if (mapping[option.field] !== undefined || usedColumns.has(option.column)) continue;
    mapping[option.field] = option.column;
    quality[option.field] = option.score === 4 ? "exact" : "partial";
    usedColumns.add(option.column);
  }
  return { mapping: mapping as ColumnMapping<FieldOf<K>>, quality: quality as Partial<Record<FieldOf<K>, MatchQuality>> };
}

function listNames(header: string[]): string {
  const named = header.map((name) => name.trim()).filter((name) => name !== "");
  return named.length > 0 ? named.map((name) => `'${name}'`).join(", ") : "none";
}

/**
 * Checks the header line: two columns with the same name are an error (which one is meant?); a column
 * without a name is a warning (it is not imported).
 */
export function checkHeader(header: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const reported = new Set<string>();
  header.forEach((name, column) => {
    const key = name.trim().toLowerCase();
    if (key === "") return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, column);
    } else if (!reported.has(key)) {
      reported.add(key);
      problems.push({
        severity: "error",
        code: "duplicate-header",
        line: 1,
        message: `The column name '${name.trim()}' appears more than once (columns ${first + 1} and ${column + 1}). Rename one of them so each column has its own name.`,
      });
    }
  });
  const unnamed = header.map((name, column) => (name.trim() === "" ? column + 1 : 0)).filter((column) => column > 0);
  const trailing = unnamed.every((column, index) => column === header.length - unnamed.length + index + 1);
  if (unnamed.length > 0 && !trailing) {
    problems.push({
      severity: "warning",
      code: "unnamed-column",
      line: 1,
      message: `Column${unnamed.length > 1 ? "s" : ""} ${unnamed.join(", ")} ha${unnamed.length > 1 ? "ve" : "s"} no name in the first line and will not be imported. Give ${unnamed.length > 1 ? "them" : "it"} a name if you need ${unnamed.length > 1 ? "them" : "it"}.`,
    });
  }
  return problems;
}

/** A user's choice for a field: a header name, a column index, or `null` for "not in this file". */
export type MappingChoice = string | number | null;

/**
 * Builds the final mapping: the user's choices (by header name or column index) over the suggestions,
 * then checks that every required field has a column and no column is used twice.
 */
export function resolveMapping<K extends ImportKind>(
  header: string[],
  kind: K,
  choices: Partial<Record<FieldOf<K>, MappingChoice>> = {},
): { mapping: ColumnMapping<FieldOf<K>>; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const mapping: ColumnMapping = { ...suggestMapping(header, kind).mapping };
  const definitions = fieldsOf(kind);
  const chosenColumns = new Set<number>();
  for (const [field, choice] of Object.entries(choices) as [ImportField, MappingChoice | undefined][]) {
    const definition = definitions.find((candidate) => candidate.field === field);
    if (!definition || choice === undefined) continue;
    if (choice === null || choice === "") {
      delete mapping[field];
      continue;
    }
    const column = typeof choice === "number" ? choice : findColumn(header, choice);
    if (column === null || column < 0 || column >= header.length) {
      problems.push({
        severity: "error",
        code: "missing-column",
        line: 1,
        message: `The column '${choice}' chosen for the ${definition.label} is not in the file. Columns found: ${listNames(header)}.`,
      });
      delete mapping[field];
      continue;
    }
    mapping[field] = column;
    chosenColumns.add(column);
  }
  // A suggestion loses its column to an explicit choice.
  for (const definition of definitions) {
    const column = mapping[definition.field];
    if (column !== undefined && chosenColumns.has(column) && choices[definition.field as FieldOf<K>] === undefined) {
      delete mapping[definition.field];
    }
  }
  const byColumn = new Map<number, string[]>();
  for (const definition of definitions) {
    const column = mapping[definition.field];
    if (column !== undefined) byColumn.set(column, [...(byColumn.get(column) ?? []), definition.label]);
  }
  for (const [column, labels] of byColumn) {
    if (labels.length > 1) {
      problems.push({
        severity: "error",
        code: "duplicate-header",
        line: 1,
        message: `The column '${header[column]?.trim()}' is chosen for both the ${labels.join(" and the ")}. Choose a different column for one of them.`,
      });
    }
  }
  const missing = definitions.filter((definition) => definition.required && mapping[definition.field] === undefined);
  if (missing.length > 0) {
    const what = missing.map((definition) => `the ${definition.label} (a column such as ${definition.synonyms.slice(0, 2).join(" or ")})`);
    problems.push({
      severity: "error",
      code: "missing-column",
      line: 1,
      message: `No column found for ${what.join(", nor for ")}. Columns found: ${listNames(header)}. Choose the right column in the mapping, or rename it in the file.`,
    });
  }
  return { mapping: mapping as ColumnMapping<FieldOf<K>>, problems };
}

/** The column with this name: exact (trimmed), then case-insensitive, then after normalising. */
export function findColumn(header: string[], name: string): number | null {
  const trimmed = name.trim();
  const exact = header.findIndex((candidate) => candidate.trim() === trimmed);
  if (exact >= 0) return exact;
  const lower = header.findIndex((candidate) => candidate.trim().toLowerCase() === trimmed.toLowerCase());
  if (lower >= 0) return lower;
  const normalised = normaliseHeader(trimmed);
  const loose = normalised === "" ? -1 : header.findIndex((candidate) => normaliseHeader(candidate) === normalised);
  return loose >= 0 ? loose : null;
}

const FIELD_ALIASES: Record<string, ImportField> = {
  customerid: "customer",
  klant: "customer",
  klantnummer: "customer",
  revenue: "amount",
  omzet: "amount",
  bedrag: "amount",
  datum: "date",
  purchasedate: "date",
  costs: "cost",
  kosten: "cost",
  orderid: "order",
  invoice: "order",
  qty: "quantity",
  aantal: "quantity",
  acquisitionchannel: "channel",
  kanaal: "channel",
  productcategory: "category",
  categorie: "category",
  firstseendate: "firstSeen",
  naam: "name",
  land: "country",
  plaats: "city",
};

/**
 * Reads the command line's `--map date=datum,amount=bedrag,customer=klantnummer` into choices for
 * {@link resolveMapping}. Field names are matched loosely (`first_seen`, `revenue`, `klantnummer`);
 * `field=` (nothing after `=`) means the file has no such column. Throws on an unknown field.
 */
export function parseMappingOption<K extends ImportKind>(option: string, kind: K): Partial<Record<FieldOf<K>, MappingChoice>> {
  const definitions = fieldsOf(kind);
  const choices: Partial<Record<ImportField, MappingChoice>> = {};
  for (const pair of option.split(",")) {
    if (pair.trim() === "") continue;
    const equals = pair.indexOf("=");
    if (equals < 0) throw new Error(`'${pair.trim()}' in --map needs the form field=column, e.g. amount=bedrag.`);
    const key = normaliseHeader(pair.slice(0, equals));
    const column = pair.slice(equals + 1).trim();
    const field =
      definitions.find((definition) => normaliseHeader(definition.field) === key)?.field ??
      (FIELD_ALIASES[key] && definitions.some((definition) => definition.field === FIELD_ALIASES[key]) ? FIELD_ALIASES[key] : undefined);
    if (!field) {
      throw new Error(
        `Unknown field '${pair.slice(0, equals).trim()}' in --map. Fields of a ${kind} file: ${definitions.map((definition) => definition.field).join(", ")}.`,
      );
    }
    choices[field] = column === "" ? null : column;
  }
  return choices as Partial<Record<FieldOf<K>, MappingChoice>>;
}
