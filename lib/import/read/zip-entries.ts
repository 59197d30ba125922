/**
 * Reads single entries of a ZIP file (an .xlsx workbook) with a bound on what unpacking may produce, so that
 * a "zip bomb" (a small file whose parts inflate to gigabytes) stops at the bound instead of filling memory.
 *
 * The central directory (APPNOTE.TXT 4.3.12, with the ZIP64 records of 4.3.14-4.3.15) says where each entry
 * is; its DEFLATE data (method 8) goes through fflate's streaming `Inflate` in slices of 16 KB, so at most
 * ~16.5 MB (DEFLATE's ratio is at most ~1032:1) is produced between two checks of the bound. The sizes the
 * directory declares are checked first, but never trusted: a bomb can declare anything.
 */
import { Inflate } from "fflate";

/** The bytes are not a ZIP file that can be read (the message says why, for people). */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

/** Unpacking went past the bound: `inflatedBytes` were produced (at most one slice beyond the limit). */
export class ZipLimitError extends Error {
  constructor(
    readonly entryName: string,
    readonly limitBytes: number,
    readonly inflatedBytes: number,
  ) {
    super(`'${entryName}' unpacks to more than ${limitBytes} bytes`);
    this.name = "ZipLimitError";
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** The uncompressed size the directory declares (a hint: a bomb can lie). */
  declaredSize: number;
  localHeaderOffset: number;
}

/** How much unpacking one read may produce in all (`usedBytes` grows with every entry). */
export interface UnpackBudget {
  limitBytes: number;
  usedBytes: number;
}

const SLICE_BYTES = 16 * 1024;
const u16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u32 = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
const u64 = (bytes: Uint8Array, at: number) => u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;

/**
 * The entries of the ZIP's central directory by name. Throws {@link ZipFormatError} when there is none.
 *
 * @example listZipEntries(zipSync({ "a.txt": strToU8("hi") })).get("a.txt")?.declaredSize // 2
 */
export function listZipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError("no ZIP central directory (the file is cut short or not a ZIP file)");
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
    const zip64End = u64(bytes, end - 20 + 8);
    if (u32(bytes, zip64End) !== 0x06064b50) throw new ZipFormatError("a damaged ZIP64 directory");
    count = u64(bytes, zip64End + 32);
    offset = u64(bytes, zip64End + 48);
  }
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50) throw new ZipFormatError("a damaged ZIP central directory");
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: u16(bytes, offset + 10),
      flags: u16(bytes, offset + 8),
      compressedSize: u32(bytes, offset + 20),
      declaredSize: u32(bytes, offset + 24),
      localHeaderOffset: u32(bytes, offset + 42),
    };
    readZip64Extra(bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), entry);
    entries.set(entry.name, entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extended information (header id 1) replaces the 32-bit fields that are 0xFFFFFFFF, in order. */
function readZip64Extra(extra: Uint8Array, entry: ZipEntry) {
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 1) continue;
    let field = at + 4;
    const next = () => {
      const value = u64(extra, field);
      field += 8;
      return value;
    };
    if (entry.declaredSize === 0xffffffff) entry.declaredSize = next();
    if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
    if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    return;
  }
}

/**
 * Unpacks one entry, charging what it produces to `budget`; stops with {@link ZipLimitError} as soon as the
 * entry passes `maxEntryBytes` or the budget is spent, having produced at most one slice more.
 *
 * @example
 * const zip = zipSync({ "a.txt": strToU8("hello") });
 * const budget = { limitBytes: 100, usedBytes: 0 };
 * strFromU8(inflateEntry(zip, listZipEntries(zip).get("a.txt")!, budget, 10)); // "hello"; budget.usedBytes is 5
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: UnpackBudget, maxEntryBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const limit = Math.min(maxEntryBytes, budget.limitBytes - budget.usedBytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw new ZipFormatError(`a damaged ZIP entry '${entry.name}'`);
  if (entry.flags & 1) throw new ZipFormatError(`'${entry.name}' is encrypted (the workbook has a password)`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(`the ZIP entry '${entry.name}' is cut short`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  // An honest declaration over the bound: refused without unpacking anything.
  if (entry.declaredSize > limit) throw new ZipLimitError(entry.name, limit, 0);
  if (entry.method === 0) {
    if (data.length > limit) throw new ZipLimitError(entry.name, limit, data.length);
    budget.usedBytes += data.length;
    return data.slice();
  }
  if (entry.method !== 8) throw new ZipFormatError(`'${entry.name}' uses compression method ${entry.method}, which cannot be read`);

  const chunks: Uint8Array[] = [];
  let produced = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (produced > limit) throw new ZipLimitError(entry.name, limit, produced);
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    for (let offset = 0; offset < data.length && !finished; offset += SLICE_BYTES) {
      inflater.push(data.subarray(offset, offset + SLICE_BYTES), offset + SLICE_BYTES >= data.length);
    }
  } catch (error) {
    if (error instanceof ZipLimitError) throw error;
    throw new ZipFormatError(`'${entry.name}' cannot be unpacked (${(error as Error).message})`);
  }
  budget.usedBytes += produced;
  if (chunks.length === 1) return chunks[0]!;
  const result = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}
