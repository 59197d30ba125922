/**
 * Gets a chosen file ready for the import page, in the browser: checks its size, turns an Excel
 * workbook into CSV (first sheet, in a Web Worker: read-workbook.ts), and reads the first 64 KB that
 * `sniffFile` looks at. The file itself is never read as a whole unless it is a workbook (a ZIP can only be
 * unpacked whole), and a workbook is unpacked only up to a bound (8x the import limit, at most 1 GB).
 */
import { fileTooLargeMessage } from "@/lib/import/contract";
import { fileExtension } from "@/lib/import/read/binary-check";
import { SNIFF_BYTES } from "@/lib/import/read/sniff";
import { looksLikeZip } from "@/lib/import/read/xlsx";
import { readWorkbook } from "./read-workbook";

export interface PreparedFile {
  file: File;
  /** What is uploaded: the file itself, or the CSV made from a workbook's first sheet. */
  source: Blob;
  /** The first bytes of `source`, for sniffing. */
  head: Uint8Array;
  /** Set for a workbook: the sheet that was read, and how many worksheets it has. */
  workbook: { sheetName: string; sheetCount: number } | null;
}

/** Raised with a message for people when the file cannot be used at all. */
export class PrepareFileError extends Error {}

async function readHead(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
}

/**
 * Prepares `file`; `onProgress` gets 0..1 while a workbook is converted. Throws {@link PrepareFileError}
 * when the file is over `maxBytes` or is a workbook that cannot be read (or unpacks past the bound).
 */
export async function prepareFile(file: File, options: { maxBytes: number; onProgress?: (share: number) => void }): Promise<PreparedFile> {
  if (file.size > options.maxBytes) throw new PrepareFileError(fileTooLargeMessage(file.name, file.size, options.maxBytes));
  const head = await readHead(file);
  const extension = fileExtension(file.name);
  if (!looksLikeZip(head) || (extension !== "xlsx" && extension !== "xlsm" && extension !== "csv" && extension !== "txt")) {
    return { file, source: file, head, workbook: null };
  }
  // A ZIP named .xlsx, or a workbook renamed to .csv: read its first sheet.
  try {
    const { csv, sheetName, sheetCount } = await readWorkbook(file, options);
    return { file, source: csv, head: await readHead(csv), workbook: { sheetName, sheetCount } };
  } catch (error) {
    // Errors cross from the worker by name (XlsxError, XlsxTooLargeError, WorkbookCsvTooLargeError).
    const { name, message } = error as Error;
    // (Conversion stops at the limit, so how large the whole CSV would be is not known.)
    if (name === "WorkbookCsvTooLargeError") throw new PrepareFileError(fileTooLargeMessage(file.name, null, options.maxBytes).replace(`'${file.name}'`, `The first sheet of '${file.name}'`));
    if (name === "XlsxTooLargeError") throw new PrepareFileError(message);
    // A ZIP that is not a workbook, renamed to .csv: the sniff explains what it is.
    if (name === "XlsxError" && (extension === "csv" || extension === "txt")) return { file, source: file, head, workbook: null };
    if (name === "XlsxError") throw new PrepareFileError(message);
    throw new PrepareFileError(`'${file.name}' could not be read: ${message}`);
  }
}
