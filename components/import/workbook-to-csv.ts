/**
 * Turns an Excel workbook's first sheet into CSV text for the import, within two bounds: unpacking stops at
 * {@link unpackLimitBytes} (8x the import limit, at most 1 GB: a zip bomb is refused with a message instead
 * of filling memory), and the CSV stops growing at the import limit. Runs in the Web Worker of
 * read-workbook.worker.ts so that the page stays responsive; pure, so tests call it directly.
 */
import { readFirstSheet, unpackLimitBytes } from "@/lib/import/read/xlsx";

export interface WorkbookCsv {
  csv: Blob;
  sheetName: string;
  sheetCount: number;
}

/** The CSV made of the sheet is larger than the import limit; `sizeBytes` is how far it got. */
export class WorkbookCsvTooLargeError extends Error {
  constructor(readonly sizeBytes: number) {
    super(`the first sheet's CSV passed ${sizeBytes} bytes`);
    this.name = "WorkbookCsvTooLargeError";
  }
}

/**
 * Throws XlsxError (not a workbook), XlsxTooLargeError (unpacks past the bound) or
 * {@link WorkbookCsvTooLargeError}; `onProgress` gets 0..1 while the sheet is converted.
 */
export function workbookToCsv(bytes: Uint8Array, fileName: string, options: { maxBytes: number; onProgress?: (share: number) => void }): WorkbookCsv {
  options.onProgress?.(0);
  const sheet = readFirstSheet(bytes, fileName, { maxUnpackedBytes: unpackLimitBytes(options.maxBytes) });
  const parts: string[] = [];
  let size = 0;
  let lastReport = 0;
  for (const chunk of sheet.csvChunks({ rowsPerChunk: 5000 })) {
    parts.push(chunk.text);
    size += chunk.text.length; // UTF-16 units, never more than its UTF-8 bytes: stops only what is surely too large
    if (size > options.maxBytes) throw new WorkbookCsvTooLargeError(size);
    if (chunk.progress - lastReport >= 0.01) {
      options.onProgress?.(chunk.progress);
      lastReport = chunk.progress;
    }
  }
  options.onProgress?.(1);
  const csv = new Blob(parts, { type: "text/csv;charset=utf-8" });
  if (csv.size > options.maxBytes) throw new WorkbookCsvTooLargeError(csv.size);
  return { csv, sheetName: sheet.sheetName, sheetCount: sheet.sheetCount };
}
