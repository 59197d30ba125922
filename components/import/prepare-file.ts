/**
 * Gets a chosen file ready for the import page, in the browser: checks its size, turns an Excel
 * workbook into CSV (first sheet), and reads the first 64 KB that `sniffFile` looks at. The file
 * itself is never read as a whole unless it is a workbook (a ZIP can only be unpacked whole).
 */
import { fileTooLargeMessage } from "@/app/api/imports/contract";
export { rejectedRowsFileName } from "@/app/api/imports/contract";
import { fileExtension } from "@/lib/import/binary-check";
import { SNIFF_BYTES } from "@/lib/import/sniff";
import { looksLikeZip, readFirstSheet, XlsxError } from "@/lib/import/xlsx";

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

/** Lets the browser paint (progress) between slices of work. */
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Prepares `file`; `onProgress` gets 0..1 while a workbook is converted. Throws {@link PrepareFileError}
 * when the file is over `maxBytes` or is a workbook that cannot be read.
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
    options.onProgress?.(0);
    await nextTick();
    const sheet = readFirstSheet(new Uint8Array(await file.arrayBuffer()), file.name);
    const parts: string[] = [];
    let lastPause = performance.now();
    for (const chunk of sheet.csvChunks({ rowsPerChunk: 5000 })) {
      parts.push(chunk.text);
      if (performance.now() - lastPause > 50) {
        options.onProgress?.(chunk.progress);
        await nextTick();
        lastPause = performance.now();
      }
    }
    options.onProgress?.(1);
    const csv = new Blob(parts, { type: "text/csv;charset=utf-8" });
    if (csv.size > options.maxBytes) {
      throw new PrepareFileError(
        `${fileTooLargeMessage(file.name, csv.size, options.maxBytes).replace(`'${file.name}'`, `The first sheet of '${file.name}'`)}`,
      );
    }
    return { file, source: csv, head: await readHead(csv), workbook: { sheetName: sheet.sheetName, sheetCount: sheet.sheetCount } };
  } catch (error) {
    if (error instanceof PrepareFileError) throw error;
    // A ZIP that is not a workbook, renamed to .csv: the sniff explains what it is.
    if (error instanceof XlsxError && (extension === "csv" || extension === "txt")) return { file, source: file, head, workbook: null };
    if (error instanceof XlsxError) throw new PrepareFileError(error.message);
    throw new PrepareFileError(`'${file.name}' could not be read: ${(error as Error).message}`);
  }
}

