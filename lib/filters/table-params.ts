/**
 * Sorting and paging of the customer tables, kept in the URL next to the filter:
 *   sort=predicted   column (see CUSTOMER_TABLE_SORTS; default predicted CLV)
 *   dir=desc         asc or desc (default: the column's natural direction)
 *   page=3           1-based page of PAGE_SIZE rows
 * Pure: the pages parse it, the table writes its header and paging links with it.
 */
import { firstParam, type SearchParamsInput } from "./customer-filter";

/** Sort columns of the customer table (the same names as `CustomerSort` in lib/queries/customer-scores.ts). */
export const CUSTOMER_TABLE_SORTS = ["predicted", "historic", "total", "alive", "lastPurchase", "relationship", "purchases", "name"] as const;
export type CustomerTableSort = (typeof CUSTOMER_TABLE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const PAGE_SIZE = 50;
/** Pages beyond this are not offered (OFFSET gets slow); narrow the filter instead. */
export const MAX_PAGE = 100_000;

export interface TableState {
  sort: CustomerTableSort;
  dir: SortDirection;
  page: number;
}

export const DEFAULT_TABLE_STATE: TableState = { sort: "predicted", dir: "desc", page: 1 };

/** The direction a first click on a column sorts in: names A to Z, figures highest (or most recent) first. */
export function naturalDirection(sort: CustomerTableSort): SortDirection {
  return sort === "name" ? "asc" : "desc";
}

/** Reads sort, direction and page from the URL; anything that does not parse falls back to the default. */
export function parseTableState(params: SearchParamsInput): TableState {
  const sortParam = firstParam(params, "sort");
  const sort = (CUSTOMER_TABLE_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as CustomerTableSort) : DEFAULT_TABLE_STATE.sort;
  const dirParam = firstParam(params, "dir");
  const dir: SortDirection = dirParam === "asc" || dirParam === "desc" ? dirParam : naturalDirection(sort);
  const pageParam = Number(firstParam(params, "page"));
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? Math.min(pageParam, MAX_PAGE) : 1;
  return { sort, dir, page };
}

/** The last page for a number of rows (at least 1: an empty table has one empty page). */
export function lastPage(total: number, pageSize = PAGE_SIZE): number {
  return Math.min(Math.max(1, Math.ceil(total / pageSize)), MAX_PAGE);
}

/** The rows a page shows, 1-based and inclusive ("51–100 of 1,234"); from > to when there are none. */
export function pageRange(page: number, total: number, pageSize = PAGE_SIZE): { from: number; to: number } {
  const from = (page - 1) * pageSize + 1;
  return { from: Math.min(from, total + 1), to: Math.min(page * pageSize, total) };
}

/**
 * A link to the same view with some table parameters changed; the filter and other parameters stay.
 * Default values are left out so links stay short (`?sort=predicted&dir=desc&page=1` is just `?`).
 */
export function tableHref(pathname: string, current: URLSearchParams, change: Partial<TableState>): string {
  const params = new URLSearchParams(current);
  for (const [name, value] of Object.entries(change) as [keyof TableState, TableState[keyof TableState]][]) params.set(name, String(value));
  const sort = (params.get("sort") ?? DEFAULT_TABLE_STATE.sort) as CustomerTableSort;
  if (params.get("sort") === DEFAULT_TABLE_STATE.sort) params.delete("sort");
  if (params.get("dir") === naturalDirection(sort)) params.delete("dir");
  if (params.get("page") === "1") params.delete("page");
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The link of a sortable column header: a click on the sorted column flips the direction, another column starts at its natural one. */
export function sortHref(pathname: string, current: URLSearchParams, state: TableState, column: CustomerTableSort): string {
  const dir = state.sort === column ? (state.dir === "asc" ? "desc" : "asc") : naturalDirection(column);
  return tableHref(pathname, current, { sort: column, dir, page: 1 });
}

/** Next.js `searchParams` as URLSearchParams (repeated parameters kept), for building links. */
export function toUrlSearchParams(params: Record<string, string | string[] | undefined> | URLSearchParams): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const result = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}
