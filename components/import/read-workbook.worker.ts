/**
 * The Web Worker that reads a workbook (read-workbook.ts starts it): unpacking and converting a large sheet
 * takes seconds and up to the unpack bound in memory, away from the page's main thread. It answers with
 * progress messages, then the CSV or the error's name and message, and is terminated afterwards.
 */
import { workbookToCsv } from "./workbook-to-csv";
import type { WorkbookRequest, WorkbookResponse } from "./read-workbook";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<WorkbookRequest>) => void) | null; postMessage(message: WorkbookResponse): void };

scope.onmessage = async (event) => {
  const { file, maxBytes } = event.data;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = workbookToCsv(bytes, file.name, { maxBytes, onProgress: (share) => scope.postMessage({ type: "progress", share }) });
    scope.postMessage({ type: "done", ...result });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ type: "error", name, message, sizeBytes: (error as { sizeBytes?: number }).sizeBytes });
  }
};
