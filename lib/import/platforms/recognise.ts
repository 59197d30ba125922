/**
 * Recognising a platform export by its header: every column of a platform's signature present means it is
 * that export; most of them present means it looks like it, and the missing columns are named.
 */
import type { ColumnMapping } from "../read/column-mapping";
import { normaliseHeader, type ImportKind, type TransactionField } from "../read/fields";
import type { ImportProblem } from "../read/problems";
import { PLATFORMS } from "./catalogue";
import type { PlatformDefinition, PlatformField } from "./platform";

/** Field → index of its column in the header. */
export type PlatformColumns = Partial<Record<PlatformField, number>>;

export type Recognition =
  | { status: "recognised"; platform: PlatformDefinition; columns: PlatformColumns }
  | { status: "looks-like"; platform: PlatformDefinition; missing: string[]; problem: ImportProblem }
  | { status: "none" };

/** Share of a signature that must be present before a file "looks like" that export. */
const LOOKS_LIKE_SHARE = 0.6;

/** The platform's columns that this header has: field → index (the first of the platform's names present). */
export function platformColumns(platform: PlatformDefinition, header: readonly string[]): PlatformColumns {
  const index = new Map<string, number>();
  header.forEach((name, column) => {
    const key = normaliseHeader(name);
    if (key !== "" && !index.has(key)) index.set(key, column);
  });
  const columns: PlatformColumns = {};
  for (const [field, names] of Object.entries(platform.columns) as [PlatformField, readonly string[]][]) {
    for (const name of names) {
      const column = index.get(normaliseHeader(name));
      if (column !== undefined) {
        columns[field] = column;
        break;
      }
    }
  }
  return columns;
}

/**
 * Which platform export a header belongs to. When several signatures are complete, the longest (the most
 * specific) wins. `kind` limits the search to transactions or customers files.
 *
 * @example recognisePlatform(["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Created at", "Lineitem quantity", "Lineitem name", "Total", "Refunded Amount"]).status // "recognised"
 * @example recognisePlatform(["klant", "datum", "bedrag"]) // { status: "none" }
 */
export function recognisePlatform(header: readonly string[], kind?: ImportKind): Recognition {
  const present = new Set(header.map(normaliseHeader).filter((name) => name !== ""));
  let best: { platform: PlatformDefinition; found: number; missing: string[] } | null = null;
  for (const platform of PLATFORMS) {
    if (kind !== undefined && platform.kind !== kind) continue;
    const missing = platform.signature.filter((name) => !present.has(normaliseHeader(name)));
    const found = platform.signature.length - missing.length;
    const better = !best || (missing.length === 0 && best.missing.length > 0) || (missing.length === best.missing.length ? found > best.found : found / platform.signature.length > best.found / best.platform.signature.length && best.missing.length > 0);
    if (better) best = { platform, found, missing };
  }
  if (!best) return { status: "none" };
  const { platform, found, missing } = best;
  if (missing.length === 0) {
    const columns = platformColumns(platform, header);
    const lacking = platform.required.filter((field) => columns[field] === undefined);
    if (lacking.length === 0) return { status: "recognised", platform, columns };
    const names = lacking.map((field) => platform.columns[field]![0]!);
    return { status: "looks-like", platform, missing: names, problem: looksLikeProblem(platform, names) };
  }
  if (found >= 3 && found / platform.signature.length >= LOOKS_LIKE_SHARE) {
    return { status: "looks-like", platform, missing, problem: looksLikeProblem(platform, missing) };
  }
  return { status: "none" };
}

/** "This file looks like a Shopify orders export, but the column 'Total' is missing ..." */
function looksLikeProblem(platform: PlatformDefinition, missing: string[]): ImportProblem {
  const named = missing.map((name) => `'${name}'`).join(", ");
  const columns = missing.length === 1 ? `the column ${named} is` : `the columns ${named} are`;
  return {
    severity: "warning",
    code: "platform-columns-missing",
    message:
      `This file looks like a ${platform.name} (${platform.source}), but ${columns} missing, so it is read as an ordinary file: ` +
      `statuses and refunds are not applied. Export it again with all columns, or choose the columns yourself.`,
  };
}

/**
 * The columns the user chose on the mapping screen or with `--map`, as resolved against the header:
 * field → column, `undefined` for a field chosen as "not in this file".
 */
export function chosenColumns(choices: object | undefined, resolved: Partial<Record<string, number>>): Record<string, number | undefined> {
  return Object.fromEntries(Object.keys(choices ?? {}).map((field) => [field, resolved[field]]));
}

/** A platform's order columns with the columns the user chose over them (a "not in this file" keeps the platform's). */
export function withChosenColumns(columns: PlatformColumns, chosen: Record<string, number | undefined>): Record<string, number | undefined> {
  const merged: Record<string, number | undefined> = { ...columns };
  for (const [field, column] of Object.entries(chosen)) if (column !== undefined) merged[field] = column;
  return merged;
}

/** The fields of a transactions file's mapping that a platform's order columns fill (what the mapping screen shows). */
export function orderFieldMapping(columns: Record<string, number | undefined>): ColumnMapping<TransactionField> {
  const mapping: ColumnMapping<TransactionField> = {};
  for (const field of ["customer", "date", "amount", "order", "quantity", "channel", "status", "refund"] as const) if (columns[field] !== undefined) mapping[field] = columns[field];
  return mapping;
}
