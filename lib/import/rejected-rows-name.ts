/** The download name of a file's rejected rows, shared by the import page and GET /api/imports/ID/rejected-rows. */

/** The name for the rejected-rows download: `klantwaarde-rejected-rows-orders-2026-11-23.csv`. */
export function rejectedRowsFileName(fileName: string, today: string): string {
  const base = fileName.replace(/\.[^./\\]+$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "file";
  return `klantwaarde-rejected-rows-${base}-${today}.csv`;
}
