/** How large an uploaded file may be: `IMPORT_MAX_BYTES` (bytes, or with a unit: `500MB`, `1GB`), default 200 MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * The upload limit from the environment. An unreadable value is logged and the default used.
 *
 * @example importMaxBytes("50MB") // 52428800
 */
export function importMaxBytes(value: string | undefined = process.env.IMPORT_MAX_BYTES): number {
  if (value === undefined || value.trim() === "") return DEFAULT_IMPORT_MAX_BYTES;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  const bytes = match ? Math.floor(Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()]!) : Number.NaN;
  if (!(bytes > 0)) {
    console.warn(`[import] IMPORT_MAX_BYTES="${value}" is not a size such as 209715200 or 200MB; using 200 MB.`);
    return DEFAULT_IMPORT_MAX_BYTES;
  }
  return bytes;
}
