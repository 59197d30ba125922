/**
 * Server-side check of the query string of `POST /api/imports` (see contract.ts). Nothing the browser
 * detected is trusted: these are only the user's choices; the server sniffs the file again itself.
 */
import { z } from "zod";
import { DATE_FORMATS } from "@/lib/import/read/date-format";
import { DELIMITERS } from "@/lib/import/read/delimiter";
import { TEXT_ENCODINGS } from "@/lib/import/read/encoding";
import { fieldsOf } from "@/lib/import/read/fields";
import type { ImportUploadParams } from "../contract";

/** A column's name as in the header (`--status-column`, `--refund-column`). */
function columnName(parameter: string) {
  return z
    .string()
    .trim()
    .min(1, `${parameter} is empty`)
    .max(500, `${parameter} is longer than 500 characters`)
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), `${parameter} contains control characters`)
    .optional();
}

const queryFields = {
  kind: z.enum(["transactions", "customers"], { error: "kind must be 'transactions' or 'customers'" }),
  fileName: z
    .string({ error: "fileName is required" })
    .trim()
    .min(1, "fileName is required")
    .max(255, "fileName is longer than 255 characters")
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "fileName contains control characters"),
  skipInvalid: z.enum(["true", "false"], { error: "skipInvalid must be 'true' or 'false'" }).default("false"),
  delimiter: z.enum(DELIMITERS, { error: "delimiter must be ; , | or a tab" }).optional(),
  decimal: z.enum([",", "."], { error: "decimal must be ',' or '.'" }).optional(),
  dateFormat: z.enum(DATE_FORMATS as [string, ...string[]], { error: `dateFormat must be one of ${DATE_FORMATS.join(", ")}` }).optional(),
  encoding: z.enum(TEXT_ENCODINGS as [string, ...string[]], { error: `encoding must be one of ${TEXT_ENCODINGS.join(", ")}` }).optional(),
  map: z.string().max(20_000, "map is too long").optional(),
  platform: z.enum(["auto", "none"], { error: "platform must be 'auto' or 'none'" }).optional(),
  countStatus: z
    .string()
    .max(2_000, "countStatus is too long")
    .refine((list) => !/[\u0000-\u001f\u007f]/.test(list), "countStatus contains control characters")
    .optional(),
  statusColumn: columnName("statusColumn"),
  refundColumn: columnName("refundColumn"),
};
const querySchema = z.strictObject(queryFields, {
  error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter ${issue.keys.map((key) => `'${key}'`).join(", ")}` : undefined),
});

const mappingChoice = z.union([z.string().max(500), z.number().int().min(0).max(100_000), z.null()]);

export type ParsedUploadParams = { ok: true; params: ImportUploadParams } | { ok: false; error: string };

/**
 * Reads and checks the query parameters. `map` must name fields of the chosen kind.
 *
 * @example parseUploadParams(new URLSearchParams("kind=transactions&fileName=orders.csv&dateFormat=DD-MM-YYYY"))
 * // { ok: true, params: { kind: "transactions", fileName: "orders.csv", skipInvalid: false, dateFormat: "DD-MM-YYYY" } }
 */
export function parseUploadParams(searchParams: URLSearchParams): ParsedUploadParams {
  const parsed = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    return { ok: false, error: `The import request is not valid: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.` };
  }
  const { map, skipInvalid, countStatus, ...rest } = parsed.data;
  const params: ImportUploadParams = { ...(rest as Omit<ImportUploadParams, "skipInvalid" | "map" | "countStatus">), skipInvalid: skipInvalid === "true" };
  if (countStatus !== undefined) {
    const statuses = countStatus.split(",").map((status) => status.trim()).filter((status) => status !== "");
    if (statuses.length > 0) params.countStatus = statuses;
  }
  for (const key of Object.keys(params) as (keyof ImportUploadParams)[]) if (params[key] === undefined) delete params[key];
  if (map !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(map);
    } catch {
      return { ok: false, error: "The import request is not valid: map is not JSON." };
    }
    const fields = fieldsOf(params.kind).map((definition) => definition.field) as [string, ...string[]];
    const mapping = z.partialRecord(z.enum(fields), mappingChoice).safeParse(json);
    if (!mapping.success) {
      return { ok: false, error: `The import request is not valid: map must give each field of a ${params.kind} file (${fields.join(", ")}) a column name, a column number or null.` };
    }
    params.map = mapping.data;
  }
  return { ok: true, params };
}
