/**
 * Recognises files that are not text at all: images, PDFs, archives and Excel workbooks that were
 * uploaded (or renamed) as `.csv`. Looks only at the first bytes, so it is cheap to run on any upload.
 */
import type { ImportProblem } from "./problems";

interface Signature {
  bytes: number[];
  kind: string;
}

const SIGNATURES: Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "a PDF document" },
  { bytes: [0x1f, 0x8b], kind: "a compressed (gzip) file" },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: "a 7-Zip archive" },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** Old Office files (.xls, .doc) are OLE2 compound documents. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, index) => bytes[index] === byte);
}

/** The file name's extension in lower case without the dot (`"Export.XLSX"` → `"xlsx"`), or `""`. */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

const SAVE_AS_CSV = "Open it in Excel and choose File > Save As > 'CSV UTF-8 (comma delimited)', then upload that file.";

/**
 * Returns an error problem when the bytes are not a text file, `null` when they look like text.
 * `.xlsx` is a ZIP file: a ZIP named `.xlsx`/`.xlsm` is reported as an Excel workbook, any other ZIP
 * as an archive. NUL bytes count as binary unless `utf16` is set (UTF-16 text is full of them), so run
 * this before trusting an encoding detected from zero bytes.
 *
 * @example checkBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "klanten.csv")?.code // "binary-file"
 */
export function checkBinary(bytes: Uint8Array, fileName: string, options: { utf16?: boolean } = {}): ImportProblem | null {
  const extension = fileExtension(fileName);
  const named = fileName ? `'${fileName}'` : "This file";
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
    if (extension === "xlsx" || extension === "xlsm") {
      return {
        severity: "error",
        code: "excel-workbook",
        message: `${named} is an Excel workbook. Klantwaarde reads CSV files: ${SAVE_AS_CSV}`,
      };
    }
    const hint = extension === "csv" || extension === "txt" ? " (perhaps an Excel workbook renamed to .csv)" : "";
    return {
      severity: "error",
      code: "binary-file",
      message: `${named} is a ZIP archive${hint}, not a CSV text file. ${SAVE_AS_CSV}`,
    };
  }
  if (startsWith(bytes, OLE2)) {
    return {
      severity: "error",
      code: "excel-workbook",
      message: `${named} is an old-style Excel (.xls) or Office file, not a CSV text file. ${SAVE_AS_CSV}`,
    };
  }
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      return {
        severity: "error",
        code: "binary-file",
        message: `${named} is ${signature.kind}, not a CSV text file. Export your data as CSV from your webshop, CRM or Excel.`,
      };
    }
  }
  if (options.utf16) return null;
  const limit = Math.min(bytes.length, 65_536);
  for (let index = 0; index < limit; index++) {
    if (bytes[index] === 0) return nulBytesProblem(fileName);
  }
  return null;
}

/**
 * The problem of a file with a NUL byte (or, once decoded, a NUL character) in it: the same message
 * whether it is in the first 64 KB or further on.
 */
export function nulBytesProblem(fileName: string): ImportProblem {
  const named = fileName ? `'${fileName}'` : "This file";
  return {
    severity: "error",
    code: "binary-file",
    message: `${named} contains binary data (NUL bytes), so it is not a CSV text file. Export your data as CSV from your webshop, CRM or Excel.`,
  };
}
