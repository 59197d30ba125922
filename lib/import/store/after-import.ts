import { requestRecompute } from "@/lib/recompute";
import type { ImportReport } from "./import-report";

/**
 * After an import was committed in the server, the CLV figures are recomputed in the background (the
 * recompute job of lib/recompute runs in a process of its own; the page never waits for it). A recompute
 * that cannot be requested is logged and never undoes or hides the import.
 */
export async function afterImport(report: ImportReport): Promise<void> {
  if (report.status !== "committed" || report.imported + report.updated === 0) return;
  const result = await requestRecompute({ reason: `import ${report.importId ?? ""} (${report.fileName})`.trim() });
  if (!result.requested) console.error(`[import] the recompute after ${report.fileName} could not be requested: ${result.error ?? "unknown reason"}`);
}
