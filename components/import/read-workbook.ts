/**
 * Reads a workbook's first sheet into CSV in a Web Worker (read-workbook.worker.ts), so that the page stays
 * responsive however large or hostile the workbook is; without Worker support (unit tests) on this thread.
 */
import { workbookToCsv, WorkbookCsvTooLargeError, type WorkbookCsv } from "./workbook-to-csv";

export type WorkbookRequest = { file: File; maxBytes: number };
export type WorkbookResponse =
  | { type: "progress"; share: number }
  | ({ type: "done" } & WorkbookCsv)
  | { type: "error"; name: string; message: string; sizeBytes?: number };

/** An error from the worker, with the name of the error that was thrown there (XlsxError, XlsxTooLargeError, ...). */
function revive(response: Extract<WorkbookResponse, { type: "error" }>): Error {
  if (response.name === "WorkbookCsvTooLargeError") return new WorkbookCsvTooLargeError(response.sizeBytes ?? 0);
  const error = new Error(response.message);
  error.name = response.name;
  return error;
}

export function readWorkbook(file: File, options: { maxBytes: number; onProgress?: (share: number) => void }): Promise<WorkbookCsv> {
  if (typeof Worker === "undefined") return file.arrayBuffer().then((buffer) => workbookToCsv(new Uint8Array(buffer), file.name, options));
  const worker = new Worker(new URL("./read-workbook.worker.ts", import.meta.url));
  return new Promise<WorkbookCsv>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkbookResponse>) => {
      const response = event.data;
      if (response.type === "progress") return options.onProgress?.(response.share);
      worker.terminate(); // frees the worker's memory (the unpacked sheet) at once
      if (response.type === "done") resolve({ csv: response.csv, sheetName: response.sheetName, sheetCount: response.sheetCount });
      else reject(revive(response));
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      // Out of memory, or the worker's script could not load.
      reject(new Error(event.message || "the workbook reader stopped"));
    };
    worker.postMessage({ file, maxBytes: options.maxBytes } satisfies WorkbookRequest);
  });
}
