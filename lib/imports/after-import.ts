import type { ImportReport } from "./run-import";

/**
 * What runs after an import was committed, in the process that ran it (server or command line).
 * The scoring job (issue #5) registers itself here to recompute the CLV figures after new data.
 */
type ImportListener = (report: ImportReport) => void | Promise<void>;

const holder = globalThis as typeof globalThis & { klantwaardeImportListeners?: ImportListener[] };
const listeners = (holder.klantwaardeImportListeners ??= []);

export function onImportCommitted(listener: ImportListener): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

/** Calls every listener; a failing listener is logged and never undoes or hides the import. */
export async function afterImport(report: ImportReport): Promise<void> {
  for (const listener of [...listeners]) {
    try {
      await listener(report);
    } catch (error) {
      console.error("[import] a follow-up of the import failed", error);
    }
  }
}
