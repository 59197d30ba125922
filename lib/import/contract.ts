/**
 * The contract of `POST /api/imports`, shared by the import page (which builds the request) and the
 * route (which checks it again with zod). Pure and browser-safe.
 *
 * Request: the raw file as the body (CSV bytes; the page turns an .xlsx workbook into CSV first), the
 * choices in the query string:
 *   kind         transactions | customers (required)
 *   fileName     the name shown in the import history (required)
 *   skipInvalid  true: import the valid rows and skip the rest (default false: all or nothing)
 *   delimiter    ; , | or a tab        (optional: detected on the server)
 *   decimal      , or .                (optional: detected)
 *   dateFormat   DD-MM-YYYY, EXCEL_SERIAL, ... (optional: detected; required when the dates are ambiguous)
 *   encoding     utf-8 | windows-1252 | utf-16le | utf-16be (optional: detected)
 *   map          JSON object field → column name, column index or null, e.g. {"amount":"omzet","status":"Status"}
 *   platform     none: read a platform export as an ordinary file
 *   countStatus  the statuses that count as purchases, as written, comma-separated (Betaald,Verzonden)
 *   statusColumn the status column's name (as map's status; for a platform export instead of its own)
 *   refundColumn the refunded-amount column's name (likewise)
 * Response: 200 `{ report }` (an `ImportReport`, whatever its status: committed, rejected or failed);
 * 400 (bad query), 409 (another import is running), 413 (file too large), 500: `{ error }`.
 */
import type { DecimalSeparator } from "@/lib/import/read/amount";
import type { MappingChoice } from "@/lib/import/read/column-mapping";
import type { DateFormat } from "@/lib/import/read/date-format";
import type { TextEncodingName } from "@/lib/import/read/encoding";
import type { ImportField, ImportKind } from "@/lib/import/read/fields";
import type { ImportReport } from "@/lib/import/store/import-report";
import { formatFileSize } from "@/lib/format";

export const IMPORTS_API_PATH = "/api/imports";

export interface ImportUploadParams {
  kind: ImportKind;
  fileName: string;
  skipInvalid: boolean;
  delimiter?: string;
  decimal?: DecimalSeparator;
  dateFormat?: DateFormat;
  encoding?: TextEncodingName;
  map?: Partial<Record<ImportField, MappingChoice>>;
  /** `"none"`: read a platform export as an ordinary file (default: recognise it). */
  platform?: "auto" | "none";
  /** The statuses that count as purchases (as written in the file), instead of the platform's defaults. */
  countStatus?: string[];
  /** The column holding the order's status (any transactions file; a platform export's instead of its own). */
  statusColumn?: string;
  /** The column holding the refunded amount (likewise). */
  refundColumn?: string;
}

export type ImportUploadResponse = { report: ImportReport } | { error: string };

/** The request URL for an upload with these choices. */
export function importUploadUrl(params: ImportUploadParams): string {
  const query = new URLSearchParams({ kind: params.kind, fileName: params.fileName, skipInvalid: String(params.skipInvalid) });
  if (params.delimiter !== undefined) query.set("delimiter", params.delimiter);
  if (params.decimal !== undefined) query.set("decimal", params.decimal);
  if (params.dateFormat !== undefined) query.set("dateFormat", params.dateFormat);
  if (params.encoding !== undefined) query.set("encoding", params.encoding);
  if (params.map && Object.keys(params.map).length > 0) query.set("map", JSON.stringify(params.map));
  if (params.platform === "none") query.set("platform", "none");
  if (params.countStatus && params.countStatus.length > 0) query.set("countStatus", params.countStatus.join(","));
  if (params.statusColumn !== undefined) query.set("statusColumn", params.statusColumn);
  if (params.refundColumn !== undefined) query.set("refundColumn", params.refundColumn);
  return `${IMPORTS_API_PATH}?${query.toString()}`;
}

/** The message for a file over the size limit, the same in the browser and from the server. */
export function fileTooLargeMessage(fileName: string, sizeBytes: number | null, maxBytes: number): string {
  const size = sizeBytes === null ? "is" : `is ${formatFileSize(sizeBytes)},`;
  return (
    `'${fileName}' ${size} more than the ${formatFileSize(maxBytes)} that can be imported at once. Nothing was imported. ` +
    "Split the file (for example per year) and import the parts one after another."
  );
}

/** The name for the rejected-rows download: `klantwaarde-rejected-rows-orders-2026-11-23.csv`. */
export function rejectedRowsFileName(fileName: string, today: string): string {
  const base = fileName.replace(/\.[^./\\]+$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "file";
  return `klantwaarde-rejected-rows-${base}-${today}.csv`;
}

/** Where every rejected row of import `importId` can be downloaded (GET; the report holds only the first ones). */
export function rejectedRowsUrl(importId: number): string {
  return `${IMPORTS_API_PATH}/${importId}/rejected-rows`;
}
