/**
 * The history page's URL: `/history?from=ID&to=ID&by=tier|rfm|quadrant&measure=customers|value&cell=FROM.TO&page=N`.
 * A cell key is the group in the earlier snapshot and the group in the later one joined by a dot, with `new`
 * for customers not scored in the earlier snapshot and `gone` for those not scored in the later one
 * (`1.2`, `new.champions`, `high-long.gone`). Pure: the page, its links and the tests share it.
 */
import { firstParam, type SearchParamsInput } from "@/lib/filters/customer-filter";
import { MIGRATION_GROUPINGS, type MigrationGrouping } from "@/lib/queries/snapshot-compare-keys";

export type HistoryMeasure = "customers" | "value";

export interface HistoryParams {
  from: number | undefined;
  to: number | undefined;
  by: MigrationGrouping;
  measure: HistoryMeasure;
  cell: { from: string | null; to: string | null } | null;
  page: number;
}

function snapshotId(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

/**
 * @example parseCellKey("new.champions") // { from: null, to: "champions" }
 * @example parseCellKey("new.gone") // null
 */
export function parseCellKey(value: string | undefined): { from: string | null; to: string | null } | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0 || dot === value.length - 1) return null;
  const from = value.slice(0, dot);
  const to = value.slice(dot + 1);
  if (!/^[\w-]+$/.test(from) || !/^[\w-]+$/.test(to) || (from === "new" && to === "gone")) return null;
  return { from: from === "new" ? null : from, to: to === "gone" ? null : to };
}

/** @example cellKey({ from: null, to: "1" }) // "new.1" */
export function cellKey(cell: { from: string | null; to: string | null }): string {
  return `${cell.from ?? "new"}.${cell.to ?? "gone"}`;
}

export function parseHistoryParams(params: SearchParamsInput): HistoryParams {
  const by = firstParam(params, "by");
  const page = Number(firstParam(params, "page"));
  return {
    from: snapshotId(firstParam(params, "from")),
    to: snapshotId(firstParam(params, "to")),
    by: (MIGRATION_GROUPINGS as readonly string[]).includes(by ?? "") ? (by as MigrationGrouping) : "tier",
    measure: firstParam(params, "measure") === "value" ? "value" : "customers",
    cell: parseCellKey(firstParam(params, "cell")),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * The history URL for a comparison; defaults (`by=tier`, `measure=customers`, first page) are left out.
 *
 * @example historyHref({ from: 3, to: 5, by: "rfm" }) // "/history?from=3&to=5&by=rfm"
 */
export function historyHref({
  from,
  to,
  by = "tier",
  measure = "customers",
  cell = null,
  page = 1,
}: { from: number; to: number; by?: MigrationGrouping; measure?: HistoryMeasure; cell?: { from: string | null; to: string | null } | null; page?: number }): string {
  const query = new URLSearchParams({ from: String(from), to: String(to) });
  if (by !== "tier") query.set("by", by);
  if (measure !== "customers") query.set("measure", measure);
  if (cell) query.set("cell", cellKey(cell));
  if (cell && page > 1) query.set("page", String(page));
  return `/history?${query.toString()}`;
}
